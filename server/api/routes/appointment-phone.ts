/** The phone page's handlers (预约手机页): SMS-code sign-in, then the kiosk's booking functions. */
import type { appointmentPhoneRoutes } from '../../../contracts/appointment-phone';
import { book, cancel, move, myAppointments } from '../../appointments/book';
import {
  hallTimeZone,
  openPhoneSession,
  phoneBooker,
  phoneHallView,
  requestPhoneCode,
} from '../../appointments/phone-session';
import { listSlots } from '../../appointments/slots';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';
import { appointmentOptionsOf } from './appointments';

export function appointmentPhoneHandlers(options: RouteOptions): RouteHandlers<typeof appointmentPhoneRoutes> {
  const { db } = options.database;
  const appts = appointmentOptionsOf(options);
  const who = (hallId: string, authorization: string | undefined) =>
    phoneBooker(db, hallId, authorization, appts.now());
  return {
    phoneHall: async ({ params }) => phoneHallView(db, params.hallId),
    phoneCode: async ({ params, body }) => requestPhoneCode(db, params.hallId, body, appts.now()),
    phoneSession: async ({ params, body }) => openPhoneSession(db, params.hallId, body, appts.now()),
    phoneSlots: async ({ params, query }) =>
      listSlots(db, appts, params.hallId, await hallTimeZone(db, params.hallId), query.categoryCode),
    phoneAppointments: async ({ params }, { request }) =>
      myAppointments(db, appts, await who(params.hallId, request.headers.authorization)),
    phoneBook: async ({ params, body }, { request }) => {
      const booker = await who(params.hallId, request.headers.authorization);
      return book(db, appts, booker, body, `phone:${booker.personId}`);
    },
    phoneMove: async ({ params, body }, { request }) =>
      move(db, appts, await who(params.hallId, request.headers.authorization), params.appointmentId, body),
    phoneCancel: async ({ params }, { request }) =>
      cancel(db, appts, await who(params.hallId, request.headers.authorization), params.appointmentId),
  };
}
