/**
 * The fleet: commands staff send to terminals, and the staff PIN check of the maintenance screen.
 *
 * Delivery: the terminal long-polls `terminalCommands` (`?waitMs=25000`); the server answers at once
 * when a command is pending, else as soon as one is issued (within about a second, from any server
 * instance: it polls the database), else with an empty list when `waitMs` runs out. A command stays
 * pending, and is delivered again on every poll, until the terminal acks it or it expires
 * (`expiresAt`; an offline terminal gets it when it comes back, unless expired). So delivery may
 * repeat: the terminal runs each `commandId` once and acks it; acks are idempotent (the first
 * result stands, a repeat answers the same). Every issue, delivery and ack is audited.
 *
 * `outOfService` / `inService` also flip `terminals.in_service` on the server when issued, so the
 * heartbeat and profile answers agree even before the terminal acks.
 */
import { z } from 'zod';
import { DeviceHealth, IsoDateTime, StaffRole } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';
import { StaffId } from './queue';

export const terminalCommandKinds = ['restartApp', 'resetDevice', 'outOfService', 'inService'] as const;
export const TerminalCommandKind = z.enum(terminalCommandKinds);
export type TerminalCommandKind = z.infer<typeof TerminalCommandKind>;

/** A device name, as in DeviceHealth. */
export const DeviceName = DeviceHealth.shape.device;
export type DeviceName = z.infer<typeof DeviceName>;

