/**
 * Queue tickets: issuing (atomic numbers per hall, category and service day), the kiosk's category
 * list, the public follow view and the hall display feed. All state is in the database, so any
 * number of server instances can serve the same hall.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { KioskError } from '../../contracts/errors';
import { hallDate } from '../../contracts/hall-time';
import {
  type HallDisplayFeed,
  type IssueTicketRequest,
  type PublicTicketView,
  type QueueCategory,
  type QueueTicket,
  type StaffTicket,
  followPagePath,
  formatTicketNumber,
} from '../../contracts/queue';
import { halls, queueTickets, serviceCategories } from '../db/schema';
import type { Db } from '../db/types';
import { useSession } from '../sessions/use-session';
import type { AuthenticatedTerminal } from '../terminals/authenticate';
import { type TicketPlace, issueInBatch } from './issue-batch';
import { leaveTicketPhone } from '../notices/events';

/** What the queue code needs besides the database. */
export interface QueueOptions {
  /** The clock (tests move it across midnight); service days are its date in the hall's time zone. */
  now: () => Date;
  sessionIdleMs: number;
  /** Active (waiting or called) tickets a person may hold per category and day; 0 means no limit. */
  maxActivePerPerson: number;
  /** Minutes one ticket takes at a window until today's served tickets say otherwise. */
  defaultServiceMin: number;
  /** Booked tickets called in a row (per set of categories) before a waiting walk-in gets a turn. */
  priorityRun?: number;
}

/** Default of `priorityRun`: after three booked tickets in a row, one walk-in. */
export const DEFAULT_PRIORITY_RUN = 3;

export const DEFAULT_MAX_ACTIVE_PER_PERSON = 1;
export const DEFAULT_SERVICE_MIN = 5;

type TicketRow = typeof queueTickets.$inferSelect;

/** A ticket row as staff see it (no person). */
export function staffTicketOf(row: TicketRow): StaffTicket {
  return {
    ticketId: row.id,
    number: formatTicketNumber(row.categoryCode, row.number, row.priority),
    categoryCode: row.categoryCode,
    status: row.status,
    windowNo: row.windowNo,
    issuedAt: row.issuedAt.toISOString(),
    calledAt: row.calledAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    recallCount: row.recallCount,
    forPerson: row.personId !== null,
    priority: row.priority,
  };
}

/** How fast a category moves today: average minutes per ticket and windows calling it in the last hour. */
interface Pace {
  serviceMin: number;
  windows: number;
}

async function paceOf(db: Db, hallId: string, day: string, now: Date, defaultMin: number): Promise<Map<string, Pace>> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const rows = await db
    .select({
      code: queueTickets.categoryCode,
      avgS: sql<
        string | null
      >`avg(extract(epoch from ${queueTickets.finishedAt} - ${queueTickets.calledAt})) filter (where ${queueTickets.status} = 'served')`,
      windows: sql<number>`count(distinct ${queueTickets.windowNo}) filter (where ${queueTickets.calledAt} > ${hourAgo})`,
    })
    .from(queueTickets)
    .where(and(eq(queueTickets.hallId, hallId), eq(queueTickets.serviceDay, day), isNotNull(queueTickets.calledAt)))
    .groupBy(queueTickets.categoryCode);
  const pace = new Map<string, Pace>();
  for (const r of rows)
    pace.set(r.code, paceFrom(r.avgS === null ? null : Number(r.avgS), Number(r.windows), defaultMin));
  return pace;
}

/** A category's pace from its average service time (seconds; null before the first served ticket) and its windows. */
function paceFrom(avgS: number | null, windows: number, defaultMin: number): Pace {
  const avgMin = avgS === null ? defaultMin : avgS / 60;
  return { serviceMin: Math.min(60, Math.max(1, avgMin)), windows: Math.max(1, windows) };
}

