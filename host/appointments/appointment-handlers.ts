/**
 * The 预约 service's KioskApi methods: each is a hall call of the open session (contracts/
 * appointments.ts); a check-in's priority ticket is printed here like a queue ticket. A check-in
 * retried with the same `requestId` is answered (and printed) once.
 */
import { type CheckInResult, type KioskHandlers, appointmentRoutes } from '../../contracts';
import type { DeviceManager } from '../device-manager/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { printReceipt, ticketJob } from '../queue/ticket-printer';
import type { SessionManager } from '../session/session-manager';
import { remember } from '../bounded-map';

export interface AppointmentDeps {
  hall: Pick<HallClient, 'call'>;
  sessions: Pick<SessionManager, 'withSession'>;
  devices: Pick<DeviceManager, 'printReceipt'>;
  onError(code: string): void;
}

type AppointmentHandlers = Pick<
  KioskHandlers,
  | 'appointmentSlots'
  | 'myAppointments'
  | 'bookAppointment'
  | 'moveAppointment'
  | 'cancelAppointment'
  | 'checkInAppointment'
>;

/** Builds the 预约 service's handlers. */
export function createAppointmentHandlers({ hall, sessions, devices, onError }: AppointmentDeps): AppointmentHandlers {
  const checkIns = new Map<string, Promise<CheckInResult>>();
  const r = appointmentRoutes;
  return {
    appointmentSlots: ({ categoryCode }) =>
      sessions.withSession(() => hall.call(r.appointmentSlots, { query: { categoryCode } })),
    myAppointments: () => sessions.withSession((sessionId) => hall.call(r.myAppointments, { params: { sessionId } })),
    bookAppointment: ({ ruleId, startsAt, requestId }) =>
      sessions.withSession((sessionId) =>
        hall.call(r.bookAppointment, { params: { sessionId }, body: { ruleId, startsAt, idempotencyKey: requestId } }),
      ),
    moveAppointment: ({ appointmentId, ruleId, startsAt }) =>
      sessions.withSession((sessionId) =>
        hall.call(r.moveAppointment, { params: { sessionId, appointmentId }, body: { ruleId, startsAt } }),
      ),
    cancelAppointment: ({ appointmentId }) =>
      sessions.withSession((sessionId) => hall.call(r.cancelAppointment, { params: { sessionId, appointmentId } })),
    checkInAppointment: ({ requestId }) => {
      let running = checkIns.get(requestId);
      if (!running) {
        running = sessions.withSession(async (sessionId) => {
          const result = await hall.call(r.checkIn, { params: { sessionId }, body: { idempotencyKey: requestId } });
          if (result.outcome !== 'ticket') return { result, print: null };
          const print = await printReceipt(
            devices,
            ticketJob(result.ticket),
            `${result.ticket.ticketId}#checkin`,
            onError,
          );
          return { result, print };
        });
        // Keep the last few answers only.
        remember(checkIns, requestId, running, 20);
        running.catch(() => checkIns.delete(requestId));
      }
      return running;
    },
  };
}