/** A command as the terminal receives it. `device` is set for `resetDevice` only. */
export const TerminalCommand = z.object({
  commandId: z.string().uuid(),
  kind: TerminalCommandKind,
  device: DeviceName.nullable(),
  issuedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type TerminalCommand = z.infer<typeof TerminalCommand>;

/** `GET terminalCommands?waitMs=` (query string): how long to hold the request open; 0 answers at once. */
export const CommandsQuery = z.object({ waitMs: z.coerce.number().int().min(0).max(30_000).default(0) }).strict();
export type CommandsQuery = z.infer<typeof CommandsQuery>;

/** Pending commands, oldest first. */
export const TerminalCommandsResponse = z.object({ commands: z.array(TerminalCommand) });
export type TerminalCommandsResponse = z.infer<typeof TerminalCommandsResponse>;

export const CommandParams = z.object({ commandId: z.string().uuid() }).strict();

/** How a command ended on the terminal. */
export const commandResults = ['done', 'failed', 'rejected'] as const;
export const CommandResult = z.enum(commandResults);
export type CommandResult = z.infer<typeof CommandResult>;

/** `POST ackCommand`. `detail` is a code (`receiptPrinter:noDevice`), never personal data. */
export const AckCommandRequest = z
  .object({ result: CommandResult, detail: z.string().max(200).nullable().optional() })
  .strict();
export type AckCommandRequest = z.infer<typeof AckCommandRequest>;

/** The stored ack (the first one; repeats answer the same). 404 for another terminal's command. */
export const AckCommandResponse = z.object({
  commandId: z.string().uuid(),
  result: CommandResult,
  ackedAt: IsoDateTime,
});
export type AckCommandResponse = z.infer<typeof AckCommandResponse>;

/**
 * `POST staffCheck`: a staff member proves themselves on a kiosk's maintenance screen with their
 * PIN, checked by the server for the calling terminal's hall. Wrong: 401 `unauthorized`; after 5
 * wrong PINs for one terminal and staff id within 10 minutes: 429 `rateLimited` (even for the right
 * PIN) until the window passes. Every attempt is audited.
 */
export const StaffCheckRequest = z.object({ staffId: StaffId, pin: z.string().regex(/^\d{4,8}$/) }).strict();
export type StaffCheckRequest = z.infer<typeof StaffCheckRequest>;

export const StaffCheckResponse = z.object({ staffId: z.string(), name: z.string(), role: StaffRole });
export type StaffCheckResponse = z.infer<typeof StaffCheckResponse>;

/**
 * Where to go when this terminal is closed: other terminals of the same hall that are in service
 * (staff have not closed them, they say they are serving, and they sent a heartbeat within the last
 * 30 s), by location only, at most 3, never the asking terminal itself; and the hall's staffed-window
 * hours when known (`halls.window_hours`, e.g. `周一至周五 9:00-12:00，13:30-17:30`). The server sends it
 * with the profile and every heartbeat answer, so the closed sign stays current.
 */
export const TerminalAlternative = z.object({
  terminalId: z.string().max(64),
  /** Where the terminal stands, as registered (`大厅东侧 2 号机`). */
  location: z.string().max(120),
});
export type TerminalAlternative = z.infer<typeof TerminalAlternative>;

export const TerminalAlternatives = z.object({
  terminals: z.array(TerminalAlternative).max(3),
  staffedWindowHours: z.string().max(200).nullable(),
});
export type TerminalAlternatives = z.infer<typeof TerminalAlternatives>;

/** No alternative known (an older server, or none in service). */
export const noAlternatives: TerminalAlternatives = { terminals: [], staffedWindowHours: null };

// ---------------------------------------------------------------------------------------------
// The staff side

/** Health at a glance: `offline` when no heartbeat for 30 s; else the worst device state. */
export const TerminalHealth = z.enum(['ok', 'degraded', 'failed', 'offline']);
export type TerminalHealth = z.infer<typeof TerminalHealth>;

/** One terminal of the staff member's hall. */
export const FleetTerminal = z.object({
  terminalId: z.string(),
  location: z.string().nullable(),
  enabled: z.boolean(),
  /** The server's decision (staff out-of-service / in-service). */
  inService: z.boolean(),
  /** What the terminal last said of itself (it may close itself, e.g. when no reader works). */
  reportedInService: z.boolean().nullable(),
  health: TerminalHealth,
  lastHeartbeatAt: IsoDateTime.nullable(),
  appVersion: z.string().nullable(),
  uptimeS: z.number().int().min(0).nullable(),
  devices: z.array(DeviceHealth),
  lastError: z.string().nullable(),
  /** Commands issued but not yet acked nor expired. */
  pendingCommands: z.number().int().min(0),
});
export type FleetTerminal = z.infer<typeof FleetTerminal>;

export const FleetResponse = z.object({ terminals: z.array(FleetTerminal), asOf: IsoDateTime });
export type FleetResponse = z.infer<typeof FleetResponse>;

export const TerminalParams = z.object({ terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();

/**
 * `POST staffSendCommand`. `device` is required for `resetDevice` and refused otherwise.
 * `ttlS`: how long an offline terminal may still receive it (default 600 s). Supervisors and
 * admins only (clerks: 403 `forbidden`). A repeat with the same `idempotencyKey` returns the same command.
 */
export const SendCommandRequest = z
  .object({
    kind: TerminalCommandKind,
    device: DeviceName.nullable().optional(),
    ttlS: z.number().int().min(10).max(86_400).optional(),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .strict()
  .refine((b) => (b.kind === 'resetDevice') === (b.device != null), {
    message: 'device is required for resetDevice and only for it',
    path: ['device'],
  });
export type SendCommandRequest = z.infer<typeof SendCommandRequest>;

/** A command as staff see it (the audit of one command). */
export const CommandView = z.object({
  commandId: z.string().uuid(),
  terminalId: z.string(),
  kind: TerminalCommandKind,
  device: DeviceName.nullable(),
  issuedBy: z.string(),
  issuedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** `pending` until acked; `expired` when not acked before `expiresAt`. */
  status: z.enum(['pending', 'acked', 'expired']),
  firstDeliveredAt: IsoDateTime.nullable(),
  result: CommandResult.nullable(),
  resultDetail: z.string().nullable(),
  ackedAt: IsoDateTime.nullable(),
});
export type CommandView = z.infer<typeof CommandView>;

/** `GET staffTerminalCommands`: the terminal's last 50 commands, newest first. */
export const CommandListResponse = z.object({ commands: z.array(CommandView) });
export type CommandListResponse = z.infer<typeof CommandListResponse>;

/** The fleet's routes: the terminal's command long-poll, ack and PIN check; the console's fleet screen. */
export const fleetRoutes = {
  terminalCommands: {
    method: 'GET',
    path: `${API_PREFIX}/terminal/commands`,
    auth: 'terminal',
    summary: 'Pending commands for this terminal; long-polls up to waitMs for one',
    query: CommandsQuery,
    response: { status: 200, schema: TerminalCommandsResponse, name: 'TerminalCommandsResponse' },
    errors: [],
  },
  ackCommand: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/commands/:commandId/ack`,
    auth: 'terminal',
    summary: 'Acknowledge a command with its result (idempotent: the first result stands)',
    params: CommandParams,
    body: { schema: AckCommandRequest, name: 'AckCommandRequest' },
    response: { status: 200, schema: AckCommandResponse, name: 'AckCommandResponse' },
    errors: ['notFound'],
  },
  staffCheck: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/staff-check`,
    auth: 'terminal',
    summary: "Verify a staff member's PIN entered on this terminal's maintenance screen",
    body: { schema: StaffCheckRequest, name: 'StaffCheckRequest' },
    response: { status: 200, schema: StaffCheckResponse, name: 'StaffCheckResponse' },
    errors: ['rateLimited'],
  },
  staffTerminals: {
    method: 'GET',
    path: `${API_PREFIX}/staff/terminals`,
    auth: 'staff',
    summary: "Every terminal of the staff member's hall with health at a glance",
    response: { status: 200, schema: FleetResponse, name: 'FleetResponse' },
    errors: [],
  },
  staffSendCommand: {
    method: 'POST',
    path: `${API_PREFIX}/staff/terminals/:terminalId/commands`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: 'Send a command to a terminal of the hall (supervisors and admins)',
    params: TerminalParams,
    body: { schema: SendCommandRequest, name: 'SendCommandRequest' },
    response: { status: 201, schema: CommandView, name: 'CommandView' },
    errors: ['notFound', 'conflict'],
  },
  staffTerminalCommands: {
    method: 'GET',
    path: `${API_PREFIX}/staff/terminals/:terminalId/commands`,
    auth: 'staff',
    summary: "A terminal's last 50 commands with their results",
    params: TerminalParams,
    response: { status: 200, schema: CommandListResponse, name: 'CommandListResponse' },
    errors: ['notFound'],
  },
} as const satisfies HallRouteTable;
