/**
 * Ticket issuing in batches: every ticket request that arrives while the previous batch is in the
 * database is sent with the next one, as one call of `queue_issue_tickets` (migration 0004, made
 * leaner by 0011) — one statement and one commit for the whole batch, each ticket with its audit row.
 * Inside, what is the same for a (hall, category, day) is read once per batch: about 0.12–0.14 ms
 * of PostgreSQL CPU a ticket in batches of 32 against 0.20–1.0 ms before (bench/ticket-function.ts).
 *
 * Why: numbers are consecutive per category, so the counter row's lock is held from the increment
 * until the commit is on disk (about 2.5 ms for an fsync here). One ticket per commit caps a
 * category at a few hundred tickets a second however many instances serve it; a batch carries
 * every ticket that queued meanwhile through one fsync. Each item is its own subtransaction in the
 * function, so one item's duplicate key, limit or error never fails the others.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/types';

/** One ticket to issue. `key` is the terminal-scoped idempotency key; `subjectId` goes to a refusal's audit row. */
export interface IssueItem {
  hallId: string;
  categoryCode: string;
  day: string;
  personId: number | null;
  terminalId: string;
  key: string;
  at: Date;
  maxActivePerPerson: number;
  subjectId: string | null;
}

/** Where a ticket is printed: the hall and the category's name. */
export interface TicketPlace {
  hallName: string;
  hallAddress: string;
  timeZone: string;
  categoryName: string;
}

/** What the database did with one item. */
export type IssueOutcome =
  | {
      outcome: 'issued';
      ticketId: string;
      number: number;
      /** Waiting tickets before this one, from the category's counters. */
      peopleAhead: number;
      /** Today's served tickets of the category and their total service time, and windows calling it in the last hour. */
      pace: { servedCount: number; servedSeconds: number; windows: number };
      place: TicketPlace;
    }
  | { outcome: 'retried'; ticketId: string; number: number }
  | { outcome: 'ticketLimit' }
  | { outcome: 'notFound' };

/** At most this many tickets per call: each is a subtransaction, and PostgreSQL caches 64 per transaction. */
export const MAX_BATCH = 48;

interface Row {
  ord: number;
  outcome: string;
  ticket_id: string | null;
  ticket_number: number | null;
  people_ahead: number | null;
  served_count: number | null;
  served_seconds: number | null;
  windows: number | null;
  hall_name: string | null;
  hall_address: string | null;
  hall_time_zone: string | null;
  category_name: string | null;
}

interface Pending {
  item: IssueItem;
  resolve: (outcome: IssueOutcome) => void;
  reject: (error: unknown) => void;
}

function outcomeOf(row: Row): IssueOutcome {
  switch (row.outcome) {
    case 'issued':
      return {
        outcome: 'issued',
        ticketId: row.ticket_id!,
        number: Number(row.ticket_number),
        peopleAhead: Math.max(0, Number(row.people_ahead)),
        pace: {
          servedCount: Number(row.served_count),
          servedSeconds: Number(row.served_seconds),
          windows: Number(row.windows),
        },
        place: {
          hallName: row.hall_name!,
          hallAddress: row.hall_address!,
          timeZone: row.hall_time_zone!,
          categoryName: row.category_name!,
        },
      };
    case 'retried':
      if (row.ticket_id === null) throw new Error('queue_issue_tickets: retried key not found');
      return { outcome: 'retried', ticketId: row.ticket_id, number: Number(row.ticket_number) };
    case 'ticketLimit':
    case 'notFound':
      return { outcome: row.outcome };
    default:
      // e.g. `failed 23503`: a database error of this item alone (its SQLSTATE, no data).
      throw new Error(`queue_issue_tickets: ${row.outcome}`);
  }
}

/** Queues items for one database and sends them a batch at a time (one batch in flight). */
class BatchIssuer {
  private queue: Pending[] = [];
  private busy = false;

  constructor(private readonly db: Db) {}

  issue(item: IssueItem): Promise<IssueOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.send(batch);
      }
    } finally {
      this.busy = false;
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    const items = batch.map(({ item }) => ({
      hall: item.hallId,
      cat: item.categoryCode,
      day: item.day,
      person: item.personId,
      terminal: item.terminalId,
      key: item.key,
      at: item.at.toISOString(),
      max: item.maxActivePerPerson,
      subject: item.subjectId,
    }));
    let rows: Row[];
    try {
      const json = JSON.stringify(items);
      const pool = preparedStatements ? poolOf(this.db) : null;
      const result = pool
        ? await pool.query<Row>({ name: 'queue_issue_tickets', text: ISSUE_SQL, values: [json] })
        : ((await this.db.execute(sql`select * from queue_issue_tickets(${json}::jsonb)`)) as unknown as {
            rows: Row[];
          });
      rows = result.rows;
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
    batch.forEach((p, i) => {
      const row = byOrd.get(i + 1);
      if (!row) return p.reject(new Error('queue_issue_tickets returned no row for an item'));
      try {
        p.resolve(outcomeOf(row));
      } catch (error) {
        p.reject(error);
      }
    });
  }
}

const ISSUE_SQL = 'select * from queue_issue_tickets($1::jsonb)';

let preparedStatements = false;

/**
 * Send batches as a named prepared statement on PostgreSQL (node-postgres prepares it once per
 * connection). Off by default: measured in bench/hall-throughput.ts (PREPARED=1), the call is one
 * tiny statement whose plan is trivial, and the function's own statements are cached plans anyway.
 */
export function usePreparedStatements(on: boolean): void {
  preparedStatements = on;
}

/** The node-postgres pool under a Drizzle handle, or null (PGlite). */
function poolOf(
  db: Db,
): { query<R>(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }> } | null {
  const client = (db as unknown as { $client?: { query?: unknown; totalCount?: unknown } }).$client;
  return client && typeof client.query === 'function' && typeof client.totalCount === 'number'
    ? (client as never)
    : null;
}

const issuers = new WeakMap<Db, BatchIssuer>();

/** Issues (or finds, for a key seen before) one ticket, batched with whatever else is being issued on this database handle. */
export function issueInBatch(db: Db, item: IssueItem): Promise<IssueOutcome> {
  let issuer = issuers.get(db);
  if (!issuer) {
    issuer = new BatchIssuer(db);
    issuers.set(db, issuer);
  }
  return issuer.issue(item);
}
