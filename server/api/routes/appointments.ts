/** The appointments' handlers (预约): the kiosk's booking and check-in, the staff console's bookings and rules. */
import type { FastifyRequest } from 'fastify';
import type { appointmentRoutes } from '../../../contracts/appointments';
import { type Booker, book, cancel, move, myAppointments } from '../../appointments/book';
import { checkIn } from '../../appointments/check-in';
import {
  type AppointmentOptions,
  DEFAULT_NO_SHOW_LIMIT,
  DEFAULT_NO_SHOW_PAUSE_DAYS,
  DEFAULT_NO_SHOW_WINDOW_DAYS,
} from '../../appointments/options';
import { listSlots } from '../../appointments/slots';
import { appointmentRulesView, saveAppointmentRule, setHoliday, staffAppointments } from '../../appointments/staff';
import type { Db } from '../../db/types';
import { useSession } from '../../sessions/use-session';
import type { AuthenticatedTerminal } from '../../terminals/authenticate';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';
import { queueOptionsOf } from './queue';

/** The appointments' settings from the server's options. */
export function appointmentOptionsOf(options: RouteOptions): AppointmentOptions {
  return {
    now: options.now ?? (() => new Date()),
    sessionIdleMs: options.sessionIdleMs,
    noShowLimit: options.appointmentNoShowLimit ?? DEFAULT_NO_SHOW_LIMIT,
    noShowWindowDays: DEFAULT_NO_SHOW_WINDOW_DAYS,
    noShowPauseDays: DEFAULT_NO_SHOW_PAUSE_DAYS,
  };
}

/** The session's person as a booker at this terminal. */
async function kioskBooker(
  db: Db,
  options: AppointmentOptions,
  terminal: AuthenticatedTerminal,
  sessionId: string,
): Promise<Booker> {
  const { personId } = await useSession(db, terminal.terminalId, sessionId, options.sessionIdleMs);
  return {
    personId,
    hallId: terminal.hallId,
    timeZone: terminal.hallTimeZone,
    via: 'kiosk',
    terminalId: terminal.terminalId,
  };
}

export function appointmentHandlers(options: RouteOptions): RouteHandlers<typeof appointmentRoutes> {
  const { db } = options.database;
  const appts = appointmentOptionsOf(options);
  const queue = queueOptionsOf(options);
  const baseUrlOf = (request: FastifyRequest) => options.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  return {
    appointmentSlots: async ({ query }, { terminal: t }) =>
      listSlots(db, appts, t.hallId, t.hallTimeZone, query.categoryCode),
    myAppointments: async ({ params }, { terminal }) =>
      myAppointments(db, appts, await kioskBooker(db, appts, terminal, params.sessionId)),
    bookAppointment: async ({ params, body }, { terminal }) =>
      book(db, appts, await kioskBooker(db, appts, terminal, params.sessionId), body, terminal.terminalId),
    moveAppointment: async ({ params, body }, { terminal }) =>
      move(db, appts, await kioskBooker(db, appts, terminal, params.sessionId), params.appointmentId, body),
    cancelAppointment: async ({ params }, { terminal }) =>
      cancel(db, appts, await kioskBooker(db, appts, terminal, params.sessionId), params.appointmentId),
    checkIn: async ({ params, body }, { terminal, request }) => {
      const who = await kioskBooker(db, appts, terminal, params.sessionId);
      return checkIn(db, appts, queue, terminal, who.personId, body.idempotencyKey, baseUrlOf(request));
    },
    staffAppointments: async ({ query }, { staff }) => staffAppointments(db, appts, staff, query.day),
    staffAppointmentRules: async (_, { staff }) => appointmentRulesView(db, appts, staff),
    staffSaveAppointmentRule: async ({ body }, { staff }) => saveAppointmentRule(db, appts, staff, body),
    staffSetHoliday: async ({ body }, { staff }) => setHoliday(db, appts, staff, body),
  };
}
