/**
 * Appointments (预约, issue 16): bookable slots per hall, service category and window group; book,
 * move and cancel at the kiosk (an open session: the person is identified by card); check in at the
 * kiosk for a priority ticket (`YA001`, see queue.ts); the staff console's bookings and slot rules.
 *
 * Rules (server/appointments/): a slot may be booked from now until the rule's horizon, up to
 * `cutoffMinutes` before it starts, never on a holiday; one active booking per person, category
 * and day (409 `appointmentLimit`); a full slot is 409 `slotFull` whatever the number of terminals
 * (a conditional upsert under the slot row's lock, and a check constraint). Check-in opens
 * `CHECK_IN_EARLY_MIN` before the slot and closes `CHECK_IN_LATE_MIN` after its start; a booking
 * not checked in by then is a no-show, and `noShowLimit` no-shows within `noShowWindowDays` pause
 * booking for `noShowPauseDays` after the last one (403 `bookingBlocked`).
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';
import { CategoryCode, IdempotencyKey, QueueTicket } from './queue';

/** Minutes before a slot's start from which check-in gives a priority ticket. */
export const CHECK_IN_EARLY_MIN = 30;
/** Minutes after a slot's start until which check-in still gives a priority ticket. */
export const CHECK_IN_LATE_MIN = 15;

/** `HH:MM` (24 h, hall time). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const appointmentStatuses = ['booked', 'checkedIn', 'cancelled', 'noShow'] as const;
export const AppointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** One bookable slot. */
export const Slot = z.object({
  ruleId: z.number().int().positive(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** `09:30`, hall time. */
  label: z.string(),
  free: z.number().int().min(0),
  capacity: z.number().int().min(0),
});
export type Slot = z.infer<typeof Slot>;

/** One day of slots of a category. */
export const SlotDay = z.object({ day: IsoDate, slots: z.array(Slot) });
export type SlotDay = z.infer<typeof SlotDay>;

export const SlotsQuery = z.object({ categoryCode: CategoryCode }).strict();

/** `GET appointmentSlots`: the bookable days and slots of a category in the terminal's hall. */
export const SlotsResponse = z.object({
  categoryCode: CategoryCode,
  categoryName: z.string(),
  windowGroup: z.string(),
  days: z.array(SlotDay),
});
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/** A booking as its holder sees it (no personal data: the holder is the session's person). */
export const Appointment = z.object({
  appointmentId: z.string().uuid(),
  categoryCode: CategoryCode,
  categoryName: z.string(),
  windowGroup: z.string(),
  day: IsoDate,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** `09:30-10:00`, hall time. */
  label: z.string(),
  status: AppointmentStatus,
  /** When check-in opens and closes. */
  checkInFrom: IsoDateTime,
  checkInUntil: IsoDateTime,
  hallName: z.string(),
  hallTimeZone: z.string(),
});
export type Appointment = z.infer<typeof Appointment>;

/** `GET myAppointments`: the person's coming bookings, and until when booking is paused. */
export const MyAppointments = z.object({
  appointments: z.array(Appointment),
  blockedUntil: IsoDate.nullable(),
});
export type MyAppointments = z.infer<typeof MyAppointments>;

export const BookRequest = z
  .object({ ruleId: z.number().int().positive(), startsAt: IsoDateTime, idempotencyKey: IdempotencyKey })
  .strict();
export type BookRequest = z.infer<typeof BookRequest>;

export const MoveRequest = z.object({ ruleId: z.number().int().positive(), startsAt: IsoDateTime }).strict();
export type MoveRequest = z.infer<typeof MoveRequest>;

export const AppointmentParams = SessionParams.extend({ appointmentId: z.string().uuid() }).strict();

export const CheckInRequest = z.object({ idempotencyKey: IdempotencyKey }).strict();

/**
 * `POST checkIn`: `ticket` (a priority ticket; a repeated check-in returns the same one), `early`
 * (come back from `appointment.checkInFrom`), `late` (past `checkInUntil`: take an ordinary ticket;
 * the booking counts as missed), `none` (no booking today in this hall).
 */
export const CheckInResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ticket'), appointment: Appointment, ticket: QueueTicket }),
  z.object({ outcome: z.literal('early'), appointment: Appointment }),
  z.object({ outcome: z.literal('late'), appointment: Appointment }),
  z.object({ outcome: z.literal('none') }),
]);
export type CheckInResponse = z.infer<typeof CheckInResponse>;

/** A booking as staff see it: masked name, no ID number. */
export const StaffAppointment = z.object({
  appointmentId: z.string().uuid(),
  categoryCode: CategoryCode,
  windowGroup: z.string(),
  startsAt: IsoDateTime,
  label: z.string(),
  status: AppointmentStatus,
  /** `王*国`. */
  maskedName: z.string(),
  bookedVia: z.enum(['kiosk', 'phone']),
  /** The priority ticket's number once checked in. */
  ticketNumber: z.string().nullable(),
});
export type StaffAppointment = z.infer<typeof StaffAppointment>;

export const StaffAppointmentsQuery = z.object({ day: IsoDate.optional() }).strict();

/** `GET staffAppointments`: a day's bookings of the staff member's hall (today by default). */
export const StaffAppointmentsView = z.object({ day: IsoDate, appointments: z.array(StaffAppointment) });
export type StaffAppointmentsView = z.infer<typeof StaffAppointmentsView>;