/** Minutes until `ahead` people are served at the category's pace. */
function estimateMin(ahead: number, pace: Pace | undefined, defaultMin: number): number {
  const p = pace ?? { serviceMin: defaultMin, windows: 1 };
  return Math.ceil((ahead * p.serviceMin) / p.windows);
}

async function waitingCounts(db: Db, hallId: string, day: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: queueTickets.categoryCode, n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.hallId, hallId), eq(queueTickets.serviceDay, day), eq(queueTickets.status, 'waiting')))
    .groupBy(queueTickets.categoryCode);
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** The hall's categories with people waiting and the wait for a ticket issued now. */
export async function queueCategories(
  db: Db,
  options: QueueOptions,
  hallId: string,
  timeZone: string,
): Promise<{ serviceDay: string; categories: QueueCategory[] }> {
  const now = options.now();
  const day = hallDate(timeZone, now);
  const [cats, waiting, pace] = await Promise.all([
    db.select().from(serviceCategories).where(eq(serviceCategories.hallId, hallId)).orderBy(serviceCategories.code),
    waitingCounts(db, hallId, day),
    paceOf(db, hallId, day, now, options.defaultServiceMin),
  ]);
  return {
    serviceDay: day,
    categories: cats.map((c) => {
      const n = waiting.get(c.code) ?? 0;
      return {
        code: c.code,
        name: c.name,
        description: c.description,
        waiting: n,
        estimatedWaitMin: estimateMin(n, pace.get(c.code), options.defaultServiceMin),
      };
    }),
  };
}

/**
 * Issues the next ticket of a category through `queue_issue_tickets` (issue-batch.ts, migrations
 * 0004 and 0011): the counter upsert, the ticket, its audit row and its people ahead are one statement and
 * one commit, batched with the other tickets issued meanwhile; the counter's row lock orders
 * concurrent issuers on any instance, and the per-person limit is checked under that lock (a
 * refusal rolls the number back), so two terminals cannot both slip under it. A retried key (even
 * one in flight on another instance) returns the ticket first issued for it; a retry with a session
 * is answered even if the session has ended since.
 */
export async function issueTicket(
  db: Db,
  options: QueueOptions,
  terminal: AuthenticatedTerminal,
  request: IssueTicketRequest,
  baseUrl: string,
): Promise<QueueTicket> {
  const key = `${terminal.terminalId}:${request.idempotencyKey}`;
  let personId: number | null = null;
  if (request.sessionId) {
    try {
      personId = (await useSession(db, terminal.terminalId, request.sessionId, options.sessionIdleMs)).personId;
    } catch (error) {
      const earlier =
        error instanceof KioskError && (error.code === 'sessionExpired' || error.code === 'noSession')
          ? await ticketByKey(db, key)
          : undefined;
      if (earlier) return retried(db, options, earlier, request, baseUrl);
      throw error;
    }
  }

  const now = options.now();
  const day = hallDate(terminal.hallTimeZone, now);
  const done = await issueInBatch(db, {
    hallId: terminal.hallId,
    categoryCode: request.categoryCode,
    day,
    personId,
    terminalId: terminal.terminalId,
    key,
    at: now,
    maxActivePerPerson: options.maxActivePerPerson,
    subjectId: request.sessionId ?? null,
  });
  if (done.outcome === 'notFound') throw new KioskError('notFound', 'no such service category in this hall');
  if (done.outcome === 'ticketLimit') {
    throw new KioskError('ticketLimit', 'the person already holds an active ticket of this category today');
  }
  if (done.outcome === 'retried') {
    const winner = await ticketByKey(db, key);
    if (!winner) throw new KioskError('conflict', 'the retry key is in use; try again');
    return retried(db, options, winner, request, baseUrl);
  }
  if (request.phone) await leaveTicketPhone(db, done.ticketId, request.phone);
  const row: TicketRow = {
    id: done.ticketId,
    hallId: terminal.hallId,
    categoryCode: request.categoryCode,
    serviceDay: day,
    number: done.number,
    personId,
    terminalId: terminal.terminalId,
    idempotencyKey: key,
    issuedAt: now,
    status: 'waiting',
    windowNo: null,
    calledAt: null,
    calledBy: null,
    recallCount: 0,
    finishedAt: null,
    priority: false,
  };
  const { servedCount, servedSeconds, windows } = done.pace;
  const pace = paceFrom(servedCount > 0 ? servedSeconds / servedCount : null, windows, options.defaultServiceMin);
  const wait = estimateMin(done.peopleAhead, pace, options.defaultServiceMin);
  return ticketView(done.place, row, done.peopleAhead, wait, baseUrl);
}

