/** Seed-only date helpers: the demo hall's zone as a default. Live code uses `contracts/hall-time` directly. */
import { atHallTime as atHallTimeIn, DEFAULT_HALL_TIME_ZONE, hallDate } from '../../contracts/hall-time';

export { addDays, addMonthsToDate, daysBetween, periodOf, periodStart } from '../../contracts/hall-time';

/** The demo hall's time zone (`server/seed/hall.ts`); seed dates are derived in it. */
export const SEED_TIME_ZONE = DEFAULT_HALL_TIME_ZONE;

/** Today's date in the given time zone (default the demo hall's), as `YYYY-MM-DD`. */
export function todayIn(timeZone: string = SEED_TIME_ZONE, now: Date = new Date()): string {
  return hallDate(timeZone, now);
}

/** `YYYYMMDD` (as printed on an ID card) to `YYYY-MM-DD`. */
export function compactToIso(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** A moment on a demo-hall-local date and time, e.g. `atHallTime('2024-03-01', 9, 30)`. */
export function atHallTime(date: string, hour: number, minute: number): Date {
  return atHallTimeIn(date, hour, minute, SEED_TIME_ZONE);
}
