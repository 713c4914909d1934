import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '@tessera/runtime';

/** Whether a table holds any row: how a subgraph tells an empty database from a seeded one. */
export async function hasRows(db: Database<Record<string, unknown>>, table: PgTable): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(table)
    .limit(1);
  return rows.length > 0;
}
