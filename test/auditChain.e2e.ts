import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { registerSubgraph } from '@tessera/register';
import { createLogger, openDatabase, type DatabaseHandle } from '@tessera/runtime';
import {
  prepareDatabase,
  appendAudit,
  createAuditAppender,
  installAuditChain,
  startCheckpoints,
  verifyChain,
} from '@tessera/audit';
import { createTestDatabases, type TestDatabases } from '@tessera/hub';

const logger = createLogger('test', 'silent');
const keyPair = async (kid: string) => {
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  return {
    signer: { kid, key: pair.privateKey },
    publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA' },
  };
};
const keys = await keyPair('audit-1');
/** The log's key history: the key in use, and any it was rotated from. */
let history: JSONWebKeySet;
beforeEach(() => {
  history = { keys: [keys.publicJwk] };
});
// The register's disclosure log: the smallest real chain, migrated and installed as at any start.
const schema = registerSubgraph.auditChain!;
let databases: TestDatabases;
let handle: DatabaseHandle<Record<string, unknown>>;
let admin: pg.Client;

beforeEach(async () => {
  databases = await createTestDatabases(['chain']);
  handle = await prepareDatabase(registerSubgraph, { url: databases.urls.chain! }, logger);
  admin = new pg.Client({ connectionString: databases.urls.chain });
  await admin.connect();
});
afterEach(async () => {
  await admin?.end();
  await handle?.close();
  await databases?.[Symbol.asyncDispose]();
});

const entry = (n: number) => ({
  kind: 'consultation',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  requestId: `r-${n}`,
  people: [`TS${String(n).padStart(7, '0')}`],
  purpose: 'criminal-investigation',
  outcome: 'allowed',
  principal: { issuer: 'https://idp.test', subject: `officer-${n}`, agency: 'police', roles: ['officer'] },
});

async function appendMany(count: number, from = 1) {
  for (let n = from; n < from + count; n++) await appendAudit(handle.db, schema, [entry(n)]);
}

/** As a superuser would: with the append-only triggers switched off for this session. */
async function tamper(statement: string) {
  await admin.query('set session_replication_role = replica');
  try {
    await admin.query(statement);
  } finally {
    await admin.query('set session_replication_role = origin');
  }
}

const verify = () => verifyChain(handle.db, schema, history);

describe('an intact chain', () => {
  test('verifies across a key rotation: each checkpoint under the key that signed it', async () => {
    await appendMany(3);
    await startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger).stop();
    const next = await keyPair('audit-2');
    history = { keys: [keys.publicJwk, next.publicJwk] };
    await appendMany(3, 4);
    await startCheckpoints(handle.db, schema, next.signer, 3_600_000, logger).stop();
    expect(await verify()).toEqual({
      chain: schema,
      records: 6,
      checkpoints: 2,
      ok: true,
      head: expect.objectContaining({ seq: 6, checkpoint: 2 }),
    });
  });

  test('verifies, with its checkpoints', async () => {
    await appendMany(5);
    const checkpoints = startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger);
    await checkpoints.checkpoint();
    await appendMany(2, 6);
    await checkpoints.stop();
    expect(await verify()).toEqual({
      chain: schema,
      records: 7,
      checkpoints: 2,
      ok: true,
      head: expect.objectContaining({ seq: 7, checkpoint: 2 }),
    });
  });

  test('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await appendMany(2);
    await startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger).stop();
    for (const statement of [
      `update ${schema}.audit_log set outcome = 'refused'`,
      `delete from ${schema}.audit_log where seq = 1`,
      `truncate ${schema}.audit_log`,
      `delete from ${schema}.audit_checkpoint`,
    ]) {
      await expect(admin.query(statement)).rejects.toThrow(/append-only/);
    }
    expect((await verify()).ok).toBe(true);
  });

  test('stays one unbroken chain under concurrent appends from two separate processes’ pools', async () => {
    const other = await openDatabase({}, { url: databases.urls.chain! }, logger);
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, n) => appendAudit((n % 2 ? handle : other).db, schema, [entry(n + 1)])),
      );
    } finally {
      await other.close();
    }
    expect(await verify()).toEqual({
      chain: schema,
      records: 60,
      checkpoints: 0,
      ok: true,
      head: expect.objectContaining({ seq: 60, checkpoint: 0 }),
    });
  });

  test('group commits: concurrent requests share appends, each answered once its own entry is in the chain', async () => {
    const other = await openDatabase({}, { url: databases.urls.chain! }, logger);
    const processes = [createAuditAppender(handle.db, schema), createAuditAppender(other.db, schema)];
    const statementsBefore = handle.statements() + other.statements();
    try {
      await Promise.all(
        Array.from({ length: 200 }, async (_, n) => {
          await processes[n % 2]!.append([entry(n + 1)]);
          // Answered only once committed: its own entry is in the chain by now.
          const { rows } = await admin.query(`select 1 from ${schema}.audit_log where request_id = $1`, [`r-${n + 1}`]);
          expect(rows).toHaveLength(1);
        }),
      );
      expect(handle.statements() + other.statements() - statementsBefore).toBeLessThan(20);
    } finally {
      await other.close();
    }
    expect(await verify()).toMatchObject({ records: 200, ok: true });
  });

  test('a failed group commit fails every request it held, and the next one goes through', async () => {
    const log = createAuditAppender(handle.db, schema);
    await tamper(`alter table ${schema}.audit_log rename to audit_log_gone`);
    const failed = await Promise.allSettled([log.append([entry(1)]), log.append([entry(2)])]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await tamper(`alter table ${schema}.audit_log_gone rename to audit_log`);
    await log.append([entry(3)]);
    expect(await verify()).toMatchObject({ records: 1, ok: true });
  });
});

