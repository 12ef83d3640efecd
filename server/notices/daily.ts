/**
 * The daily notices of one hall: retirees whose certification falls due within 30 days or has
 * lapsed (with where to go), and cases past their due date. Safe to run every hour and on every
 * server instance: each notice has its dedupe key (person and due date, case), so it is written once.
 */
import { sql } from 'drizzle-orm';
import { addDays, hallDate } from '../../contracts/hall-time';
import { maskName } from '../cases/case-progress';
import type { Db } from '../db/types';
import { hallForNotice, noticeCaseChange } from './events';
import { enqueueNotice } from './outbox';

export interface DailyNoticeOptions {
  hallId: string;
  now?: Date;
  /** Certification due within this many days (default 30). */
  dueWithinDays?: number;
  /** A lapse older than this many days is not told again by SMS (default 60). */
  lapsedWithinDays?: number;
}

/** What one run wrote (notices already written earlier are not counted). */
export interface DailyNoticeRun {
  certificationDue: number;
  certificationLapsed: number;
  caseOverdue: number;
}

/** Writes today's certification and overdue-case notices for one hall. */
export async function runDailyNotices(db: Db, options: DailyNoticeOptions): Promise<DailyNoticeRun> {
  const run: DailyNoticeRun = { certificationDue: 0, certificationLapsed: 0, caseOverdue: 0 };
  const hall = await hallForNotice(db, options.hallId);
  const today = hallDate(hall.timeZone, options.now ?? new Date());
  const dueBy = addDays(today, options.dueWithinDays ?? 30);
  const lapsedSince = addDays(today, -(options.lapsedWithinDays ?? 60));
  const retirees = (await db.execute(sql`
    select p.id, p.name, c.valid_until::text as valid_until
    from persons p
    join lateral (
      select max(valid_until) as valid_until from certifications where person_id = p.id and result = 'passed'
    ) c on true
    where p.is_retiree and p.phone is not null
      and c.valid_until between ${lapsedSince}::date and ${dueBy}::date
    order by p.id`)) as unknown as { rows: { id: number; name: string; valid_until: string }[] };
  for (const r of retirees.rows) {
    const lapsed = r.valid_until < today;
    const done = await enqueueNotice(db, {
      event: lapsed ? 'certificationLapsed' : 'certificationDue',
      personId: r.id,
      hallId: options.hallId,
      dedupeKey: `${lapsed ? 'certLapsed' : 'certDue'}:${r.id}:${r.valid_until}`,
      template: lapsed ? 'certificationLapsed' : 'certificationDue',
      params: {
        maskedName: maskName(r.name),
        validUntil: r.valid_until,
        hallName: hall.name,
        hallAddress: hall.address,
      },
    });
    if (done.created) run[lapsed ? 'certificationLapsed' : 'certificationDue']++;
  }
  const overdue = (await db.execute(sql`
    select id, case_no, person_id, hall_id, item, due_date::text as due_date from cases
    where hall_id = ${options.hallId} and status in ('accepted', 'processing') and due_date < ${today}::date
    order by id`)) as unknown as {
    rows: { case_no: string; person_id: number; hall_id: string; item: string; due_date: string }[];
  };
  for (const c of overdue.rows) {
    const done = await noticeCaseChange(db, {
      kind: 'overdue',
      caseNo: c.case_no,
      personId: c.person_id,
      hallId: c.hall_id,
      item: c.item,
      dueDate: c.due_date,
    });
    if (done.created) run.caseOverdue++;
  }
  return run;
}
