/** Fast batched inserts that work the same on PGlite and PostgreSQL: one JSON parameter per batch. */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/types';

/** Rows per statement: large enough to amortise a round trip, small enough to bound memory. */
export const BATCH_ROWS = 5_000;
const CONCURRENCY = 2;

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Inserts rows (keyed by the table's JS column names) with `json_to_recordset`: far fewer
 * parameters than a multi-row VALUES list, and identical SQL for both drivers.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, { name: string; getSQLType(): string }][];
  const present = columns.filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const names = present.map(([, c]) => `"${c.name}"`).join(', ');
  const types = present.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', ');
  const head = `insert into "${getTableName(table)}" (${names}) select ${names} from json_to_recordset(`;
  const tail = `::json) as x(${types})`;
  const statement = (from: number) => {
    const batch = rows.slice(from, from + BATCH_ROWS).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, c] of present) out[c.name] = jsonValue((row as Record<string, unknown>)[key]) ?? null;
      return out;
    });
    return db.execute(sql`${sql.raw(head)}${JSON.stringify(batch)}${sql.raw(tail)}`);
  };
  // Two statements at a time: on PostgreSQL they run on two pooled connections (two cores);
  // PGlite simply queues them.
  for (let i = 0; i < rows.length; i += BATCH_ROWS * CONCURRENCY) {
    const starts = Array.from({ length: CONCURRENCY }, (_, k) => i + k * BATCH_ROWS).filter(
      (from) => from < rows.length,
    );
    await Promise.all(starts.map(statement));
  }
}

/** Moves identity sequences past explicitly inserted ids, so later inserts do not collide. */
export async function syncIdentity(db: Db, table: PgTable, column = 'id'): Promise<void> {
  const name = getTableName(table);
  await db.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('"${name}"', '${column}'), greatest(1, (select coalesce(max("${column}"), 0) from "${name}")))`,
    ),
  );
}
