/**
 * The KioskApi side of queue tickets (排队取号) and of the terminal's maintenance mode (维护模式).
 * The host asks the hall server for tickets (contracts/queue.ts) and prints them on the receipt
 * printer; staff open maintenance on the terminal with their staff id and PIN.
 */
import { z } from 'zod';
import { DeviceHealth } from './domain';
import { DeviceName } from './fleet';
import { CategoryCode, IdempotencyKey, QueueCategory, QueueTicket, StaffId } from './queue';

/** One tap on a category: the renderer makes a `requestId` per tap and sends the same one on a retry. */
export const TakeTicketParams = z.object({ categoryCode: CategoryCode, requestId: IdempotencyKey }).strict();
export type TakeTicketParams = z.infer<typeof TakeTicketParams>;

/** What became of a print: the ticket stays valid either way; `reason` is the device's code (`paperOut`). */
export const PrintOutcome = z.discriminatedUnion('printed', [
  z.object({ printed: z.literal(true) }),
  z.object({ printed: z.literal(false), reason: z.string().max(60) }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

/** An issued ticket and whether its receipt came out. */
export const TakeTicketResult = z.object({ ticket: QueueTicket, print: PrintOutcome });
export type TakeTicketResult = z.infer<typeof TakeTicketResult>;

/**
 * "快到您时发短信提醒": a mobile number left for a ticket this terminal issued, sent with that tap's
 * `requestId` (the same idempotency key), so the hall server attaches it to that ticket and never
 * issues a second one. The number goes to the hall server once and comes back only masked.
 */
export const LeaveTicketPhoneParams = z
  .object({
    requestId: IdempotencyKey,
    phone: z.string().regex(/^1[3-9]\d{9}$/),
  })
  .strict();
export type LeaveTicketPhoneParams = z.infer<typeof LeaveTicketPhoneParams>;

/** The number as a screen may show it (`138****1234`) and the ticket it now belongs to. */
export const LeaveTicketPhoneResult = z.object({
  ticketId: z.string().uuid(),
  maskedPhone: z.string().regex(/^1\d{2}\*{4}\d{4}$/),
});
export type LeaveTicketPhoneResult = z.infer<typeof LeaveTicketPhoneResult>;

/** `13812341234` → `138****1234`: the only form a kiosk screen or voice uses. */
export function maskMobile(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** The ticket screen: the hall's categories with how many wait and how long. */
export const QueueCategoriesView = z.object({
  hallName: z.string(),
  categories: z.array(QueueCategory),
});
export type QueueCategoriesView = z.infer<typeof QueueCategoriesView>;

const NoParams = z.object({}).strict();

/** The ticket screen's methods. */
export const queueKioskMethods = {
  listQueueCategories: { params: NoParams, result: QueueCategoriesView },
  /** Issues a ticket (one per `requestId`, however often it is retried) and prints it. */
  takeTicket: { params: TakeTicketParams, result: TakeTicketResult },
  /** Prints a ticket this terminal issued again (after paper was refilled). */
  reprintTicket: { params: z.object({ ticketId: z.string().uuid() }).strict(), result: PrintOutcome },
  /** Leaves a mobile number for "your number is 3 away" on a ticket this terminal just issued. */
  leaveTicketPhone: { params: LeaveTicketPhoneParams, result: LeaveTicketPhoneResult },
} as const;

// ---------------------------------------------------------------------------------------------
// Maintenance

export const StaffSignInParams = z.object({ staffId: StaffId, pin: z.string().regex(/^\d{4,8}$/) }).strict();
export type StaffSignInParams = z.infer<typeof StaffSignInParams>;

/** The signed-in staff member on this terminal (no token ever reaches the renderer). */
export const MaintenanceStaff = z.object({ staffId: z.string(), name: z.string() });
export type MaintenanceStaff = z.infer<typeof MaintenanceStaff>;

/** One recent fault: a code only (`receiptPrinter:paperOut`, `serverUnreachable`), never a message. */
export const RecentError = z.object({ at: z.string(), code: z.string().max(80) });
export type RecentError = z.infer<typeof RecentError>;

/** What the maintenance screen shows. */
export const MaintenanceStatus = z.object({
  staff: MaintenanceStaff,
  terminalId: z.string(),
  appVersion: z.string(),
  uptimeS: z.number().int().min(0),
  inService: z.boolean(),
  serverReachable: z.boolean(),
  devices: z.array(DeviceHealth),
  recentErrors: z.array(RecentError),
});
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

/** Staff-only methods: every one but `staffSignIn` answers `forbidden` unless staff signed in on this terminal. */
export const maintenanceKioskMethods = {
  /** Checks the PIN with the hall server; wrong PINs are rate-limited there (`rateLimited`). */
  staffSignIn: { params: StaffSignInParams, result: MaintenanceStaff },
  staffSignOut: { params: NoParams, result: z.null() },
  maintenanceStatus: { params: NoParams, result: MaintenanceStatus },
  testPrint: { params: NoParams, result: PrintOutcome },
  reconnectDevice: { params: z.object({ device: DeviceName }).strict(), result: DeviceHealth },
  /** Restarts the kiosk application (the renderer goes away and comes back). */
  restartApp: { params: NoParams, result: z.null() },
  /** Closes (`inService: false`) or reopens the terminal from its own screen. */
  setOutOfService: {
    params: z.object({ inService: z.boolean() }).strict(),
    result: z.object({ inService: z.boolean() }),
  },
  recentErrors: { params: NoParams, result: z.array(RecentError) },
} as const;

/** Events of maintenance: the application is about to restart (browser mode reloads the page on it). */
export const maintenanceKioskEvents = {
  appRestarting: z.object({}).strict(),
} as const;
