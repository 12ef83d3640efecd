/** Calendar arithmetic on `YYYY-MM-DD` strings (pure, no local time zone involved). */
import type { Period } from '../../contracts/period';

/** The hall's time zone; dates a person sees are derived in it. */
export const HALL_TIME_ZONE = 'Asia/Shanghai';

/** Today's date in the given time zone (default the hall's), as `YYYY-MM-DD`. */
export function todayIn(timeZone: string = HALL_TIME_ZONE, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The date `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDate(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromUtc(first);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** The period (`YYYYMM`) a date falls in. */
export function periodOf(date: string): Period {
  return date.slice(0, 4) + date.slice(5, 7);
}

/** The first day of a period, as `YYYY-MM-DD`. */
export function periodStart(period: Period): string {
  return `${period.slice(0, 4)}-${period.slice(4, 6)}-01`;
}

/** `YYYYMMDD` (as printed on an ID card) to `YYYY-MM-DD`. */
export function compactToIso(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** A moment on a hall-local date and time, e.g. `atHallTime('2024-03-01', 9, 30)`. */
export function atHallTime(date: string, hour: number, minute: number): Date {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+08:00`);
}
