/**
 * The database function that issues a ticket in one statement. Drizzle's schema cannot express a
 * function, so it is created here on first use (`create or replace`, under an advisory lock so
 * several instances starting together do not collide), not by a migration.
 *
 * Why a function: the counter row lock must be held from the increment until the ticket is
 * committed. In a client-driven transaction that spans network round trips and event-loop delays
 * of a busy server; inside one autocommitted statement it spans only the database's own work. The
 * exception block is a subtransaction: a duplicate key (a retry racing its twin, on any instance)
 * or the per-person limit rolls the increment back, so no number is ever skipped.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/types';

const CREATE = sql.raw(`
create or replace function queue_issue_ticket(
  p_hall text, p_cat text, p_day date, p_person integer, p_terminal text, p_key text, p_at timestamptz, p_max integer
) returns table (ticket_id uuid, ticket_number integer, outcome text)
language plpgsql as $fn$
declare
  n integer;
  held integer;
  tid uuid;
begin
  begin
    insert into queue_counters as c (hall_id, category_code, service_day, last_number)
      values (p_hall, p_cat, p_day, 1)
      on conflict (hall_id, category_code, service_day) do update set last_number = c.last_number + 1
      returning c.last_number into n;
    if p_person is not null and p_max > 0 then
      select count(*) into held from queue_tickets t
        where t.person_id = p_person and t.service_day = p_day and t.hall_id = p_hall
          and t.category_code = p_cat and t.status in ('waiting', 'called');
      if held >= p_max then
        raise exception 'ticketLimit';
      end if;
    end if;
    insert into queue_tickets (hall_id, category_code, service_day, number, person_id, terminal_id, idempotency_key, issued_at)
      values (p_hall, p_cat, p_day, n, p_person, p_terminal, p_key, p_at)
      returning id into tid;
    return query select tid, n, 'issued'::text;
  exception
    when unique_violation then
      return query select t.id, t.number, 'retried'::text from queue_tickets t where t.idempotency_key = p_key;
    when raise_exception then
      return query select null::uuid, null::integer, 'ticketLimit'::text;
  end;
end
$fn$`);

const ready = new WeakMap<Db, Promise<void>>();

/** Creates (or replaces) the function once per database handle. */
export function ensureIssueFunction(db: Db): Promise<void> {
  let done = ready.get(db);
  if (!done) {
    done = db
      .transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('queue_issue_ticket'))`);
        await tx.execute(CREATE);
      })
      .catch((error: unknown) => {
        ready.delete(db);
        throw error;
      });
    ready.set(db, done);
  }
  return done;
}

/** What the function did: issued a new ticket, found the key's earlier ticket, or refused (limit). */
export type IssueOutcome =
  { outcome: 'issued' | 'retried'; ticketId: string; number: number } | { outcome: 'ticketLimit' };

/** Issues (or finds) the ticket of `key`, in one statement. */
export async function callIssueFunction(
  db: Db,
  a: {
    hallId: string;
    categoryCode: string;
    day: string;
    personId: number | null;
    terminalId: string;
    key: string;
    at: Date;
    maxActivePerPerson: number;
  },
): Promise<IssueOutcome> {
  await ensureIssueFunction(db);
  const result = (await db.execute(
    sql`select ticket_id, ticket_number, outcome from queue_issue_ticket(${a.hallId}, ${a.categoryCode}, ${a.day}::date, ${a.personId}::integer, ${a.terminalId}, ${a.key}, ${a.at.toISOString()}::timestamptz, ${a.maxActivePerPerson}::integer)`,
  )) as unknown as { rows: { ticket_id: string | null; ticket_number: number | null; outcome: string }[] };
  const row = result.rows[0];
  if (!row) throw new Error('queue_issue_ticket returned no row');
  if (row.outcome === 'ticketLimit') return { outcome: 'ticketLimit' };
  if (row.ticket_id === null || row.ticket_number === null)
    throw new Error('queue_issue_ticket: retried key not found');
  return { outcome: row.outcome as 'issued' | 'retried', ticketId: row.ticket_id, number: Number(row.ticket_number) };
}
