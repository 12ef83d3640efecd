/** The demo hall's bookable slots (预约): 社保 and 医保 on weekdays, half-hour slots. */
import type * as s from '../db/schema';
import { DEMO_HALL_ID } from './hall';

export const demoAppointmentRules: readonly (typeof s.appointmentRules.$inferInsert)[] = [
  {
    hallId: DEMO_HALL_ID,
    categoryCode: 'A',
    windowGroup: '1-2号窗口',
    weekdays: '12345',
    opensAt: '09:00',
    closesAt: '17:00',
    slotMinutes: 30,
    capacity: 4,
    horizonDays: 7,
    cutoffMinutes: 30,
  },
  {
    hallId: DEMO_HALL_ID,
    categoryCode: 'B',
    windowGroup: '3号窗口',
    weekdays: '12345',
    opensAt: '09:00',
    closesAt: '12:00',
    slotMinutes: 30,
    capacity: 2,
    horizonDays: 7,
    cutoffMinutes: 30,
  },
];