/** A slot rule as supervisors edit it. */
export const AppointmentRuleInput = z
  .object({
    categoryCode: CategoryCode,
    windowGroup: z.string().min(1).max(40),
    /** ISO weekdays, e.g. `12345`. */
    weekdays: z.string().regex(/^(?!.*(.).*\1)[1-7]{1,7}$/),
    opensAt: ClockTime,
    closesAt: ClockTime,
    slotMinutes: z.number().int().min(5).max(240),
    capacity: z.number().int().min(0).max(500),
    horizonDays: z.number().int().min(0).max(90),
    cutoffMinutes: z.number().int().min(0).max(1440),
    active: z.boolean(),
  })
  .strict()
  .refine((r) => r.opensAt < r.closesAt, { message: 'opensAt must be before closesAt', path: ['closesAt'] });
export type AppointmentRuleInput = z.infer<typeof AppointmentRuleInput>;

export const AppointmentRule = z.object({
  ruleId: z.number().int().positive(),
  categoryCode: CategoryCode,
  windowGroup: z.string(),
  weekdays: z.string(),
  opensAt: ClockTime,
  closesAt: ClockTime,
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  horizonDays: z.number().int(),
  cutoffMinutes: z.number().int(),
  active: z.boolean(),
});
export type AppointmentRule = z.infer<typeof AppointmentRule>;

export const Holiday = z.object({ day: IsoDate, name: z.string().min(1).max(40) }).strict();
export type Holiday = z.infer<typeof Holiday>;

/** `GET staffAppointmentRules`: the hall's slot rules and coming holidays. */
export const AppointmentRulesView = z.object({ rules: z.array(AppointmentRule), holidays: z.array(Holiday) });
export type AppointmentRulesView = z.infer<typeof AppointmentRulesView>;

export const HolidayRequest = z.object({ day: IsoDate, name: z.string().min(1).max(40), closed: z.boolean() }).strict();

const sessionRoute = { auth: 'terminal', params: SessionParams } as const;
const appointmentResponse = { status: 200, schema: Appointment, name: 'Appointment' } as const;

/** The appointments' routes. */
export const appointmentRoutes = {
  appointmentSlots: {
    method: 'GET',
    path: `${API_PREFIX}/appointments/slots`,
    auth: 'terminal',
    summary: "Bookable days and slots of a category in the terminal's hall",
    query: SlotsQuery,
    response: { status: 200, schema: SlotsResponse, name: 'SlotsResponse' },
    errors: ['notFound'],
  },
  myAppointments: {
    ...sessionRoute,
    method: 'GET',
    path: `${API_PREFIX}/sessions/:sessionId/appointments`,
    summary: "The session's person's coming bookings",
    response: { status: 200, schema: MyAppointments, name: 'MyAppointments' },
    errors: [...SESSION_ERRORS],
  },
  bookAppointment: {
    ...sessionRoute,
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/appointments`,
    summary: 'Book a slot for the session’s person (idempotent per terminal and key)',
    body: { schema: BookRequest, name: 'BookRequest' },
    response: { status: 201, schema: Appointment, name: 'Appointment' },
    errors: [...SESSION_ERRORS, 'notFound', 'slotFull', 'slotClosed', 'appointmentLimit', 'bookingBlocked'],
  },
  moveAppointment: {
    method: 'POST',
    auth: 'terminal',
    path: `${API_PREFIX}/sessions/:sessionId/appointments/:appointmentId/move`,
    summary: 'Move a booking to another slot (the old place is freed in the same commit)',
    params: AppointmentParams,
    body: { schema: MoveRequest, name: 'MoveRequest' },
    response: appointmentResponse,
    errors: [...SESSION_ERRORS, 'notFound', 'slotFull', 'slotClosed', 'appointmentLimit', 'conflict'],
  },
  cancelAppointment: {
    method: 'POST',
    auth: 'terminal',
    path: `${API_PREFIX}/sessions/:sessionId/appointments/:appointmentId/cancel`,
    summary: 'Cancel a booking (cancelling a cancelled one again is fine)',
    params: AppointmentParams,
    response: appointmentResponse,
    errors: [...SESSION_ERRORS, 'notFound', 'conflict'],
  },
  checkIn: {
    ...sessionRoute,
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/appointments/check-in`,
    summary: "Check in the session's person for today's booking: a priority ticket, or why not",
    body: { schema: CheckInRequest, name: 'CheckInRequest' },
    response: { status: 200, schema: CheckInResponse, name: 'CheckInResponse' },
    errors: [...SESSION_ERRORS],
  },
  staffAppointments: {
    method: 'GET',
    path: `${API_PREFIX}/staff/appointments`,
    auth: 'staff',
    summary: "A day's bookings of the staff member's hall (masked names)",
    query: StaffAppointmentsQuery,
    response: { status: 200, schema: StaffAppointmentsView, name: 'StaffAppointmentsView' },
    errors: [],
  },
  staffAppointmentRules: {
    method: 'GET',
    path: `${API_PREFIX}/staff/appointment-rules`,
    auth: 'staff',
    summary: "The hall's slot rules and coming holidays",
    response: { status: 200, schema: AppointmentRulesView, name: 'AppointmentRulesView' },
    errors: [],
  },
  staffSaveAppointmentRule: {
    method: 'PUT',
    path: `${API_PREFIX}/staff/appointment-rules`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: 'Create or change the slot rule of a category and window group (supervisors; audited)',
    body: { schema: AppointmentRuleInput, name: 'AppointmentRuleInput' },
    response: { status: 200, schema: AppointmentRule, name: 'AppointmentRule' },
    errors: ['notFound'],
  },
  staffSetHoliday: {
    method: 'POST',
    path: `${API_PREFIX}/staff/appointment-holidays`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: 'Close (or reopen) a day for booking (supervisors; audited)',
    body: { schema: HolidayRequest, name: 'HolidayRequest' },
    response: { status: 200, schema: AppointmentRulesView, name: 'AppointmentRulesView' },
    errors: [],
  },
} as const satisfies HallRouteTable;
