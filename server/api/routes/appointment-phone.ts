/** The phone page's handlers (预约手机页): SMS-code sign-in, then the kiosk's booking functions (the
 * phone session is checked by the registration, server/api/phone-auth.ts). */
import type { appointmentPhoneRoutes } from '../../../contracts/appointment-phone';
import { book, cancel, move, myAppointments } from '../../appointments/book';
import { hallTimeZone, openPhoneSession, phoneHallView, requestPhoneCode } from '../../appointments/phone-session';
import { listSlots } from '../../appointments/slots';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';
import { appointmentOptionsOf } from './appointments';

export function appointmentPhoneHandlers(options: RouteOptions): RouteHandlers<typeof appointmentPhoneRoutes> {
  const { db } = options.database;
  const appts = appointmentOptionsOf(options);
  return {
    phoneHall: async ({ params }) => phoneHallView(db, params.hallId),
    phoneCode: async ({ params, body }) => requestPhoneCode(db, params.hallId, body, appts.now()),
    phoneSession: async ({ params, body }) => openPhoneSession(db, params.hallId, body, appts.now()),
    phoneSlots: async ({ params, query }) =>
      listSlots(db, appts, params.hallId, await hallTimeZone(db, params.hallId), query.categoryCode),
    phoneAppointments: async (_, { phone }) => myAppointments(db, appts, phone),
    phoneBook: async ({ body }, { phone }) => book(db, appts, phone, body, `phone:${phone.personId}`),
    phoneMove: async ({ params, body }, { phone }) => move(db, appts, phone, params.appointmentId, body),
    phoneCancel: async ({ params }, { phone }) => cancel(db, appts, phone, params.appointmentId),
  };
}