describe('verify finds tampering and names the first bad record', () => {
  beforeEach(async () => {
    await appendMany(6);
  });

  test('an edited entry', async () => {
    await tamper(`update ${schema}.audit_log set entry = replace(entry, 'officer-3', 'officer-9') where seq = 3`);
    expect((await verify()).problem).toEqual({
      seq: 3,
      reason: 'record 3 does not match its hash: its entry was edited',
    });
  });

  test('an edited searchable column', async () => {
    await tamper(`update ${schema}.audit_log set agency = 'customs' where seq = 4`);
    expect((await verify()).problem).toEqual({ seq: 4, reason: 'record 4: its columns differ from the hashed entry' });
  });

  test('a deleted record', async () => {
    await tamper(`delete from ${schema}.audit_log where seq = 2`);
    expect((await verify()).problem?.seq).toBe(2);
    expect((await verify()).problem?.reason).toMatch(/record 2 is missing/);
  });

  test('re-ordered records', async () => {
    await tamper(`update ${schema}.audit_log set seq = -seq where seq in (4, 5)`);
    await tamper(`update ${schema}.audit_log set seq = 5 where seq = -4`);
    await tamper(`update ${schema}.audit_log set seq = 4 where seq = -5`);
    expect((await verify()).problem?.seq).toBe(4);
  });

  test('a re-hashed chain after an edit, caught by its signed checkpoint', async () => {
    const checkpoints = startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger);
    await checkpoints.stop();
    // Rewrite record 6 and recompute its hash, as someone who knows the scheme would.
    await tamper(`update ${schema}.audit_log set entry = replace(entry, 'officer-6', 'officer-1'),
      hash = encode(sha256(convert_to(prev_hash || '|' || seq::text || '|' || replace(entry, 'officer-6', 'officer-1'), 'UTF8')), 'hex')
      where seq = 6`);
    expect((await verify()).problem).toEqual({ seq: 6, reason: 'record 6 differs from signed checkpoint 1' });
  });

  test('the end of the chain cut off after a checkpoint', async () => {
    const checkpoints = startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger);
    await checkpoints.stop();
    await tamper(`delete from ${schema}.audit_log where seq >= 5`);
    expect((await verify()).problem?.reason).toMatch(/records up to 6, signed in checkpoint 1, are gone/);
  });

  test('a forged checkpoint, naming the log’s own key id', async () => {
    const forger = await keyPair('audit-1');
    const checkpoints = startCheckpoints(handle.db, schema, forger.signer, 3_600_000, logger);
    await checkpoints.stop();
    expect((await verify()).problem).toEqual({ seq: 1, reason: 'checkpoint 1 is not validly signed for this chain' });
  });

  test('a checkpoint under a key id the history does not hold', async () => {
    const stranger = await keyPair('stranger-1');
    await startCheckpoints(handle.db, schema, stranger.signer, 3_600_000, logger).stop();
    expect((await verify()).problem).toEqual({ seq: 1, reason: 'checkpoint 1 is not validly signed for this chain' });
  });
});

test('the chain is one statement per append (one round trip)', async () => {
  const before = handle.statements();
  await appendAudit(handle.db, schema, [entry(1), entry(2), entry(3)]);
  expect(handle.statements() - before).toBe(1);
  const { rows } = await admin.query(`select count(*)::int as n from ${schema}.audit_log`);
  expect(rows[0].n).toBe(3);
});

test('a connection parses the append once and runs it again by name', async () => {
  const sameConnection = drizzle(admin);
  for (let n = 1; n <= 3; n++) await appendAudit(sameConnection, schema, [entry(n)]);
  const { rows } = await admin.query(`select name, statement from pg_prepared_statements`);
  expect(rows).toEqual([{ name: `append_audit_${schema}`, statement: expect.stringContaining('.append_audit(') }]);
  const { rows: chain } = await admin.query(`select count(*)::int as n from ${schema}.audit_log`);
  expect(chain[0].n).toBe(3);
});

