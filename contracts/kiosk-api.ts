/**
 * The KioskApi: everything the renderer may ask of the host (`window.kiosk`), and the
 * events the host pushes. Each method and event has a runtime schema; the host checks
 * every call that arrives over Electron IPC or the browser-mode WebSocket against it.
 */
import { z } from 'zod';
import { certificationKioskMethods } from './certification';
import { DeviceHealth, IdentifiedBy, InsuranceSummary, PersonView } from './domain';
import { appointmentKioskMethods } from './appointment-kiosk';
import { citizenKioskEvents, citizenKioskMethods } from './citizen-kiosk';
import { ErrorBody, KioskError } from './errors';
import { TerminalAlternatives } from './fleet';
import { maintenanceKioskEvents, maintenanceKioskMethods, queueKioskMethods } from './queue-kiosk';
import { recoveryKioskEvents, recoveryKioskMethods } from './recovery';
import { paymentKioskEvents, paymentKioskMethods } from './payment-kiosk';

/** Why a session ended. */
export const SessionEndReason = z.enum(['cardRemoved', 'exit', 'timeout', 'outOfService', 'error']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** The open session as the renderer sees it. */
export const SessionView = z.object({
  person: PersonView,
  identifiedBy: IdentifiedBy,
  /** Inactivity timeout of the session, in ms. */
  timeoutMs: z.number().int().positive(),
  /** Time left before the session ends for inactivity, when this view was made. */
  expiresInMs: z.number().int().min(0),
});
export type SessionView = z.infer<typeof SessionView>;

/** What the terminal knows of itself. */
export const TerminalStatus = z.object({
  terminalId: z.string().max(64),
  hallName: z.string().max(120),
  /** The hall's name in English, when the hall server has one (shown in English mode). */
  hallNameEn: z.string().max(120).optional(),
  /** The hall's time zone (`halls.time_zone`), once the hall server has said; screens show hall time in it. */
  hallTimeZone: z.string().max(60).optional(),
  inService: z.boolean(),
  serverReachable: z.boolean(),
  devices: z.array(DeviceHealth),
  /** Other terminals in service and the staffed-window hours, for the closed sign (absent: none known). */
  alternatives: TerminalAlternatives.optional(),
  /** Devices this terminal does not have (left out of its configuration): their services are hidden. */
  notInstalled: z.array(DeviceHealth.shape.device).optional(),
});
export type TerminalStatus = z.infer<typeof TerminalStatus>;

/** A problem while reading a card that the person should be told about. */
export const CardProblem = z.object({
  code: z.enum([
    'personNotFound',
    'cardInvalid',
    'serverUnreachable',
    'cardReadFailed',
    /** The e-card code's lifetime is over: refresh it on the phone. */
    'eCardExpired',
    /** A scanned code is not a genuine e-card code. */
    'eCardInvalid',
    'internal',
  ]),
});
export type CardProblem = z.infer<typeof CardProblem>;

const NoParams = z.object({}).strict();

/**
 * A card still lying in its reader after the session ended by 退出 or timeout (never an e-card: there
 * is no card to leave). null: no card is left (it was taken, or a new session opened).
 */
export const CardLeft = z.object({ card: z.enum(['idCard', 'ssCard']).nullable() });
export type CardLeft = z.infer<typeof CardLeft>;

/** The session's own methods. */
export const sessionKioskMethods = {
  getStatus: { params: NoParams, result: TerminalStatus },
  getSession: { params: NoParams, result: SessionView.nullable() },
  getSummary: { params: NoParams, result: InsuranceSummary },
  /** The person is still there: restart the inactivity countdown. */
  touchSession: { params: NoParams, result: SessionView.nullable() },
  endSession: { params: z.object({ reason: z.literal('exit') }).strict(), result: z.null() },
  /** The card left in the reader (see `CardLeft`), asked at start-up; later changes come as `cardLeft`. */
  getCardLeft: { params: NoParams, result: CardLeft },
  /**
   * Opens a session again from the card still in the reader (a tap instead of pulling and placing
   * it again); `notFound` when no card is left. The session arrives as `sessionChanged`.
   */
  resumeWithCardLeft: { params: NoParams, result: z.null() },
} as const;

/**
 * Methods: name -> params and result schemas. Each service area keeps its methods in its own
 * contract file (`contracts/<area>.ts`, exporting `<area>KioskMethods`) and adds one spread here.
 */
export const kioskMethods = {
  ...sessionKioskMethods,
  ...queueKioskMethods,
  ...maintenanceKioskMethods,
  ...citizenKioskMethods,
  ...certificationKioskMethods,
  ...appointmentKioskMethods,
  ...recoveryKioskMethods,
  ...paymentKioskMethods,
} as const;
export type KioskMethod = keyof typeof kioskMethods;
export const kioskMethodNames = Object.keys(kioskMethods) as KioskMethod[];

/** The session's and the terminal's events. */
export const sessionKioskEvents = {
  sessionChanged: z.object({ session: SessionView.nullable(), endReason: SessionEndReason.nullable() }),
  statusChanged: TerminalStatus,
  cardProblem: CardProblem,
  cardLeft: CardLeft,
} as const;

/** Events: name -> payload schema. Areas add theirs as a spread, like the methods. */
export const kioskEvents = {
  ...sessionKioskEvents,
  ...maintenanceKioskEvents,
  ...citizenKioskEvents,
  ...recoveryKioskEvents,
  ...paymentKioskEvents,
} as const;
export type KioskEvent = keyof typeof kioskEvents;
export const kioskEventNames = Object.keys(kioskEvents) as KioskEvent[];

export type KioskParams<M extends KioskMethod> = z.infer<(typeof kioskMethods)[M]['params']>;
export type KioskResult<M extends KioskMethod> = z.infer<(typeof kioskMethods)[M]['result']>;
export type KioskEventPayload<E extends KioskEvent> = z.infer<(typeof kioskEvents)[E]>;

/** The API as `window.kiosk` exposes it: one named function per method, and `on` for events. */
export type KioskApi = {
  [M in KioskMethod]: (params: KioskParams<M>) => Promise<KioskResult<M>>;
} & {
  on<E extends KioskEvent>(event: E, listener: (payload: KioskEventPayload<E>) => void): () => void;
};

/** What the host implements: the methods, without the event subscription. */
export type KioskHandlers = {
  [M in KioskMethod]: (params: KioskParams<M>) => Promise<KioskResult<M>>;
};

/** The reply envelope on every transport: errors travel as values, never as thrown objects. */
export const KioskReply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorBody }),
]);
export type KioskReply = z.infer<typeof KioskReply>;

/** Electron IPC channels (one list, as in electron/fiddle). */
export const ipcChannels = {
  call: 'kiosk:call',
  event: 'kiosk:event',
} as const;

/** Browser-mode WebSocket messages. */
export const WsClientMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  params: z.unknown(),
});
export type WsClientMessage = z.infer<typeof WsClientMessage>;
export const WsServerMessage = z.union([
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: KioskReply }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;

/** Browser-mode WebSocket path; the per-launch secret goes in the `secret` query parameter. */
export const KIOSK_WS_PATH = '/kiosk-ws';

/** Unwraps a reply envelope: the value, or a thrown KioskError with the same code. */
export function unwrapReply<T>(reply: KioskReply): T {
  if (reply.ok) return reply.value as T;
  throw new KioskError(reply.error.code, reply.error.message);
}

/** True when the name is one of the KioskApi methods. */
export function isKioskMethod(name: string): name is KioskMethod {
  return Object.prototype.hasOwnProperty.call(kioskMethods, name);
}
