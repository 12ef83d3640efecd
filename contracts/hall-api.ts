/**
 * The hall server's HTTP API as terminals call it. Every route except health and the
 * OpenAPI document needs the terminal credential: `Authorization: Bearer <terminalId>.<secret>`.
 */
import { z } from 'zod';
import { DeviceHealth, IdNumberSchema, IsoDateTime, PersonView } from './domain';
import { contentHallRoutes } from './content';
import { certificationHallRoutes } from './certification';
import { E_CARD_MAX_LENGTH } from './e-card';
import { TerminalAlternatives, fleetHallRoutes, noAlternatives } from './fleet';
import { queueHallRoutes, staffApiRoutes } from './queue';
import { staffAuditRoutes } from './staff-audit';
import { statementHallRoutes } from './statements';
import { inquiryHallRoutes } from './inquiry';

export const API_PREFIX = '/api/v1';

/**
 * Opens a citizen session from a card read on this terminal. A social security card carries the
 * holder's ID number (社会保障号码) and name, so the server resolves both cards the same way. An
 * electronic social security card (电子社保卡) is sent as the scanned code itself
 * (`ESSC1.<payload>.<signature>`, see e-card.ts); the server verifies it before trusting its holder.
 */
export const OpenSessionRequest = z.discriminatedUnion('identifiedBy', [
  z
    .object({
      identifiedBy: z.enum(['idCard', 'ssCard']),
      idNumber: IdNumberSchema,
      name: z.string().min(1).max(60),
    })
    .strict(),
  z
    .object({
      identifiedBy: z.literal('eSsCard'),
      code: z.string().min(1).max(E_CARD_MAX_LENGTH),
    })
    .strict(),
]);
export type OpenSessionRequest = z.infer<typeof OpenSessionRequest>;

export const OpenSessionResponse = z.object({
  sessionId: z.string().uuid(),
  person: PersonView,
  expiresAt: IsoDateTime,
});
export type OpenSessionResponse = z.infer<typeof OpenSessionResponse>;

export const SessionParams = z.object({ sessionId: z.string().uuid() }).strict();

/** The terminal's own profile, as the server knows it. */
export const TerminalProfile = z.object({
  terminalId: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  inService: z.boolean(),
  /** Where to send people while this terminal is closed (absent from older servers: none known). */
  alternatives: TerminalAlternatives.default(noAlternatives),
});
export type TerminalProfile = z.infer<typeof TerminalProfile>;

/** What a terminal reports of itself every few seconds (and at once when a device changes). */
export const HeartbeatRequest = z
  .object({
    appVersion: z.string().min(1).max(40),
    uptimeS: z.number().int().min(0).max(1e9),
    /** Whether the terminal itself is serving (it may be closed locally, e.g. no reader works). */
    inService: z.boolean(),
    devices: z.array(DeviceHealth).max(16),
    /** The most recent fault as a code (`receiptPrinter:paperOut`), never personal data. */
    lastError: z.string().max(200).nullable(),
  })
  .strict();
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

/** The server's answer: what it knows of the terminal, so staff decisions reach it. */
export const HeartbeatResponse = z.object({
  inService: z.boolean(),
  receivedAt: IsoDateTime,
  /** As in TerminalProfile: refreshed with every heartbeat. */
  alternatives: TerminalAlternatives.default(noAlternatives),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

export const HealthResponse = z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) });

/** The foundation's routes: health, the terminal itself, sessions. */
export const coreHallRoutes = {
  health: { method: 'GET', path: '/health', auth: false },
  terminalProfile: { method: 'GET', path: `${API_PREFIX}/terminal`, auth: true },
  heartbeat: { method: 'POST', path: `${API_PREFIX}/terminal/heartbeat`, auth: true },
  openSession: { method: 'POST', path: `${API_PREFIX}/sessions`, auth: true },
  closeSession: { method: 'DELETE', path: `${API_PREFIX}/sessions/:sessionId`, auth: true },
  sessionSummary: { method: 'GET', path: `${API_PREFIX}/sessions/:sessionId/summary`, auth: true },
} as const;

/**
 * Route table: method, path (Fastify syntax), and auth (`true`: terminal credential; `false`: none;
 * `'staff'`: a staff token, see queue.ts). The server and the host client both use it.
 * Each service area keeps its routes in its own contract file (`<area>HallRoutes`) and adds one spread here.
 */
export const hallRoutes = {
  ...coreHallRoutes,
  ...queueHallRoutes,
  ...fleetHallRoutes,
  ...staffApiRoutes,
  ...staffAuditRoutes,
  ...statementHallRoutes,
  ...inquiryHallRoutes,
  ...contentHallRoutes,
  ...certificationHallRoutes,
} as const;

/** Parses `Bearer <terminalId>.<secret>`; null when malformed. */
export function parseTerminalCredential(header: string | undefined): { terminalId: string; secret: string } | null {
  const m = /^Bearer ([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  return m ? { terminalId: m[1]!, secret: m[2]! } : null;
}