test('an append finds the head by the index on a log analyzed while empty, not by scanning the log', async () => {
  // A connection keeps the function's plans: one made now would otherwise serve every later append of it.
  await admin.query(`vacuum analyze ${schema}.audit_log`);
  const sameConnection = drizzle(admin);
  await admin.query('begin');
  for (let n = 1; n <= 3; n++) await appendAudit(sameConnection, schema, [entry(n)]);
  const { rows } = await admin.query(
    `select seq_scan::int, idx_scan::int from pg_stat_xact_user_tables where relid = '${schema}.audit_log'::regclass`,
  );
  await admin.query('commit');
  expect(rows).toEqual([{ seq_scan: 0, idx_scan: 3 }]);
});

test('the people index merges its pending inserts 256 kB at a time, on a log made before this too', async () => {
  await admin.query(`drop index ${schema}.audit_log_people_idx`);
  await admin.query(`create index audit_log_people_idx on ${schema}.audit_log using gin (people)`);
  await installAuditChain(handle.db, schema);
  const { rows } = await admin.query(
    `select reloptions from pg_class where oid = '${schema}.audit_log_people_idx'::regclass`,
  );
  expect(rows).toEqual([{ reloptions: ['gin_pending_list_limit=256'] }]);
});

test('the searchable columns are the entry’s own, whatever text it holds, and the chain verifies', async () => {
  const awkward = [
    'a "quoted", {braced} \\ text',
    'NUL\u0000here',
    'lone \ud800 half',
    'NULL',
    '',
    ' spaced ',
    'two\nlines\r\n',
  ];
  await appendAudit(handle.db, schema, [
    ...awkward.map((text, n) => ({ ...entry(n + 1), requestId: text, purpose: text, people: [text, `TS000000${n}`] })),
    { kind: 'review', at: entry(9).at, requestId: 'r-9', people: [] },
  ]);
  const { rows } = await admin.query(
    `select request_id, purpose, people, agency, outcome, entry from ${schema}.audit_log order by seq`,
  );
  expect(rows).toHaveLength(awkward.length + 1);
  for (const row of rows) {
    const stored = JSON.parse(row.entry);
    expect([row.request_id, row.purpose, row.people, row.agency, row.outcome]).toEqual([
      stored.requestId,
      stored.purpose ?? null,
      stored.people,
      stored.principal?.agency ?? null,
      stored.outcome ?? null,
    ]);
  }
  expect(rows[1].people[0]).toBe('NUL\ufffdhere');
  expect(await verify()).toMatchObject({ ok: true, records: awkward.length + 1 });
});

describe('verifying from a position verified before', () => {
  test('reads only what came after it, and still names a bad new record', async () => {
    await appendMany(5);
    const first = await verify();
    expect(first.head).toEqual({ seq: 5, hash: expect.any(String), checkpoint: 0 });
    await appendMany(3, 6);
    await startCheckpoints(handle.db, schema, keys.signer, 3_600_000, logger).stop();
    const next = await verifyChain(handle.db, schema, history, first.head);
    expect(next).toMatchObject({ ok: true, records: 8, checkpoints: 1, head: { seq: 8, checkpoint: 1 } });
    await tamper(`update ${schema}.audit_log set entry = replace(entry, 'officer-7', 'officer-1') where seq = 7`);
    expect((await verifyChain(handle.db, schema, history, first.head)).problem?.seq).toBe(7);
  });

  test('catches a change to the record it starts from', async () => {
    await appendMany(4);
    const { head } = await verify();
    await tamper(`update ${schema}.audit_log set hash = repeat('0', 64) where seq = 4`);
    expect((await verifyChain(handle.db, schema, history, head)).problem).toEqual({
      seq: 4,
      reason: 'record 4 changed after it was verified',
    });
  });

  test('leaves an edit behind that position to the full verification', async () => {
    await appendMany(4);
    const { head } = await verify();
    await tamper(`update ${schema}.audit_log set entry = replace(entry, 'officer-2', 'officer-9') where seq = 2`);
    expect((await verifyChain(handle.db, schema, history, head)).ok).toBe(true);
    expect((await verify()).problem?.seq).toBe(2);
  });
});

test('replicas that start together each prepare the same fresh database, and every one starts', async () => {
  const fresh = await createTestDatabases(['replicas']);
  try {
    const prepared = await Promise.allSettled(
      Array.from({ length: 4 }, () => prepareDatabase(registerSubgraph, { url: fresh.urls.replicas! }, logger)),
    );
    await Promise.all(prepared.map((each) => (each.status === 'fulfilled' ? each.value.close() : undefined)));
    expect(prepared.map((each) => (each.status === 'rejected' ? String(each.reason) : 'started'))).toEqual(
      Array(4).fill('started'),
    );
  } finally {
    await fresh[Symbol.asyncDispose]();
  }
});
