import { afterEach, beforeEach, expect, test } from 'vitest';
import pg from 'pg';
import { customsSubgraph } from '@tessera/customs';
import { createLogger, type DatabaseHandle } from '@tessera/runtime';
import { appendAudit, prepareDatabase, verifyChain, type AuditEntryBase } from '@tessera/audit';
import { installRevisions, recipientsOf } from '@tessera/subgraph-kit';
import { createTestDatabases, type TestDatabases } from '@tessera/hub';

// Customs' disclosure log, with the record desk's indexes: who received a record, for its corrections.
const schema = customsSubgraph.auditChain!;
let databases: TestDatabases;
let handle: DatabaseHandle<Record<string, unknown>>;
let admin: pg.Client;

beforeEach(async () => {
  databases = await createTestDatabases(['recipients']);
  handle = await prepareDatabase(customsSubgraph, { url: databases.urls.recipients! }, createLogger('test', 'silent'));
  await installRevisions(handle.db, schema);
  admin = new pg.Client({ connectionString: databases.urls.recipients });
  await admin.connect();
});
afterEach(async () => {
  await admin?.end();
  await handle?.close();
  await databases?.[Symbol.asyncDispose]();
});

const recipient = (subject: string) => ({ issuer: 'https://idp.test', subject, agency: 'police', roles: ['officer'] });
const disclosure = (subject: string, id: string, n: number): AuditEntryBase =>
  ({
    kind: 'disclosure',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    requestId: `r-${n}`,
    principal: recipient(subject),
    purpose: 'criminal-investigation',
    owner: 'customs',
    type: 'BorderCrossing',
    id,
    people: ['TS0000001'],
    fields: ['port'],
    rules: [{ rule: 'customs-1.1', legalBasis: 'LED Art 8' }],
  }) as AuditEntryBase;

const columns = async () =>
  (await admin.query(`select record_type, record_id from ${schema}.audit_log order by seq`)).rows;
const verify = () => verifyChain(handle.db, schema, { keys: [] });

test('a disclosure carries its record in columns of its own, and an edit to them is found', async () => {
  await appendAudit(handle.db, schema, [disclosure('officer-1', 'c-1', 1), disclosure('officer-2', 'c-2', 2)]);
  expect(await columns()).toEqual([
    { record_type: 'BorderCrossing', record_id: 'c-1' },
    { record_type: 'BorderCrossing', record_id: 'c-2' },
  ]);
  expect(await verify()).toMatchObject({ ok: true, records: 2 });
  await admin.query('set session_replication_role = replica');
  await admin.query(`update ${schema}.audit_log set record_id = 'c-9' where seq = 2`);
  expect((await verify()).problem).toEqual({ seq: 2, reason: 'record 2: its columns differ from the hashed entry' });
});

test('the recipients of a record are found by its columns and, where a record has none, by its entry', async () => {
  await appendAudit(handle.db, schema, [disclosure('officer-1', 'c-1', 1), disclosure('officer-2', 'c-2', 2)]);
  // As a log written before the record columns holds its disclosures: the columns null, the entry whole.
  await admin.query('set session_replication_role = replica');
  await admin.query(`update ${schema}.audit_log set record_type = null, record_id = null where seq = 2`);
  await appendAudit(handle.db, schema, [
    disclosure('officer-3', 'c-2', 3),
    disclosure('officer-3', 'c-2', 4),
    { ...disclosure('officer-4', 'c-2', 5), type: 'Declaration' } as AuditEntryBase,
  ]);
  expect(await verify()).toMatchObject({ ok: true, records: 5 });

  const subjects = async (id: string) =>
    (await recipientsOf(handle.db, schema, 'BorderCrossing', id)).map((each) => each.subject).sort();
  expect(await subjects('c-2')).toEqual(['officer-2', 'officer-3']);
  expect(await subjects('c-1')).toEqual(['officer-1']);
  expect(await subjects('c-3')).toEqual([]);
});
