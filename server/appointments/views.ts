/** Appointment rows as their holder sees them. */
import { and, eq } from 'drizzle-orm';
import type { Appointment } from '../../contracts/appointments';
import { appointmentRules, type appointments, halls, serviceCategories } from '../db/schema';
import type { Db } from '../db/types';
import { checkInWindow, clockLabel } from './slot-times';

export type AppointmentRow = typeof appointments.$inferSelect;

/** The names an appointment shows: its category, window group and hall. */
export interface AppointmentPlace {
  categoryName: string;
  windowGroup: string;
  hallName: string;
  timeZone: string;
}

export async function placeOfRule(db: Db, ruleId: number): Promise<AppointmentPlace | undefined> {
  const [place] = await db
    .select({
      categoryName: serviceCategories.name,
      windowGroup: appointmentRules.windowGroup,
      hallName: halls.name,
      timeZone: halls.timeZone,
    })
    .from(appointmentRules)
    .innerJoin(halls, eq(halls.id, appointmentRules.hallId))
    .innerJoin(
      serviceCategories,
      and(
        eq(serviceCategories.hallId, appointmentRules.hallId),
        eq(serviceCategories.code, appointmentRules.categoryCode),
      ),
    )
    .where(eq(appointmentRules.id, ruleId));
  return place;
}

export function appointmentView(row: AppointmentRow, place: AppointmentPlace): Appointment {
  const window = checkInWindow(row.startsAt);
  return {
    appointmentId: row.id,
    categoryCode: row.categoryCode,
    categoryName: place.categoryName,
    windowGroup: place.windowGroup,
    day: row.day,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    label: `${clockLabel(row.startsAt, place.timeZone)}-${clockLabel(row.endsAt, place.timeZone)}`,
    status: row.status,
    checkInFrom: window.from.toISOString(),
    checkInUntil: window.until.toISOString(),
    hallName: place.hallName,
    hallTimeZone: place.timeZone,
  };
}

/** Views of several rows, looking each rule's place up once. */
export async function appointmentViews(db: Db, rows: AppointmentRow[]): Promise<Appointment[]> {
  const places = new Map<number, AppointmentPlace | undefined>();
  const out: Appointment[] = [];
  for (const row of rows) {
    if (!places.has(row.ruleId)) places.set(row.ruleId, await placeOfRule(db, row.ruleId));
    const place = places.get(row.ruleId);
    if (place) out.push(appointmentView(row, place));
  }
  return out;
}
