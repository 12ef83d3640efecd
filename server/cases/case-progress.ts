/**
 * Case progress (办理进度). By receipt number anyone at a terminal may see the item, status, steps,
 * due date and a masked name, nothing else of the applicant; from a session, only the person's own
 * cases. Overdue is judged by the calendar of the case's hall (its time zone), not the server's.
 */
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import type { CaseProgress, SessionCasesResponse } from '../../contracts/inquiry';
import { auditLog, type CaseStep, cases, halls, persons } from '../db/schema';
import type { Db } from '../db/types';
import { DEFAULT_HALL_TIME_ZONE, daysBetween, hallDate } from '../../contracts/hall-time';
import { type PageRequest, pageInfo } from '../inquiry/paging';

/** `王建国` → `王*国`, `李娜` → `李*`: enough to recognise one's own receipt. */
export function maskName(name: string): string {
  const chars = [...name.replace(/\s+/g, '')];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const columns = {
  caseNo: cases.caseNo,
  itemCode: cases.itemCode,
  item: cases.item,
  status: cases.status,
  acceptedAt: cases.acceptedAt,
  dueDate: cases.dueDate,
  completedAt: cases.completedAt,
  steps: cases.steps,
  name: persons.name,
  timeZone: halls.timeZone,
};
interface CaseRow {
  caseNo: string;
  itemCode: string;
  item: string;
  status: CaseProgress['status'];
  acceptedAt: Date;
  dueDate: string;
  completedAt: Date | null;
  steps: CaseStep[];
  name: string;
  timeZone: string | null;
}

/** The view of one case row as of `now`. */
export function caseView(row: CaseRow, now: Date): CaseProgress {
  const timeZone = row.timeZone ?? DEFAULT_HALL_TIME_ZONE;
  const today = hallDate(timeZone, now);
  const finished = row.status === 'completed' || row.status === 'rejected';
  const overdue = !finished && today > row.dueDate;
  const finishedOn = row.completedAt ? hallDate(timeZone, row.completedAt) : null;
  return {
    caseNo: row.caseNo,
    itemCode: row.itemCode,
    item: row.item,
    status: row.status,
    acceptedAt: row.acceptedAt.toISOString(),
    dueDate: row.dueDate,
    completedAt: row.completedAt?.toISOString() ?? null,
    overdue,
    finishedLate: finished && finishedOn !== null && finishedOn > row.dueDate,
    daysOverdue: overdue ? daysBetween(row.dueDate, today) : 0,
    steps: row.steps.map((s) => ({
      name: s.name,
      at: new Date(s.at).toISOString(),
      by: s.by,
      ...(s.note ? { note: s.note } : {}),
    })),
    maskedName: maskName(row.name),
    timeZone,
  };
}

function select(db: Db) {
  return db
    .select(columns)
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .leftJoin(halls, eq(halls.id, cases.hallId));
}

/** A case by its receipt number (no card); unknown numbers are 404 `notFound`. */
export async function caseByNumber(db: Db, caseNo: string, now = new Date()): Promise<CaseProgress> {
  const [row] = await select(db).where(eq(cases.caseNo, caseNo.toUpperCase()));
  if (!row) throw new KioskError('notFound', 'no case with this number');
  return caseView(row, now);
}

/** One of the person's own cases; another person's number is the same 404 as an unknown one. */
export async function ownCase(db: Db, personId: number, caseNo: string, now = new Date()): Promise<CaseProgress> {
  const [row] = await select(db).where(and(eq(cases.caseNo, caseNo.toUpperCase()), eq(cases.personId, personId)));
  if (!row) throw new KioskError('notFound', 'no case with this number for this person');
  return caseView(row, now);
}

/** The person's cases, newest first. */
export async function ownCases(
  db: Db,
  personId: number,
  page: PageRequest,
  now = new Date(),
): Promise<SessionCasesResponse> {
  const [rows, total] = await Promise.all([
    select(db)
      .where(eq(cases.personId, personId))
      .orderBy(desc(cases.acceptedAt), desc(cases.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(cases).where(eq(cases.personId, personId)),
  ]);
  return { cases: rows.map((r) => caseView(r, now)), pageInfo: pageInfo(page, total[0]?.n ?? 0) };
}

/** Unknown case numbers a terminal may try within `CASE_MISS_WINDOW_S` before lookups pause. */
export const CASE_MISS_LIMIT = 30;
export const CASE_MISS_WINDOW_S = 600;

/**
 * True when this terminal has looked up too many unknown case numbers lately. Lookups need no
 * card and case numbers follow a pattern, so guessing them one after another is slowed down here
 * (counted from the audit log, so it holds across server instances).
 */
export async function tooManyMisses(db: Db, terminalId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.terminalId, terminalId),
        eq(auditLog.action, 'case.lookup'),
        eq(auditLog.result, 'notFound'),
        gt(auditLog.at, sql`now() - make_interval(secs => ${CASE_MISS_WINDOW_S})`),
      ),
    );
  return (row?.n ?? 0) >= CASE_MISS_LIMIT;
}
