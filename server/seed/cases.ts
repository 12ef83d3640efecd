/** 办件 with progress steps; some past their due date without being finished (overdue). */
import type * as s from '../db/schema';
import { guides } from './content/guides';
import { addDays, atHallTime } from './dates';
import type { Rng } from './prng';
import { DEMO_HALL_ID } from './hall';
import type { PersonSpec } from './types';

type Case = typeof s.cases.$inferInsert;

const stepNames = ['受理', '审核', '复核', '办结'] as const;
const handlers = ['周敏', '黄磊', '吴静', '后台审核组'] as const;

/**
 * Who applies for which item, so no case contradicts the person's life: 失业保险金 only for the
 * unemployed (a retiree cannot claim it: 《失业保险条例》 第十五条 stops it on receiving a pension),
 * 资格认证 only for retirees, job and training items only at working age.
 */
const applicants: Readonly<Record<string, readonly PersonSpec['kind'][]>> = {
  SB001: ['employee', 'unemployed'],
  SB002: ['retiree'],
  SB003: ['employee', 'retiree', 'resident', 'unemployed'],
  SB004: ['resident', 'unemployed'],
  SB005: ['employee', 'retiree', 'resident', 'unemployed'],
  YB001: ['employee', 'unemployed'],
  YB002: ['employee', 'retiree', 'resident', 'unemployed'],
  JY001: ['unemployed'],
  JY002: ['resident', 'unemployed'],
  JY003: ['employee'],
};

/** Items that take time in the back office (instant items never become cases) that `kind` may apply for. */
export function caseGuidesFor(kind: PersonSpec['kind']) {
  return guides.filter((g) => g.timeLimitDays > 0 && (applicants[g.code] ?? []).includes(kind));
}

/** Case numbers (受理编号): item code, acceptance date, person id and a counter, e.g. `SB0012024031500001231`. */
function caseNo(itemCode: string, day: string, personId: number, n: number): string {
  return `${itemCode}${day.replaceAll('-', '')}${String(personId).padStart(7, '0')}${n}`;
}

/** `count` cases accepted in the 60 days before the as-of day. */
export function buildCases(personId: number, kind: PersonSpec['kind'], count: number, asOf: string, rng: Rng): Case[] {
  const out: Case[] = [];
  const caseGuides = caseGuidesFor(kind);
  for (let n = 1; n <= count; n++) {
    const guide = rng.pick(caseGuides);
    const acceptedDay = addDays(asOf, -rng.int(1, 60));
    const dueDate = addDays(acceptedDay, guide.timeLimitDays);
    const past = dueDate < asOf;
    const status = past
      ? rng.chance(0.8)
        ? rng.chance(0.9)
          ? 'completed'
          : 'rejected'
        : 'processing'
      : rng.pick(['accepted', 'processing'] as const);
    const done = status === 'completed' || status === 'rejected' ? 4 : status === 'processing' ? rng.int(2, 3) : 1;
    const span = Math.max(
      1,
      Math.min(
        guide.timeLimitDays,
        past ? guide.timeLimitDays : -1 + (Date.parse(asOf) - Date.parse(acceptedDay)) / 86_400_000,
      ),
    );
    const steps = stepNames.slice(0, done).map((name, i) => {
      const day = addDays(acceptedDay, Math.floor((span * i) / 3));
      const at = atHallTime(day > asOf ? asOf : day, 9 + i * 2, rng.int(0, 59)).toISOString();
      const note = name === '办结' && status === 'rejected' ? '材料不齐全，已电话告知申请人补正后重新申请' : undefined;
      return note ? { name, at, by: handlers[i]!, note } : { name, at, by: handlers[i]! };
    });
    const acceptedAt = atHallTime(acceptedDay, 9, rng.int(0, 59));
    steps[0]!.at = acceptedAt.toISOString();
    const last = steps[steps.length - 1]!;
    out.push({
      caseNo: caseNo(guide.code, acceptedDay, personId, n),
      personId,
      hallId: DEMO_HALL_ID,
      itemCode: guide.code,
      item: guide.title,
      status,
      acceptedAt,
      dueDate,
      completedAt: done === 4 ? new Date(last.at) : null,
      steps,
    });
  }
  return out;
}