async function ticketByKey(db: Db, key: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(queueTickets).where(eq(queueTickets.idempotencyKey, key));
  return row;
}

/** The answer to a retry: the ticket as first issued (people ahead as of now). A key reused for another category is a conflict. */
async function retried(
  db: Db,
  options: QueueOptions,
  row: TicketRow,
  request: IssueTicketRequest,
  baseUrl: string,
): Promise<QueueTicket> {
  if (row.categoryCode !== request.categoryCode) {
    throw new KioskError('conflict', 'this retry key was used for another category');
  }
  // A phone left after the ticket came out (the kiosk's "快到您时发短信提醒") arrives as a retry.
  if (request.phone) await leaveTicketPhone(db, row.id, request.phone);
  const [{ peopleAhead, estimatedWaitMin }, place] = await Promise.all([
    progressOf(db, options, row),
    placeOf(db, row.hallId, row.categoryCode),
  ]);
  return ticketView(place!, row, peopleAhead, estimatedWaitMin, baseUrl);
}

/** The hall and category a ticket prints; undefined when the hall has no such category. */
export async function placeOf(db: Db, hallId: string, categoryCode: string) {
  const [place] = await db
    .select({
      hallName: halls.name,
      hallAddress: halls.address,
      timeZone: halls.timeZone,
      categoryName: serviceCategories.name,
    })
    .from(halls)
    .innerJoin(serviceCategories, and(eq(serviceCategories.hallId, halls.id), eq(serviceCategories.code, categoryCode)))
    .where(eq(halls.id, hallId));
  return place;
}

export function ticketView(
  place: TicketPlace,
  row: TicketRow,
  peopleAhead: number,
  estimatedWaitMin: number,
  baseUrl: string,
): QueueTicket {
  return {
    ticketId: row.id,
    number: formatTicketNumber(row.categoryCode, row.number, row.priority),
    categoryCode: row.categoryCode,
    categoryName: place.categoryName,
    serviceDay: row.serviceDay,
    issuedAt: row.issuedAt.toISOString(),
    peopleAhead,
    estimatedWaitMin,
    hallName: place.hallName,
    hallAddress: place.hallAddress,
    hallTimeZone: place.timeZone,
    followUrl: new URL(followPagePath(row.id), baseUrl).toString(),
    forPerson: row.personId !== null,
  };
}

/**
 * People still waiting before a ticket and the wait that means (0 once it is no longer waiting).
 * Booked tickets go first (staff-queue.ts), so a walk-in counts every waiting booked ticket and the
 * walk-ins numbered before it; a booked ticket counts the booked ones numbered before it.
 */
export async function progressOf(
  db: Db,
  options: QueueOptions,
  row: TicketRow,
): Promise<{ peopleAhead: number; estimatedWaitMin: number }> {
  if (row.status !== 'waiting') return { peopleAhead: 0, estimatedWaitMin: 0 };
  const [ahead] = await db
    .select({ n: count() })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.hallId, row.hallId),
        eq(queueTickets.categoryCode, row.categoryCode),
        eq(queueTickets.serviceDay, row.serviceDay),
        eq(queueTickets.status, 'waiting'),
        row.priority
          ? and(eq(queueTickets.priority, true), lt(queueTickets.number, row.number))
          : or(eq(queueTickets.priority, true), lt(queueTickets.number, row.number)),
      ),
    );
  const n = Number(ahead!.n);
  const pace = await paceOf(db, row.hallId, row.serviceDay, options.now(), options.defaultServiceMin);
  return { peopleAhead: n, estimatedWaitMin: estimateMin(n, pace.get(row.categoryCode), options.defaultServiceMin) };
}

