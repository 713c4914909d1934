import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgInsertValue, type PgTable } from 'drizzle-orm/pg-core';
import type { BulkLoader } from './database.ts';

export interface BatchWriter {
  /** Queues a row; a table's queue is written once it holds a full batch. */
  add<T extends PgTable>(table: T, row: PgInsertValue<T>): Promise<void>;
  /** Writes what is left, gathers the tables' statistics, and returns the rows written per table. */
  finish(): Promise<Record<string, number>>;
}

/**
 * Writes generated rows ten thousand at a time per table with COPY: one round trip per batch and no
 * statement to parse, which is what makes seeding a million people practical; memory stays bounded
 * at any scale. Columns a row leaves out (serial ids) take their defaults.
 */
export function createBatchWriter(database: BulkLoader, batchSize = 10_000): BatchWriter {
  const queues = new Map<PgTable, Record<string, unknown>[]>();
  const written: Record<string, number> = {};
  const qualifiedNames = new Set<string>();
  const flush = async (table: PgTable, rows: Record<string, unknown>[]) => {
    queues.set(table, []);
    const first = rows[0];
    if (!first) return;
    const keys = Object.keys(first);
    const columns = getTableColumns(table);
    const { schema, name } = getTableConfig(table);
    const text = rows
      .map((row) => {
        if (Object.keys(row).length !== keys.length || !keys.every((key) => key in row))
          throw new Error(`rows of ${name} differ in columns`);
        return keys.map((key) => copyText(columns[key]!.mapToDriverValue(row[key]))).join('\t');
      })
      .join('\n');
    const qualifiedName = schema ? `${schema}.${name}` : name;
    qualifiedNames.add(qualifiedName);
    await database.copyIn(
      qualifiedName,
      keys.map((key) => columns[key]!.name),
      `${text}\n`,
    );
    written[name] = (written[name] ?? 0) + rows.length;
  };
  return {
    async add(table, row) {
      const queue = queues.get(table) ?? [];
      queue.push(row as Record<string, unknown>);
      queues.set(table, queue);
      if (queue.length >= batchSize) await flush(table, queue);
    },
    async finish() {
      for (const [table, rows] of queues) await flush(table, rows);
      if (qualifiedNames.size > 0) await database.analyze([...qualifiedNames]);
      return written;
    },
  };
}

/** A value in COPY's text format: \N for null, backslash escapes for the characters that delimit. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // String(-0) is "0": the sign of a negative zero would be lost.
  if (Object.is(value, -0)) return '-0';
  return String(value).replace(/[\\\t\n\r]/g, (character) => escapes[character]!);
}

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
