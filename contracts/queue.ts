/**
 * Queue tickets (排队取号) and the staff console's API.
 *
 * Three audiences, three kinds of auth (the `auth` field of each route):
 * - `true`: a terminal, `Authorization: Bearer <terminalId>.<secret>` (the kiosk's ticket screen);
 * - `false`: anyone (the phone follow page `/q/<ticketId>` and the hall display): no personal data;
 * - `'staff'`: a signed-in staff member, `Authorization: Bearer <staff token>` from `staffLogin`
 *   (the token has no `.`, so it never parses as a terminal credential, and a terminal credential
 *   is never a staff token: each route accepts only its own kind).
 *
 * Numbers: per hall, category and service day (the calendar day in `halls.time_zone`), issued
 * atomically in the database, so concurrent terminals and server instances never duplicate or skip
 * one; a retry with the same `idempotencyKey` (per terminal) returns the same ticket.
 * Display form: category code + at least three digits (`A017`, `A1000`).
 *
 * Per-person limit: a ticket issued with an open session is tied to the person; while that person
 * already holds a `waiting` or `called` ticket of the same category today, another is refused with
 * 409 `ticketLimit` (server option `queueMaxActivePerPerson`, default 1). Anonymous tickets have no limit.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, StaffRole } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';

/** A service category code (`A`, `B`, `C`…) of a hall. */
export const CategoryCode = z.string().regex(/^[A-Z]$/);
export type CategoryCode = z.infer<typeof CategoryCode>;

/** A ticket's life: waiting → called (recall keeps it called) → served; waiting or called → skipped. */
export const ticketStatuses = ['waiting', 'called', 'served', 'skipped'] as const;
export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A retry key chosen by the caller (a uuid is fine); scoped to the terminal or staff member. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** A window (窗口) number in the hall. */
export const WindowNo = z.number().int().min(1).max(999);

/** The prefix of a booked person's ticket from check-in (预约, appointments.ts): `YA001`. */
export const PRIORITY_PREFIX = 'Y';

/** The printed and shown form of a ticket number: `A` + 17 → `A017`; a booked one `YA017`. */
export function formatTicketNumber(categoryCode: string, n: number, priority = false): string {
  return `${priority ? PRIORITY_PREFIX : ''}${categoryCode}${String(n).padStart(3, '0')}`;
}

/** The public follow page's path on the hall server (the QR code holds the absolute URL). */
export function followPagePath(ticketId: string): string {
  return `/q/${ticketId}`;
}

/** One category on the kiosk's ticket screen. */
export const QueueCategory = z.object({
  code: CategoryCode,
  name: z.string().max(60),
  description: z.string().max(200),
  /** People waiting now (status `waiting`, today). */
  waiting: z.number().int().min(0),
  /** Estimated wait in whole minutes for a ticket issued now. */
  estimatedWaitMin: z.number().int().min(0),
});
export type QueueCategory = z.infer<typeof QueueCategory>;

/** `GET queueCategories`: the terminal's hall and its categories. */
export const QueueCategoriesResponse = z.object({
  hallId: z.string(),
  hallName: z.string(),
  /** Today in the hall's time zone. */
  serviceDay: IsoDate,
  categories: z.array(QueueCategory),
});
export type QueueCategoriesResponse = z.infer<typeof QueueCategoriesResponse>;

/** `POST issueTicket`. With `sessionId` (an open session on this terminal) the ticket is the person's. */
export const IssueTicketRequest = z
  .object({
    categoryCode: CategoryCode,
    idempotencyKey: IdempotencyKey,
    sessionId: z.string().uuid().nullable().optional(),
    /** A mobile number for "your number is 3 away" (叫号提醒, notices); stored once, never shown whole. */
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .optional(),
  })
  .strict();
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;

