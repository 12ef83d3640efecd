/** Pure slot arithmetic of one rule on one hall-date: when each slot starts and ends, and the check-in window. */
import { CHECK_IN_EARLY_MIN, CHECK_IN_LATE_MIN } from '../../contracts/appointments';
import { atHallTime, hallDateTime } from '../../contracts/hall-time';

/** The part of a slot rule the times depend on. */
export interface SlotTimesRule {
  weekdays: string;
  opensAt: string;
  closesAt: string;
  slotMinutes: number;
}

const MINUTE = 60_000;

/** ISO weekday (1 Monday … 7 Sunday) of a `YYYY-MM-DD`. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The starts of the rule's slots on `day` (empty on a weekday it does not open); each slot ends before `closesAt`. */
export function slotStarts(rule: SlotTimesRule, day: string, timeZone: string): Date[] {
  if (!rule.weekdays.includes(String(isoWeekday(day)))) return [];
  const starts: Date[] = [];
  const close = minutesOf(rule.closesAt);
  for (let m = minutesOf(rule.opensAt); m + rule.slotMinutes <= close; m += rule.slotMinutes) {
    starts.push(atHallTime(day, Math.floor(m / 60), m % 60, timeZone));
  }
  return starts;
}

/** Whether `startsAt` is one of the rule's slot starts on its hall-date. */
export function isSlotStart(rule: SlotTimesRule, day: string, startsAt: Date, timeZone: string): boolean {
  return slotStarts(rule, day, timeZone).some((s) => s.getTime() === startsAt.getTime());
}

export function slotEnd(startsAt: Date, slotMinutes: number): Date {
  return new Date(startsAt.getTime() + slotMinutes * MINUTE);
}

/** The check-in window of a slot: from `CHECK_IN_EARLY_MIN` before its start to `CHECK_IN_LATE_MIN` after. */
export function checkInWindow(startsAt: Date): { from: Date; until: Date } {
  return {
    from: new Date(startsAt.getTime() - CHECK_IN_EARLY_MIN * MINUTE),
    until: new Date(startsAt.getTime() + CHECK_IN_LATE_MIN * MINUTE),
  };
}

/** Where `now` falls against a slot's check-in window. */
export function checkInTiming(startsAt: Date, now: Date): 'early' | 'open' | 'late' {
  const { from, until } = checkInWindow(startsAt);
  if (now < from) return 'early';
  return now <= until ? 'open' : 'late';
}

/** `09:30` in the hall's zone. */
export function clockLabel(at: Date, timeZone: string): string {
  return hallDateTime(timeZone, at).slice(-5);
}
