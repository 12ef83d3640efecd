/** A contribution month as `YYYYMM` (e.g. "202403"). */
export type Period = string;

const PERIOD = /^(19|20)\d{2}(0[1-9]|1[0-2])$/;

/** True when the value is a `YYYYMM` period with a month from 01 to 12. */
export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD.test(value);
}

/** The period `months` after (or before, when negative) the given one. */
export function addMonths(period: Period, months: number): Period {
  if (!isPeriod(period)) throw new RangeError(`not a YYYYMM period: ${period}`);
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(4)) - 1 + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}${String(m).padStart(2, '0')}`;
}

/** Every period from `from` to `to` inclusive, oldest first. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** Contribution years as shown to a person: whole years and the months left over. */
export function contributionYears(paidMonths: number): { years: number; months: number } {
  return { years: Math.floor(paidMonths / 12), months: paidMonths % 12 };
}
