/**
 * The KioskApi side of appointments (预约): the renderer's 预约 service lists slots, books, moves and
 * cancels for the session's person, and checks in for a priority ticket, which the host prints.
 */
import { z } from 'zod';
import { Appointment, CheckInResponse, MyAppointments, SlotsResponse } from './appointments';
import { IsoDateTime } from './domain';
import { PrintOutcome } from './queue-kiosk';
import { CategoryCode, IdempotencyKey } from './queue';

export const BookParams = z
  .object({ ruleId: z.number().int().positive(), startsAt: IsoDateTime, requestId: IdempotencyKey })
  .strict();
export type BookParams = z.infer<typeof BookParams>;

export const MoveParams = z
  .object({ appointmentId: z.string().uuid(), ruleId: z.number().int().positive(), startsAt: IsoDateTime })
  .strict();
export type MoveParams = z.infer<typeof MoveParams>;

/** Check-in's answer and, for a ticket, whether its receipt came out. */
export const CheckInResult = z.object({ result: CheckInResponse, print: PrintOutcome.nullable() });
export type CheckInResult = z.infer<typeof CheckInResult>;

/** The 预约 service's methods (all need an open session). */
export const appointmentKioskMethods = {
  appointmentSlots: { params: z.object({ categoryCode: CategoryCode }).strict(), result: SlotsResponse },
  myAppointments: { params: z.object({}).strict(), result: MyAppointments },
  bookAppointment: { params: BookParams, result: Appointment },
  moveAppointment: { params: MoveParams, result: Appointment },
  cancelAppointment: { params: z.object({ appointmentId: z.string().uuid() }).strict(), result: Appointment },
  /** Checks the person in for today's booking; a priority ticket is printed like a queue ticket. */
  checkInAppointment: { params: z.object({ requestId: IdempotencyKey }).strict(), result: CheckInResult },
} as const;