/** An issued ticket: everything the receipt prints. No personal data (not even for a person's ticket). */
export const QueueTicket = z.object({
  /** Unguessable (random uuid): knowing it is what lets a phone follow the ticket. */
  ticketId: z.string().uuid(),
  /** `A017`; a booked person's ticket `YA017`. */
  number: z.string().regex(/^Y?[A-Z]\d{3,}$/),
  categoryCode: CategoryCode,
  categoryName: z.string(),
  serviceDay: IsoDate,
  issuedAt: IsoDateTime,
  /** People waiting before this ticket when it was issued. */
  peopleAhead: z.number().int().min(0),
  estimatedWaitMin: z.number().int().min(0),
  hallName: z.string(),
  hallAddress: z.string(),
  /** The hall's IANA time zone, to print `issuedAt` as local time. */
  hallTimeZone: z.string(),
  /** Absolute URL of the follow page for the QR code (`<server>/q/<ticketId>`). */
  followUrl: z.string().url(),
  /** Whether the ticket is tied to the session's person. */
  forPerson: z.boolean(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

export const TicketParams = z.object({ ticketId: z.string().uuid() }).strict();
export const HallParams = z.object({ hallId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();

/** `GET publicTicket`: what the phone follow page shows. No personal data; ids are unguessable. */
export const PublicTicketView = z.object({
  number: z.string(),
  categoryCode: CategoryCode,
  categoryName: z.string(),
  hallName: z.string(),
  serviceDay: IsoDate,
  issuedAt: IsoDateTime,
  status: TicketStatus,
  /** People still waiting before this ticket (0 once called, served or skipped). */
  peopleAhead: z.number().int().min(0),
  estimatedWaitMin: z.number().int().min(0),
  /** The window it was called to, once called. */
  windowNo: WindowNo.nullable(),
  calledAt: IsoDateTime.nullable(),
  /** The number most recently called in this category today, if any. */
  nowServing: z.string().nullable(),
  /** When this view was made; the page polls every few seconds. */
  asOf: IsoDateTime,
});
export type PublicTicketView = z.infer<typeof PublicTicketView>;

/** One call on the hall display. */
export const DisplayCall = z.object({
  number: z.string(),
  categoryCode: CategoryCode,
  windowNo: WindowNo,
  calledAt: IsoDateTime,
  /** Bumped by each recall, so the display can chime again for the same number. */
  recallCount: z.number().int().min(0),
});
export type DisplayCall = z.infer<typeof DisplayCall>;

/** `GET hallDisplay`: the hall display's feed (poll every 1–2 s). No auth, no personal data. */
export const HallDisplayFeed = z.object({
  hallId: z.string(),
  hallName: z.string(),
  serviceDay: IsoDate,
  /** Tickets currently `called`, newest call first (at most 20). */
  calls: z.array(DisplayCall),
  /** Waiting count per category. */
  waiting: z.array(z.object({ code: CategoryCode, name: z.string(), waiting: z.number().int().min(0) })),
  asOf: IsoDateTime,
});
export type HallDisplayFeed = z.infer<typeof HallDisplayFeed>;

// ---------------------------------------------------------------------------------------------
// Staff

export const StaffId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

/** `POST staffLogin`. Wrong credentials: 401 `unauthorized` (rate-limited like PINs: 429 `rateLimited`). */
export const StaffLoginRequest = z.object({ staffId: StaffId, password: z.string().min(1).max(200) }).strict();
export type StaffLoginRequest = z.infer<typeof StaffLoginRequest>;

/** A staff member as the console shows them. */
export const StaffView = z.object({
  staffId: z.string(),
  name: z.string(),
  role: StaffRole,
  hallId: z.string(),
  hallName: z.string(),
});
export type StaffView = z.infer<typeof StaffView>;

/**
 * The staff token: send as `Authorization: Bearer <token>` (keep it in sessionStorage). It is random,
 * stored hashed on the server, and expires after `expiresAt` (8 hours) or at `staffLogout`.
 */
export const StaffLoginResponse = z.object({ token: z.string(), expiresAt: IsoDateTime, staff: StaffView });
export type StaffLoginResponse = z.infer<typeof StaffLoginResponse>;

/** A ticket as staff see it: still no name or ID number, only whether a person is attached. */
export const StaffTicket = z.object({
  ticketId: z.string().uuid(),
  number: z.string(),
  categoryCode: CategoryCode,
  status: TicketStatus,
  windowNo: WindowNo.nullable(),
  issuedAt: IsoDateTime,
  calledAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
  recallCount: z.number().int().min(0),
  forPerson: z.boolean(),
  /** A booked person's ticket (预约签到), called before walk-ins. */
  priority: z.boolean(),
});
export type StaffTicket = z.infer<typeof StaffTicket>;

/** `GET staffQueue`: today's queue of the staff member's hall. */
export const StaffQueueView = z.object({
  serviceDay: IsoDate,
  categories: z.array(QueueCategory),
  /** Waiting tickets, booked (priority) ones first, then oldest first (at most 200). */
  waiting: z.array(StaffTicket),
  /** Called tickets, newest call first. */
  called: z.array(StaffTicket),
  /** The last 50 served or skipped, newest first. */
  finished: z.array(StaffTicket),
});
export type StaffQueueView = z.infer<typeof StaffQueueView>;

/** `POST staffCallNext`: the oldest waiting ticket of the given categories goes to the window. */
export const CallNextRequest = z
  .object({
    windowNo: WindowNo,
    categoryCodes: z.array(CategoryCode).min(1).max(26),
  })
  .strict();
export type CallNextRequest = z.infer<typeof CallNextRequest>;

/** `ticket: null` when nobody waits in those categories. */
export const CallNextResponse = z.object({ ticket: StaffTicket.nullable() });
export type CallNextResponse = z.infer<typeof CallNextResponse>;

/** One of the console's ticket buttons (recall, skip, serve). */
const staffTicketAction = (action: string, summary: string) =>
  ({
    method: 'POST',
    path: `${API_PREFIX}/staff/tickets/:ticketId/${action}`,
    auth: 'staff',
    summary,
    params: TicketParams,
    response: { status: 200, schema: StaffTicket, name: 'StaffTicket' },
    errors: ['notFound', 'conflict'],
  }) as const;

/**
 * The queue's routes: the kiosk's ticket screen (terminal), the follow page and the hall display
 * (public, no personal data) and the staff console's queue. Recall needs a `called` ticket; serve
 * needs `called`; skip needs `waiting` or `called`; otherwise 409 `conflict`. Repeating serve on a
 * served ticket (or skip on a skipped one) answers 200 with the ticket unchanged, so a retried click
 * is harmless.
 */
export const queueRoutes = {
  queueCategories: {
    method: 'GET',
    path: `${API_PREFIX}/queue/categories`,
    auth: 'terminal',
    summary: "The terminal's hall's service categories with people waiting and the estimated wait",
    response: { status: 200, schema: QueueCategoriesResponse, name: 'QueueCategoriesResponse' },
    errors: [],
  },
  issueTicket: {
    method: 'POST',
    path: `${API_PREFIX}/queue/tickets`,
    auth: 'terminal',
    summary: 'Issue the next queue ticket of a category (idempotent per terminal and key)',
    body: { schema: IssueTicketRequest, name: 'IssueTicketRequest' },
    response: { status: 201, schema: QueueTicket, name: 'QueueTicket' },
    errors: ['notFound', 'noSession', 'sessionExpired', 'ticketLimit', 'conflict'],
  },
  publicTicket: {
    method: 'GET',
    path: `${API_PREFIX}/public/tickets/:ticketId`,
    auth: 'public',
    summary: 'A ticket as the public follow page shows it (no personal data)',
    params: TicketParams,
    response: { status: 200, schema: PublicTicketView, name: 'PublicTicketView' },
    errors: ['notFound'],
  },
  hallDisplay: {
    method: 'GET',
    path: `${API_PREFIX}/public/halls/:hallId/display`,
    auth: 'public',
    summary: "The hall display's feed: current calls with window numbers (no personal data)",
    params: HallParams,
    response: { status: 200, schema: HallDisplayFeed, name: 'HallDisplayFeed' },
    errors: ['notFound'],
  },
  staffQueue: {
    method: 'GET',
    path: `${API_PREFIX}/staff/queue`,
    auth: 'staff',
    summary: "Today's queue of the staff member's hall",
    response: { status: 200, schema: StaffQueueView, name: 'StaffQueueView' },
    errors: [],
  },
  staffCallNext: {
    method: 'POST',
    path: `${API_PREFIX}/staff/queue/call-next`,
    auth: 'staff',
    summary: 'Call the oldest waiting ticket of the given categories to a window',
    body: { schema: CallNextRequest, name: 'CallNextRequest' },
    response: { status: 200, schema: CallNextResponse, name: 'CallNextResponse' },
    errors: [],
  },
  staffRecall: staffTicketAction('recall', 'Call a called ticket again (the display chimes again)'),
  staffSkip: staffTicketAction('skip', 'Skip a waiting or called ticket (过号)'),
  staffServe: staffTicketAction('serve', 'Mark a called ticket served'),
} as const satisfies HallRouteTable;
