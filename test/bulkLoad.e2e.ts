import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { doublePrecision, jsonb, pgSchema, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  createBatchWriter,
  createEmbeddedEngine,
  createLogger,
  openDatabase,
  queryRows,
  type DatabaseHandle,
  type EmbeddedEngine,
} from '@tessera/runtime';
import { createTestDatabases, type TestDatabases } from '@tessera/hub';

// Seeds go through COPY's text format, which has its own escapes: whatever a row holds must come back
// exactly, on PostgreSQL and on the embedded engine alike, whatever the batch boundaries.
const bulk = pgSchema('bulk');
const note = bulk.table('note', {
  id: serial('id').primaryKey(),
  body: text('body'),
  weight: doublePrecision('weight').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  detail: jsonb('detail').$type<{ text: string }>().notNull(),
});
const createTable = [
  sql`CREATE SCHEMA bulk`,
  sql`CREATE TABLE bulk.note (id serial PRIMARY KEY, body text, weight double precision NOT NULL,
    at timestamptz NOT NULL, detail jsonb NOT NULL)`,
];

let databases: TestDatabases;
let engine: EmbeddedEngine;
const handles: Record<string, DatabaseHandle<Record<string, unknown>>> = {};
beforeAll(async () => {
  databases = await createTestDatabases(['bulk']);
  engine = await createEmbeddedEngine();
  const logger = createLogger('bulk', 'silent');
  handles.postgres = await openDatabase({}, { url: databases.urls.bulk! }, logger);
  handles.embedded = await openDatabase({}, { engine }, logger);
  for (const handle of Object.values(handles)) for (const statement of createTable) await handle.db.execute(statement);
});
afterAll(async () => {
  for (const handle of Object.values(handles)) await handle.close();
  await engine?.close();
  await databases?.[Symbol.asyncDispose]();
});

// PostgreSQL's text type cannot hold NUL; everything else, tabs, newlines and backslashes included, can.
const textValue = fc.string({ unit: 'binary', maxLength: 40 }).map((value) => value.replaceAll('\u0000', ''));
const rowArbitrary = fc.record({
  body: fc.option(textValue, { nil: null }),
  weight: fc.double({ noNaN: true, noDefaultInfinity: true }),
  at: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  detail: textValue.map((value) => ({ text: value })),
});

test.each(['postgres', 'embedded'])('rows written in batches with COPY on %s come back exactly', async (kind) => {
  const handle = handles[kind]!;
  await fc.assert(
    fc.asyncProperty(fc.array(rowArbitrary, { maxLength: 25 }), fc.integer({ min: 1, max: 7 }), async (rows, size) => {
      await handle.db.execute(sql`TRUNCATE bulk.note RESTART IDENTITY`);
      const writer = createBatchWriter(handle, size);
      for (const row of rows) await writer.add(note, row);
      expect(await writer.finish()).toEqual(rows.length > 0 ? { note: rows.length } : {});
      const stored = await queryRows<{ body: string | null; weight: number; at: Date; detail: { text: string } }>(
        handle.db,
        sql`SELECT body, weight, at, detail FROM bulk.note ORDER BY id`,
      );
      expect(stored.map((row) => ({ ...row, at: new Date(row.at) }))).toEqual(rows);
      // ANALYZE ran: the planner's row count is the table's, not the "never analyzed" -1.
      const [statistics] = await queryRows<{ reltuples: number }>(
        handle.db,
        sql`SELECT reltuples FROM pg_class WHERE oid = 'bulk.note'::regclass`,
      );
      if (rows.length > 0) expect(Number(statistics?.reltuples)).toBe(rows.length);
    }),
    { numRuns: 40 },
  );
});

test('a batch whose rows name different columns is refused, not half written', async () => {
  const handle = handles.postgres!;
  const writer = createBatchWriter(handle, 10);
  await writer.add(note, { body: 'a', weight: 1, at: new Date(), detail: { text: '' } });
  await writer.add(note, { weight: 1, at: new Date(), detail: { text: '' } });
  await expect(writer.finish()).rejects.toThrow(/differ in columns/);
});
