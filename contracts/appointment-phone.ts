/**
 * The public phone page for appointments (`/yuyue?hall=<hallId>`, issue 16): a person types their
 * ID number and mobile number, gets a one-time SMS code (server/notices/sms-codes.ts: rate limited,
 * sent through the outbox), and with it a short-lived phone session token, sent back as
 * `Authorization: Bearer <token>` (kept in the page's memory only, never in a URL). With it they see,
 * book, move and cancel their bookings through the same functions the kiosk uses (`via: 'phone'`).
 *
 * The code is sent only when the number is the one registered for that ID number, but the answer is
 * the same either way, so the page cannot be used to test whose number is whose.
 */
import { z } from 'zod';
import { Appointment, BookRequest, MoveRequest, MyAppointments, SlotsQuery, SlotsResponse } from './appointments';
import { IdNumberSchema, IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';
import { CategoryCode } from './queue';

/** Minutes a phone session token is valid after the code was verified. */
export const PHONE_SESSION_MIN = 15;

/** The page's path on the hall server. */
export function appointmentPhonePagePath(hallId: string): string {
  return `/yuyue?hall=${encodeURIComponent(hallId)}`;
}

const Mobile = z.string().trim().min(11).max(20);

export const HallParams = z.object({ hallId: z.string().min(1).max(40) }).strict();
export const PhoneAppointmentParams = HallParams.extend({ appointmentId: z.string().uuid() }).strict();

export const PhoneCodeRequest = z.object({ idNumber: IdNumberSchema, phone: Mobile }).strict();
export type PhoneCodeRequest = z.infer<typeof PhoneCodeRequest>;

/** `POST phoneCode`: where the code went (masked) and when another may be asked for. */
export const PhoneCodeResponse = z.object({ maskedPhone: z.string(), resendAt: IsoDateTime });
export type PhoneCodeResponse = z.infer<typeof PhoneCodeResponse>;

export const PhoneSessionRequest = PhoneCodeRequest.extend({ code: z.string().regex(/^\d{6}$/) }).strict();
export type PhoneSessionRequest = z.infer<typeof PhoneSessionRequest>;

/** `POST phoneSession`: a token, or why the code was refused. */
export const PhoneSessionResponse = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('session'),
    token: z.string(),
    expiresAt: IsoDateTime,
    /** `王**`, `4401**********035X`, `138****8000`. */
    maskedName: z.string(),
    maskedIdNumber: z.string(),
    maskedPhone: z.string(),
  }),
  z.object({ outcome: z.literal('refused'), reason: z.enum(['wrong', 'expired', 'tooManyTries', 'noCode']) }),
]);
export type PhoneSessionResponse = z.infer<typeof PhoneSessionResponse>;

/** A category that takes bookings in the hall. */
export const BookableCategory = z.object({ categoryCode: CategoryCode, categoryName: z.string() });
export const PhoneHallView = z.object({
  hallName: z.string(),
  hallPhone: z.string(),
  categories: z.array(BookableCategory),
});
export type PhoneHallView = z.infer<typeof PhoneHallView>;

const base = `${API_PREFIX}/public/halls/:hallId/appointment-phone`;
const appointmentResponse = { status: 200, schema: Appointment, name: 'Appointment' } as const;

/** The phone page's routes: public, and those of the person's bookings need the phone session token. */
export const appointmentPhoneRoutes = {
  phoneHall: {
    method: 'GET',
    path: base,
    auth: 'public',
    summary: "The hall's name and the categories that take bookings (phone page)",
    params: HallParams,
    response: { status: 200, schema: PhoneHallView, name: 'PhoneHallView' },
    errors: ['notFound'],
  },
  phoneCode: {
    method: 'POST',
    path: `${base}/code`,
    auth: 'public',
    summary: 'Send a one-time SMS code to the registered mobile of an ID number (rate limited)',
    params: HallParams,
    body: { schema: PhoneCodeRequest, name: 'PhoneCodeRequest' },
    response: { status: 200, schema: PhoneCodeResponse, name: 'PhoneCodeResponse' },
    errors: ['notFound', 'rateLimited'],
  },
  phoneSession: {
    method: 'POST',
    path: `${base}/session`,
    auth: 'public',
    summary: 'Verify the SMS code: a phone session token (bearer), or why not',
    params: HallParams,
    body: { schema: PhoneSessionRequest, name: 'PhoneSessionRequest' },
    response: { status: 200, schema: PhoneSessionResponse, name: 'PhoneSessionResponse' },
    errors: ['notFound'],
  },
  phoneSlots: {
    method: 'GET',
    path: `${base}/slots`,
    auth: 'public',
    summary: 'Bookable days and slots of a category (phone page)',
    params: HallParams,
    query: SlotsQuery,
    response: { status: 200, schema: SlotsResponse, name: 'SlotsResponse' },
    errors: ['notFound'],
  },
  phoneAppointments: {
    method: 'GET',
    path: `${base}/appointments`,
    auth: 'phone',
    summary: "The phone session's person's coming bookings (bearer token)",
    params: HallParams,
    response: { status: 200, schema: MyAppointments, name: 'MyAppointments' },
    errors: ['notFound'],
  },
  phoneBook: {
    method: 'POST',
    path: `${base}/appointments`,
    auth: 'phone',
    summary: 'Book a slot from the phone page (bearer token; idempotent per person and key)',
    params: HallParams,
    body: { schema: BookRequest, name: 'BookRequest' },
    response: { status: 201, schema: Appointment, name: 'Appointment' },
    errors: ['notFound', 'slotFull', 'slotClosed', 'appointmentLimit', 'bookingBlocked'],
  },
  phoneMove: {
    method: 'POST',
    path: `${base}/appointments/:appointmentId/move`,
    auth: 'phone',
    summary: 'Move a booking from the phone page (bearer token)',
    params: PhoneAppointmentParams,
    body: { schema: MoveRequest, name: 'MoveRequest' },
    response: appointmentResponse,
    errors: ['notFound', 'slotFull', 'slotClosed', 'appointmentLimit', 'conflict'],
  },
  phoneCancel: {
    method: 'POST',
    path: `${base}/appointments/:appointmentId/cancel`,
    auth: 'phone',
    summary: 'Cancel a booking from the phone page (bearer token)',
    params: PhoneAppointmentParams,
    response: appointmentResponse,
    errors: ['notFound', 'conflict'],
  },
} as const satisfies HallRouteTable;
