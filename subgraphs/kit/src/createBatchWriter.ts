import { getTableName, type Table } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

export interface BatchWriter {
  /** Queues a row; a table's queue is written once it holds a full batch. */
  add<T extends PgTable>(table: T, row: PgInsertValue<T>): Promise<void>;
  /** Writes what is left and returns the rows written per table. */
  finish(): Promise<Record<string, number>>;
}

/**
 * Writes generated rows a thousand at a time per table: far fewer round trips than a statement per
 * row, well below PostgreSQL's 65,535 parameters per statement, and memory bounded at any scale.
 */
export function createBatchWriter(db: Database<Record<string, unknown>>, batchSize = 1000): BatchWriter {
  const queues = new Map<PgTable, unknown[]>();
  const written: Record<string, number> = {};
  const flush = async (table: PgTable, rows: unknown[]) => {
    queues.set(table, []);
    if (rows.length === 0) return;
    await db.insert(table).values(rows as PgInsertValue<PgTable>[]);
    const name = getTableName(table as Table);
    written[name] = (written[name] ?? 0) + rows.length;
  };
  return {
    async add(table, row) {
      const queue = queues.get(table) ?? [];
      queue.push(row);
      queues.set(table, queue);
      if (queue.length >= batchSize) await flush(table, queue);
    },
    async finish() {
      for (const [table, rows] of queues) await flush(table, rows);
      return written;
    },
  };
}
