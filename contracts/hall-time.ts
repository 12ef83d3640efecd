/**
 * Hall time: dates and clock times a person sees, in the hall's own time zone (`halls.time_zone`).
 * Pure; the zone is always passed in. Calendar arithmetic works on `YYYY-MM-DD` strings, no local zone.
 */
import type { Period } from './period';

/** The zone of a hall whose row (or an older server) says nothing else; every live caller passes the hall's own. */
export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The hall-date (`YYYY-MM-DD`) of the instant `at` in `timeZone`: "today in the hall" when `at` is now. */
export function hallDate(timeZone: string, at: Date | number): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The wall-clock parts of `at` in `timeZone`. */
function wallParts(timeZone: string, at: Date | number): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
}

/** The instant the hall's clock reads `date` `hour`:`minute`, e.g. `atHallTime('2024-03-01', 9, 30, zone)`. */
export function atHallTime(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
  );
  // The zone's offset at that wall time (checked twice so a DST change between the guesses settles).
  let at = wall;
  for (let i = 0; i < 2; i++) {
    const p = wallParts(timeZone, at);
    const seen = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
    at += wall - seen;
  }
  return new Date(at);
}

/** `2025年06月15日 10:05`: an instant as the hall's clock shows it. */
export function hallDateTime(timeZone: string, at: Date | string | number): string {
  const p = wallParts(timeZone, typeof at === 'string' ? new Date(at) : at);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** The hall's year and month (1–12) at `at`. */
export function hallMonth(timeZone: string, at: Date | number): { year: number; month: number } {
  const date = hallDate(timeZone, at);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
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
