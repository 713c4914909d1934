import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { errorCodes, ruleIds } from '@tessera/policies';
import { createLogger } from '@tessera/runtime';
import { sqlAt } from '@tessera/hub';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

interface LogLine {
  readonly msg: string;
  readonly requestId?: string;
  readonly [field: string]: unknown;
}

const lines: LogLine[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ logger: createLogger('observed', 'info', capture) });
});
afterAll(() => hub?.stop());

const subject = nationalIdOf(demoSubjectIndex);
const personQuery = {
  query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } } customs { crossings { port } } } }`,
  variables: { id: subject },
};
const idPattern = /^[0-9a-f]{32}$/;

describe('the request id', () => {
  test('is echoed in X-Request-Id, and is the id of the consultation record and of every disclosure entry', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.idp.token({ agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL' })}`,
        'x-purpose': 'border-control',
        'x-justification': 'case OBS-1',
      },
      body: JSON.stringify(personQuery),
    });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(idPattern);
    const body = (await response.json()) as { extensions: { tessera: { requestId: string } } };
    expect(body.extensions.tessera.requestId).toBe(requestId);
    const recorded = await sqlAt<{ count: number }>(
      hub.databaseUrls.hub!,
      `select count(*)::int as count from hub.audit_log where request_id = $1 and kind = 'consultation'`,
      [requestId],
    );
    expect(recorded[0]!.count).toBe(1);
    const disclosed = await sqlAt<{ count: number }>(
      hub.databaseUrls.police!,
      `select count(*)::int as count from police.audit_log where request_id = $1`,
      [requestId],
    );
    expect(disclosed[0]!.count).toBeGreaterThan(0);
  });

  test('is on every log line of the request, in the gateway and in each subgraph it called', async () => {
    const before = lines.length;
    const response = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', personQuery);
    expect(response.status).toBe(200);
    const requestId = (response.body.extensions as { tessera: { requestId: string } }).tessera.requestId;
    const accessLines = lines.slice(before).filter((line) => line.msg === 'request');
    const ofRequest = accessLines.filter((line) => line.requestId === requestId);
    // The gateway's line and one for each owner the plan called (police, customs, the register).
    expect(ofRequest.map((line) => line.subgraph ?? 'gateway').sort()).toEqual([
      'customs',
      'gateway',
      'police',
      'register',
    ]);
    expect(ofRequest.find((line) => line.subgraph === undefined)).toMatchObject({
      agency: 'police',
      roles: ['investigator'],
      purpose: 'criminal-investigation',
      outcome: 'allowed',
      status: 200,
    });

    const refusedAt = lines.length;
    const refused = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify(personQuery),
    });
    const refusedId = refused.headers.get('x-request-id');
    const refusedLines = lines.slice(refusedAt);
    expect(refusedLines.map((line) => line.msg)).toEqual(['authentication refused', 'request']);
    for (const line of refusedLines) expect(line.requestId).toBe(refusedId);
  });

  test("names the request in an owner's line about a failure the client only sees masked", async () => {
    const police = hub.databaseUrls.police!;
    await sqlAt(police, 'alter table police.warning_marker rename to warning_marker_away');
    const before = lines.length;
    try {
      const response = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', personQuery);
      const requestId = (response.body.extensions as { tessera: { requestId: string } }).tessera.requestId;
      expect(JSON.stringify(response.body.errors)).not.toContain('warning_marker');
      const failure = lines.slice(before).find((line) => line.msg === 'unexpected error masked');
      expect(failure).toMatchObject({ requestId, path: ['_entities', 0, 'police', 'warningMarkers'] });
      expect(JSON.stringify(failure)).toContain('warning_marker');
    } finally {
      await sqlAt(police, 'alter table police.warning_marker_away rename to warning_marker');
    }
  });

  test("a client's traceparent does not choose the id: every consultation has its own", async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const response = await fetch(hub.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', traceparent },
          body: JSON.stringify(personQuery),
        });
        return response.headers.get('x-request-id');
      }),
    );
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('0af7651916cd43dd8448eb211c80319c');
  });
});

describe('GET /metrics', () => {
  const allowed: Record<string, (value: string) => boolean> = {
    service: (value) => ['gateway', 'police', 'customs', 'probation', 'register', 'oversight'].includes(value),
    status: (value) => /^[1-5]\d\d$/.test(value),
    outcome: (value) => ['allowed', 'partly-denied', 'refused'].includes(value),
    code: (value) => value === 'none' || value === 'OTHER' || value in errorCodes,
    rule: (value) => value === 'other' || value === 'grant' || ruleIds.has(value),
    owner: (value) => ['police', 'customs', 'probation'].includes(value),
    subgraph: (value) => ['police', 'customs', 'probation', 'register', 'oversight', 'hub'].includes(value),
    kind: (value) => ['timeout', 'error'].includes(value),
    log: (value) => ['hub', 'police', 'customs', 'probation', 'register'].includes(value),
    state: (value) => ['total', 'idle', 'waiting'].includes(value),
    le: (value) => /^(\+Inf|\d+(\.\d+)?(e[+-]?\d+)?)$/.test(value),
  };

  test('answers on every part after a mixed run, with no personal data or free text in any label', async () => {
    await queryAs(hub, partners.customsOfficer, 'border-control', personQuery);
    await queryAs(hub, partners.customsOfficer, 'criminal-investigation', personQuery);
    await queryAs(hub, partners.offenderManager, 'offender-management', personQuery);
    await queryAs(hub, partners.policeOfficer, null, personQuery);
    await hub.query(personQuery, { token: 'not-a-token' });
    for (const url of [hub.gateway.url, ...hub.subgraphs.map((subgraph) => subgraph.url)]) {
      const response = await fetch(new URL('/metrics', url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).not.toContain(subject);
      for (const line of text.split('\n').filter((line) => line.startsWith('tessera_'))) {
        for (const [, name, value] of line.matchAll(/(\w+)="([^"]*)"/g)) {
          expect(allowed[name!]?.(value!), `${name}="${value}" in ${line}`).toBe(true);
        }
      }
      expect(text).toMatch(/^tessera_consultations_total\{outcome="partly-denied",code="FORBIDDEN"\} \d+/m);
      expect(text).toMatch(/^tessera_denials_total\{rule="[^"]+"\} \d+/m);
      expect(text).toMatch(/^tessera_records_released_total\{rule="[^"]+"\} \d+/m);
      expect(text).toMatch(/^tessera_audit_append_seconds_count\{log="police"\} \d+/m);
      expect(text).toMatch(/^tessera_database_connections\{state="total"\} [1-9]/m);
    }
  });
});