/** The public follow view of a ticket: no person, no terminal. Unknown ids are 404. */
export async function publicTicket(db: Db, options: QueueOptions, ticketId: string): Promise<PublicTicketView> {
  const [row] = await db.select().from(queueTickets).where(eq(queueTickets.id, ticketId));
  if (!row) throw new KioskError('notFound', 'no such ticket');
  const [place] = await db
    .select({ hallName: halls.name, categoryName: serviceCategories.name })
    .from(halls)
    .innerJoin(
      serviceCategories,
      and(eq(serviceCategories.hallId, halls.id), eq(serviceCategories.code, row.categoryCode)),
    )
    .where(eq(halls.id, row.hallId));
  const [latest] = await db
    .select({ code: queueTickets.categoryCode, number: queueTickets.number, priority: queueTickets.priority })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.hallId, row.hallId),
        eq(queueTickets.categoryCode, row.categoryCode),
        eq(queueTickets.serviceDay, row.serviceDay),
        isNotNull(queueTickets.calledAt),
        inArray(queueTickets.status, ['called', 'served']),
      ),
    )
    .orderBy(desc(queueTickets.calledAt))
    .limit(1);
  const { peopleAhead, estimatedWaitMin } = await progressOf(db, options, row);
  return {
    number: formatTicketNumber(row.categoryCode, row.number, row.priority),
    categoryCode: row.categoryCode,
    categoryName: place?.categoryName ?? '',
    hallName: place?.hallName ?? '',
    serviceDay: row.serviceDay,
    issuedAt: row.issuedAt.toISOString(),
    status: row.status,
    peopleAhead,
    estimatedWaitMin,
    windowNo: row.status === 'waiting' ? null : row.windowNo,
    calledAt: row.calledAt?.toISOString() ?? null,
    nowServing: latest ? formatTicketNumber(latest.code, latest.number, latest.priority) : null,
    asOf: options.now().toISOString(),
  };
}

/** The hall display's feed: today's current calls, newest first, and waiting counts. */
export async function hallDisplay(db: Db, options: QueueOptions, hallId: string): Promise<HallDisplayFeed> {
  const [hall] = await db.select().from(halls).where(eq(halls.id, hallId));
  if (!hall) throw new KioskError('notFound', 'no such hall');
  const now = options.now();
  const day = hallDate(hall.timeZone, now);
  const [calls, cats, waiting] = await Promise.all([
    db
      .select()
      .from(queueTickets)
      .where(and(eq(queueTickets.hallId, hallId), eq(queueTickets.serviceDay, day), eq(queueTickets.status, 'called')))
      .orderBy(desc(queueTickets.calledAt))
      .limit(20),
    db
      .select()
      .from(serviceCategories)
      .where(eq(serviceCategories.hallId, hallId))
      .orderBy(asc(serviceCategories.code)),
    waitingCounts(db, hallId, day),
  ]);
  return {
    hallId,
    hallName: hall.name,
    serviceDay: day,
    calls: calls
      .filter((c) => c.windowNo !== null && c.calledAt !== null)
      .map((c) => ({
        number: formatTicketNumber(c.categoryCode, c.number, c.priority),
        categoryCode: c.categoryCode,
        windowNo: c.windowNo!,
        calledAt: c.calledAt!.toISOString(),
        recallCount: c.recallCount,
      })),
    waiting: cats.map((c) => ({ code: c.code, name: c.name, waiting: waiting.get(c.code) ?? 0 })),
    asOf: now.toISOString(),
  };
}
