import { performance } from 'node:perf_hooks';
import { createLogger, openDatabase } from '@tessera/runtime';
import { appendAudit, createAuditAppender, hubSchemaName } from '@tessera/audit';
import type { ConsultationRecord } from '@tessera/audit';

// One stand-in for a gateway process in the audit ceiling bench: for SECONDS, CONCURRENCY requests at a
// time each append one consultation record, as the gateway does before it answers; then it prints how
// many it appended and their latencies. The record is a typical one: a person asked for, three releases.
const url = process.env.HUB_DATABASE_URL!;
const seconds = Number(process.env.SECONDS ?? '5');
const concurrency = Number(process.env.CONCURRENCY ?? '16');
const logger = createLogger('audit-appender', 'error');
// The driver has installed the chain; a gateway process only opens its pool.
const database = await openDatabase({}, { url, poolSize: concurrency }, logger);
// each: one statement per record, each request its own append; grouped: the gateway's group commit.
const grouped = createAuditAppender(database.db, hubSchemaName);
const append =
  process.env.MODE === 'each'
    ? (record: ConsultationRecord) => appendAudit(database.db, hubSchemaName, [record])
    : (record: ConsultationRecord) => grouped.append([record]);

const record = (n: number): ConsultationRecord => ({
  kind: 'consultation',
  at: new Date().toISOString(),
  requestId: `${process.pid}-${n}`,
  principal: {
    issuer: 'https://idp.police.test',
    subject: 'investigator-1',
    agency: 'police',
    roles: ['investigator'],
  },
  purpose: 'criminal-investigation',
  justification: 'case OP-1234',
  operation: {
    name: 'Person',
    hash: 'a'.repeat(64),
    text: 'query Person($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } } } }',
  },
  variablesHash: 'b'.repeat(64),
  outcome: 'allowed',
  httpStatus: 200,
  codes: [],
  denied: [],
  deniedBy: [],
  disclosed: [1, 2, 3].map((index) => ({
    owner: 'police',
    type: 'WarningMarker',
    id: `WM-${n}-${index}`,
    nationalId: 'TS0000001',
    rules: ['police-2.1'],
  })),
  people: ['TS0000001'],
  client: { address: '127.0.0.1', userAgent: 'bench' },
  durationMs: 12,
  reviewRequired: false,
});

const until = performance.now() + seconds * 1000;
const latencies: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      await append(record(next++));
      latencies.push(performance.now() - started);
    }
  }),
);
await database.close();
console.log(JSON.stringify({ appended: latencies.length, latencies }));
