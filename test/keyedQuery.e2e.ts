import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createLogger, openDatabase, queryRows, type DatabaseHandle } from '@tessera/runtime';
import { anyOf, keyedQuery } from '@tessera/subgraph-kit';
import { createTestDatabases, type TestDatabases } from '@tessera/hub';

const item = pgTable('item', { id: text('id').primaryKey(), label: text('label').notNull() });
const tables = { item };
type Handle = DatabaseHandle<typeof tables>;

const labels = keyedQuery((db: Handle['db'], ids) =>
  db.select().from(item).where(anyOf(item.id, ids)).orderBy(item.id),
);

let databases: TestDatabases;
const handles: Record<'north' | 'south', Handle> = {} as never;
beforeAll(async () => {
  databases = await createTestDatabases(['north', 'south']);
  for (const name of ['north', 'south'] as const) {
    // One connection each, so that what the connection has prepared can be read back on it.
    handles[name] = await openDatabase(
      tables,
      { url: databases.urls[name]!, poolSize: 1 },
      createLogger('test', 'silent'),
    );
    await handles[name].db.execute(sql`create table item (id text primary key, label text not null)`);
    await handles[name].db.insert(item).values(['1', '2', '3'].map((id) => ({ id, label: `${name} ${id}` })));
  }
});
afterAll(async () => {
  for (const handle of Object.values(handles)) await handle.close();
  await databases?.[Symbol.asyncDispose]();
});

test('a keyed query answers each batch from its own database, with that batch’s keys', async () => {
  expect((await labels(handles.north.db, ['1', '3'])).map((row) => row.label)).toEqual(['north 1', 'north 3']);
  expect((await labels(handles.south.db, ['2'])).map((row) => row.label)).toEqual(['south 2']);
  expect((await labels(handles.north.db, ['2', '9'])).map((row) => row.label)).toEqual(['north 2']);
  expect(await labels(handles.south.db, [])).toEqual([]);
});

test('a keyed query leaves no named statement behind: PostgreSQL plans it at each run', async () => {
  await labels(handles.north.db, ['1']);
  await labels(handles.north.db, ['1', '2']);
  const prepared = await queryRows<{ name: string }>(handles.north.db, sql`select name from pg_prepared_statements`);
  expect(prepared).toEqual([]);
});
