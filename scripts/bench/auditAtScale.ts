import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bigint, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { createBatchWriter, createLogger } from '@tessera/runtime';
import {
  prepareDatabase,
  createIntegrityMonitor,
  hubDatabase,
  hubSchemaName,
  appendAudit,
  canonicalJson,
  genesisHash,
  recordHash,
  startCheckpoints,
} from '@tessera/audit';
import { ensureKeyPair, createTestDatabases } from '@tessera/hub';

export interface AuditFigures {
  readonly records: number;
  /** Writing the chain with COPY, hashes computed as append_audit would. */
  readonly loadSeconds: number;
  /** The background job: every record verified from the first. */
  readonly fullSeconds: number;
  /** What `auditIntegrity` costs an auditor once the trail is verified: 100 records appended, then a check. */
  readonly checkP50Ms: number;
}

/** The hub's log as the bench loads it with COPY, bypassing append_audit: the columns its migration makes. */
const hubAuditLog = pgSchema(hubSchemaName).table('audit_log', {
  seq: bigint('seq', { mode: 'number' }),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }),
  kind: text('kind'),
  requestId: text('request_id'),
  agency: text('agency'),
  purpose: text('purpose'),
  outcome: text('outcome'),
  people: text('people').array(),
  entry: text('entry'),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});

const consultation = (seq: number, at: Date) => ({
  kind: 'consultation',
  at: at.toISOString(),
  requestId: `bench-${seq}`,
  people: [`TS${String(seq % 9_999_999).padStart(7, '0')}`],
  purpose: 'criminal-investigation',
  outcome: 'allowed',
  principal: { issuer: 'https://idp.bench', subject: `analyst-${seq % 97}`, agency: 'police', roles: ['investigator'] },
  disclosed: [],
});

/**
 * The integrity check at scale: a consultation chain of `records` records on a scratch PostgreSQL, a
 * full verification, then five rounds of 100 live appends each followed by the incremental check.
 */
export async function measureAuditAtScale(records: number): Promise<AuditFigures> {
  const logger = createLogger('bench-audit', 'error');
  await using databases = await createTestDatabases(['audit']);
  const database = await prepareDatabase(hubDatabase, { url: databases.urls.audit! }, logger);
  const keyFolder = await mkdtemp(join(tmpdir(), 'tessera-bench-audit-'));
  try {
    const loadStarted = performance.now();
    const writer = createBatchWriter(database);
    let previous = genesisHash;
    const start = Date.UTC(2026, 0, 1);
    for (let seq = 1; seq <= records; seq++) {
      const at = new Date(start + seq * 10);
      const entry = consultation(seq, at);
      const text = canonicalJson(entry);
      const hash = recordHash(previous, seq, text);
      await writer.add(hubAuditLog, {
        seq,
        recordedAt: at,
        kind: entry.kind,
        requestId: entry.requestId,
        agency: entry.principal.agency,
        purpose: entry.purpose,
        outcome: entry.outcome,
        people: entry.people,
        entry: text,
        prevHash: previous,
        hash,
      });
      previous = hash;
    }
    await writer.finish();
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const key = await ensureKeyPair(keyFolder, 'hub-audit-signing');
    await startCheckpoints(database.db, hubSchemaName, key.current, 3_600_000, logger).stop();
    const monitor = createIntegrityMonitor(async () => ({
      hub: { db: database.db, schema: hubSchemaName, checkpointKeys: key.publicKeys },
      owners: [],
    }));
    const fullStarted = performance.now();
    const full = await monitor.verifyFully();
    const fullSeconds = (performance.now() - fullStarted) / 1000;
    if (!full.ok) throw new Error(`the bench's chain did not verify: ${JSON.stringify(full.chains)}`);
    const checks: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let n = 0; n < 100; n++) {
        const seq = records + round * 100 + n + 1;
        await appendAudit(database.db, hubSchemaName, [consultation(seq, new Date())]);
      }
      const checkStarted = performance.now();
      const report = await monitor.check();
      checks.push(performance.now() - checkStarted);
      if (!report.ok) throw new Error('the incremental check failed on an intact chain');
    }
    checks.sort((a, b) => a - b);
    return { records, loadSeconds, fullSeconds, checkP50Ms: checks[2]! };
  } finally {
    await database.close();
    await rm(keyFolder, { recursive: true, force: true });
  }
}
