/** The bookable days and slots of a category in a hall, with free places. */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { SlotDay, SlotsResponse } from '../../contracts/appointments';
import { KioskError } from '../../contracts/errors';
import { addDays, hallDate } from '../../contracts/hall-time';
import { appointmentHolidays, appointmentRules, appointmentSlots, serviceCategories } from '../db/schema';
import type { Db } from '../db/types';
import type { AppointmentOptions } from './options';
import { clockLabel, slotEnd, slotStarts } from './slot-times';

/** Days from today to the longest horizon with at least one slot still open for booking. */
export async function listSlots(
  db: Db,
  options: AppointmentOptions,
  hallId: string,
  timeZone: string,
  categoryCode: string,
): Promise<SlotsResponse> {
  const [category] = await db
    .select()
    .from(serviceCategories)
    .where(and(eq(serviceCategories.hallId, hallId), eq(serviceCategories.code, categoryCode)));
  if (!category) throw new KioskError('notFound', 'no such service category in this hall');
  const rules = await db
    .select()
    .from(appointmentRules)
    .where(
      and(
        eq(appointmentRules.hallId, hallId),
        eq(appointmentRules.categoryCode, categoryCode),
        eq(appointmentRules.active, true),
      ),
    )
    .orderBy(asc(appointmentRules.id));
  const now = options.now();
  const today = hallDate(timeZone, now);
  const lastDay = addDays(today, Math.max(0, ...rules.map((r) => r.horizonDays)));
  const [holidays, taken] = await Promise.all([
    db
      .select({ day: appointmentHolidays.day })
      .from(appointmentHolidays)
      .where(
        and(
          eq(appointmentHolidays.hallId, hallId),
          gte(appointmentHolidays.day, today),
          lte(appointmentHolidays.day, lastDay),
        ),
      ),
    rules.length === 0
      ? []
      : db
          .select()
          .from(appointmentSlots)
          .where(
            and(
              inArray(
                appointmentSlots.ruleId,
                rules.map((r) => r.id),
              ),
              gte(appointmentSlots.startsAt, now),
            ),
          ),
  ]);
  const closed = new Set(holidays.map((h) => h.day));
  const booked = new Map(taken.map((t) => [`${t.ruleId}@${t.startsAt.getTime()}`, t.booked]));
  const days: SlotDay[] = [];
  for (let day = today; day <= lastDay; day = addDays(day, 1)) {
    if (closed.has(day)) continue;
    const slots = rules.flatMap((rule) =>
      day > addDays(today, rule.horizonDays)
        ? []
        : slotStarts(rule, day, timeZone)
            .filter((start) => now.getTime() <= start.getTime() - rule.cutoffMinutes * 60_000)
            .map((start) => ({
              ruleId: rule.id,
              startsAt: start.toISOString(),
              endsAt: slotEnd(start, rule.slotMinutes).toISOString(),
              label: clockLabel(start, timeZone),
              capacity: rule.capacity,
              free: Math.max(0, rule.capacity - (booked.get(`${rule.id}@${start.getTime()}`) ?? 0)),
            })),
    );
    slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    if (slots.length > 0) days.push({ day, slots });
  }
  return {
    categoryCode,
    categoryName: category.name,
    windowGroup: [...new Set(rules.map((r) => r.windowGroup))].join('、'),
    days,
  };
}
