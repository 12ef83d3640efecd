/**
 * The hall server's HTTP API: the foundation's routes (health, the terminal itself, sessions) and
 * `hallRoutes`, the one table of every route, joined from the areas' own tables.
 */
import { z } from 'zod';
import { appointmentPhoneRoutes } from './appointment-phone';
import { appointmentRoutes } from './appointments';
import { certificationRoutes } from './certification';
import { noticeRoutes } from './notices';
import { faceChallengeRoutes } from './face-challenge';
import { contentRoutes } from './content';
import { DeviceHealth, IdNumberSchema, InsuranceSummary, IsoDateTime, PersonView } from './domain';
import { E_CARD_MAX_LENGTH } from './e-card';
import { TerminalAlternatives, fleetRoutes, noAlternatives } from './fleet';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';
import { DEFAULT_HALL_TIME_ZONE } from './hall-time';
import { inquiryRoutes } from './inquiry';
import { paymentRoutes } from './payment';
import { queueRoutes } from './queue';
import { staffRoutes } from './staff';
import { statementRoutes } from './statements';
import { updateRoutes } from './updates';
import { terminalKeyRoutes } from './terminal-keys';

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

/** The terminal's own profile, as the server knows it. */
export const TerminalProfile = z.object({
  terminalId: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  /** The hall's name in English (HALL_NAME_EN), shown in English mode; absent when not configured. */
  hallNameEn: z.string().max(120).optional(),
  /** The hall's time zone (`halls.time_zone`); older servers send none. */
  hallTimeZone: z.string().max(60).default(DEFAULT_HALL_TIME_ZONE),
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
export const coreRoutes = {
  health: {
    method: 'GET',
    path: '/health',
    auth: 'public',
    summary: 'Liveness and database kind',
    response: { status: 200, schema: HealthResponse, name: 'HealthResponse' },
    errors: [],
  },
  terminalProfile: {
    method: 'GET',
    path: `${API_PREFIX}/terminal`,
    auth: 'terminal',
    summary: "The calling terminal's profile",
    response: { status: 200, schema: TerminalProfile, name: 'TerminalProfile' },
    errors: [],
  },
  heartbeat: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/heartbeat`,
    auth: 'terminal',
    summary: "The terminal's heartbeat: version, uptime, device health; answers whether it is in service",
    body: { schema: HeartbeatRequest, name: 'HeartbeatRequest' },
    response: { status: 200, schema: HeartbeatResponse, name: 'HeartbeatResponse' },
    errors: [],
  },
  openSession: {
    method: 'POST',
    path: `${API_PREFIX}/sessions`,
    auth: 'terminal',
    summary: 'Open a citizen session from a card read on this terminal',
    body: { schema: OpenSessionRequest, name: 'OpenSessionRequest' },
    response: { status: 201, schema: OpenSessionResponse, name: 'OpenSessionResponse' },
    errors: ['cardInvalid', 'eCardExpired', 'personNotFound', 'outOfService'],
  },
  closeSession: {
    method: 'DELETE',
    path: `${API_PREFIX}/sessions/:sessionId`,
    auth: 'terminal',
    summary: 'Close a session (idempotent)',
    params: SessionParams,
    response: { status: 204, schema: null },
    errors: ['noSession'],
  },
  sessionSummary: {
    method: 'GET',
    path: `${API_PREFIX}/sessions/:sessionId/summary`,
    auth: 'terminal',
    summary: "The session person's insurance summary",
    params: SessionParams,
    response: { status: 200, schema: InsuranceSummary, name: 'InsuranceSummary' },
    errors: SESSION_ERRORS,
  },
} as const satisfies HallRouteTable;

/**
 * Every route of the hall server, by name: each area keeps its routes in its own contract file
 * (`<area>Routes`, records of `HallRoute`, see hall-route.ts) and adds one spread here. The server
 * registers them all from this table and the host calls them through it.
 */
export const hallRoutes = {
  ...coreRoutes,
  ...queueRoutes,
  ...fleetRoutes,
  ...staffRoutes,
  ...statementRoutes,
  ...inquiryRoutes,
  ...contentRoutes,
  ...certificationRoutes,
  ...updateRoutes,
  ...appointmentRoutes,
  ...terminalKeyRoutes,
  ...paymentRoutes,
  ...appointmentPhoneRoutes,
  ...noticeRoutes,
  ...faceChallengeRoutes,
} as const satisfies HallRouteTable;

/** Parses `Bearer <terminalId>.<secret>`; null when malformed. */
export function parseTerminalCredential(header: string | undefined): { terminalId: string; secret: string } | null {
  const m = /^Bearer ([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  return m ? { terminalId: m[1]!, secret: m[2]! } : null;
}
