import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, tokenFor, type Partner } from './fixtures/principals.ts';
import { createInternalCaller } from './fixtures/internalCaller.ts';
import { sqlAt } from '@tessera/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const policeSupervisor: Partner = { agency: 'police', roles: ['supervisor'], clearance: 'SECRET', privileges: [] };
const nul = 'a\u0000b';

describe('wrong input is refused as bad input, never a server error', () => {
  const cases: [string, Partner, string, string, Record<string, unknown>][] = [
    ...['2026-13-45', '1990-02-30', '0000-01-01', '99999-01-01', '1990-1-1', nul].map(
      (date): [string, Partner, string, string, Record<string, unknown>] => [
        `searchPeople dateOfBirth ${JSON.stringify(date)}`,
        partners.policeInvestigator,
        'criminal-investigation',
        'query($d: String) { searchPeople(name: "Smith", dateOfBirth: $d) { nationalId } }',
        { d: date },
      ],
    ),
    [
      'searchPeople name with NUL',
      partners.policeInvestigator,
      'criminal-investigation',
      'query($n: String!) { searchPeople(name: $n) { nationalId } }',
      { n: nul },
    ],
    [
      'a NUL escaped in a literal',
      partners.policeInvestigator,
      'criminal-investigation',
      '{ searchPeople(name: "a\\u0000b") { nationalId } }',
      {},
    ],
    [
      'person with NUL',
      partners.policeInvestigator,
      'criminal-investigation',
      'query($id: ID!) { person(nationalId: $id) { familyName } }',
      { id: `TS000000${nul}` },
    ],
    ...['2026-13-45T00:00:00Z', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', 'yesterday', nul].map(
      (since): [string, Partner, string, string, Record<string, unknown>] => [
        `recentIncidents since ${JSON.stringify(since)}`,
        partners.policeOfficer,
        'criminal-investigation',
        'query($s: String) { recentIncidents(district: "North", since: $s) { id } }',
        { s: since },
      ],
    ),
    ...[-1, 0, 501].map((limit): [string, Partner, string, string, Record<string, unknown>] => [
      `recentIncidents limit ${limit}`,
      partners.policeOfficer,
      'criminal-investigation',
      'query($l: Int) { recentIncidents(district: "North", limit: $l) { id } }',
      { l: limit },
    ]),
    [
      'recordsPastReview limit -5',
      policeSupervisor,
      'intelligence-analysis',
      '{ recordsPastReview(limit: -5) { id } }',
      {},
    ],
    ...[
      ['from', { from: '2026-02-30T00:00:00Z' }],
      ['to', { to: '-271821-04-20T00:00:00Z' }],
      ['person', { person: nul }],
      ['subject', { subject: nul }],
    ].map(([name, filter]): [string, Partner, string, string, Record<string, unknown>] => [
      `consultations filter ${name as string}`,
      partners.overseer,
      'oversight-audit',
      'query($f: ConsultationFilter) { consultations(filter: $f) { nextCursor } }',
      { f: filter },
    ]),
    ...['c2VxOjk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5', 'seq', nul].map(
      (after): [string, Partner, string, string, Record<string, unknown>] => [
        `consultations after ${JSON.stringify(after)}`,
        partners.overseer,
        'oversight-audit',
        'query($a: String) { consultations(after: $a) { nextCursor } }',
        { a: after },
      ],
    ),
    ['consultations first -1', partners.overseer, 'oversight-audit', '{ consultations(first: -1) { nextCursor } }', {}],
    [
      'disclosures from',
      partners.overseer,
      'oversight-audit',
      '{ disclosures(owner: "police", recipient: "customs", from: "2026-13-01") { nextCursor } }',
      {},
    ],
    [
      'an @include condition whose variable is given an explicit null',
      partners.policeInvestigator,
      'criminal-investigation',
      'query($a: Boolean = true) { person(nationalId: "TS0000001") { familyName @include(if: $a) } }',
      { a: null },
    ],
    [
      'a @skip condition in a fragment, over a withheld field, given an explicit null',
      partners.customsOfficer,
      'border-control',
      'query($s: Boolean = false) { person(nationalId: "TS0000001") { ...P } } fragment P on Person { police { intelligenceReports @skip(if: $s) { id } } }',
      { s: null },
    ],
    [
      'a required argument given a variable with a default and an explicit null',
      partners.policeOfficer,
      'criminal-investigation',
      'query($d: String = "North") { recentIncidents(district: $d) { id } }',
      { d: null },
    ],
    [
      'a required list given a variable with a default and an explicit null',
      partners.policeInvestigator,
      'criminal-investigation',
      'query($ids: [ID!] = ["TS0000001"]) { people(nationalIds: $ids) { familyName } }',
      { ids: null },
    ],
    // Times and dates that Date.parse reads all the same: "flag/1" as 2001, the year 0, a day past its month's end.
    ...['flag/1', '0000-01-01T00:00:00Z', '2026-02-31T00:00:00Z'].flatMap(
      (time): [string, Partner, string, string, Record<string, unknown>][] => [
        [
          `alerts after ${JSON.stringify(time)}`,
          partners.offenderManager,
          'offender-management',
          'query($a: String) { alerts(after: $a) { id } }',
          { a: time },
        ],
        [
          `recordCrossing crossedAt ${JSON.stringify(time)}`,
          partners.customsOfficer,
          'border-control',
          'mutation($c: CrossingInput!) { recordCrossing(crossing: $c) { id } }',
          {
            c: {
              nationalId: 'TS0000001',
              crossedAt: time,
              port: 'Dover',
              direction: 'OUTBOUND',
              travelDocument: 'P1234567',
            },
          },
        ],
      ],
    ),
    ...['0000-01-01', '2026-02-31T00:00:00Z'].map(
      (from): [string, Partner, string, string, Record<string, unknown>] => [
        `hotspots from ${JSON.stringify(from)}`,
        partners.policeInvestigator,
        'criminal-investigation',
        'query($f: String!) { hotspots(area: {south: 51.4, west: -0.3, north: 51.62, east: 0.1}, from: $f, to: "2026-11-01", resolution: 8) { type } }',
        { f: from },
      ],
    ),
    ...['2026-02-30', '0000-01-01'].map((date): [string, Partner, string, string, Record<string, unknown>] => [
      `recordSupervisionOrder startDate ${JSON.stringify(date)}`,
      partners.offenderManager,
      'offender-management',
      'mutation($o: SupervisionOrderInput!) { recordSupervisionOrder(order: $o) { id } }',
      {
        o: {
          nationalId: 'TS0000002',
          type: 'licence',
          startDate: date,
          riskLevel: 'high',
          offenderManagerId: 'OM-0',
        },
      },
    ]),
    [
      'markReviewed with NUL',
      partners.overseer,
      'oversight-audit',
      'mutation($n: String!) { markReviewed(requestId: "x", note: $n) { requestId } }',
      { n: nul },
    ],
  ];

  test.each(cases)('%s', async (_, partner, purpose, query, variables) => {
    const { status, body } = await queryAs(hub, partner, purpose, { query, variables });
    expect(status).toBeLessThan(500);
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code === 'BAD_USER_INPUT' || code === 'NOT_FOUND')).toBe(true);
  });

  test.each([
    [
      'a subscription, which the schema has no root for',
      { query: 'subscription { __typename }' },
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a persisted-query hash that is not the text’s',
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      'BAD_REQUEST',
    ],
    [
      'a persisted-query version Apollo Server does not know',
      { query: '{ __typename }', extensions: { persistedQuery: { version: 2 } } },
      'BAD_REQUEST',
    ],
  ])('%s is refused as bad input with a 400', async (_, request, code) => {
    const { status, body } = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', request);
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  });

  test.each(['police', 'customs', 'probation', 'register'])(
    'the %s subgraph, called with a valid internal token, refuses a subscription as invalid',
    async (subgraph) => {
      const call = await createInternalCaller(hub);
      const principal = { ...partners.policeInvestigator, issuer: 'https://idp.test', subject: 'gateway-gone-wrong' };
      const { status, body } = await call(subgraph, principal, 'criminal-investigation', 'subscription { __typename }');
      expect(status).toBe(400);
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    },
  );

  test('an operation with a NUL in its text is refused each time it comes, not only when first parsed', async () => {
    const query = '{ searchPeople(name: "a\\u0000c") { nationalId } }';
    for (let time = 0; time < 3; time++) {
      const { body } = await queryAs(hub, partners.policeInvestigator, 'criminal-investigation', {
        query,
        variables: {},
      });
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('whatever a client sends, it leaves exactly one consultation record', () => {
  const countRecords = async () =>
    (await sqlAt<{ count: number }>(hub.databaseUrls.hub!, `select count(*)::int as count from hub.audit_log`))[0]!
      .count;
  const nested = (depth: number) => {
    let value: unknown = 'deep';
    for (let level = 0; level < depth; level++) value = { v: value };
    return value;
  };
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('\u0000', 'a\ud800b', '\udc00', '{ person(nationalId: "TS0000001") { familyName } }\u0000'),
  );
  const query = fc.oneof(
    text,
    fc.constantFrom(
      '{ person(nationalId: "TS0000001") { familyName police { warningMarkers { type } } } }',
      'query($id: ID!) { person(nationalId: $id) { familyName } }',
      '{ searchPeople(name: "a\\u0000") { nationalId } }',
      'query Q\u0000 { person(nationalId: "TS0000001") { familyName } }',
      'subscription { __typename }',
    ),
  );
  const variables = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue(),
    fc.record({ id: fc.oneof(text, fc.constant('TS0000001')) }),
    fc.integer({ min: 1, max: 4000 }).map(nested),
  );
  // A header's bytes, one character each: any that a header may carry, and text of any script in UTF-8.
  const header = fc.oneof(
    fc.stringMatching(/^[\x20-\x7e\x80-\xff]{0,700}$/),
    fc
      .string({ unit: 'grapheme', maxLength: 200 })
      .filter((text) => !/[\x00-\x1f\x7f]/.test(text))
      .map((text) => Buffer.from(text, 'utf8').toString('latin1')),
  );
  const request = fc.record({
    query: fc.option(query, { nil: undefined }),
    operationName: fc.oneof(fc.constant(undefined), text, fc.jsonValue()),
    variables,
    extensions: fc.option(
      fc.oneof(
        fc.jsonValue(),
        fc.record({
          persistedQuery: fc.oneof(
            fc.jsonValue(),
            fc.record({
              version: fc.oneof(fc.constant(1), fc.jsonValue()),
              sha256Hash: fc.oneof(text, fc.jsonValue()),
            }),
          ),
        }),
      ),
      { nil: undefined },
    ),
    purpose: fc.oneof(fc.constant('criminal-investigation'), header),
    justification: header,
    userAgent: header,
    validToken: fc.boolean(),
    rawBody: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 8, nil: undefined }),
  });

  /** Sends a request line as written, past what fetch would mend or refuse, and returns the status. */
  const rawStatus = (method: string, target: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = connect(Number(new URL(hub.gateway.url).port), '127.0.0.1', () =>
        socket.write(`${method} ${target} HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n`),
      );
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
      socket.on('error', reject);
    });

  test('any request target or method: a coded answer under 500, and a record', async () => {
    const targets = ['http://[bad/', 'http://hub/?query=%zz', '//x/%zz', '*', '/?query=%E0%A4%A', '/graphql?a=1&a=2'];
    for (const [method, target] of [
      ...targets.map((target) => ['GET', target] as const),
      ['PUT', '/'] as const,
      ['DELETE', '/graphql'] as const,
      ['PATCH', '/nowhere'] as const,
    ]) {
      const before = await countRecords();
      const status = await rawStatus(method, target);
      expect(status, `${method} ${target}`).toBeGreaterThanOrEqual(200);
      expect(status, `${method} ${target}`).toBeLessThan(500);
      expect((await countRecords()) - before, `${method} ${target}`).toBe(1);
    }
  });

  test('a body or query string that is not UTF-8 is refused, not read with U+FFFD in its place, and recorded', async () => {
    const headers = {
      authorization: `Bearer ${await tokenFor(hub, partners.policeInvestigator)}`,
      'content-type': 'application/json',
      'x-purpose': 'criminal-investigation',
      'x-justification': 'case',
    };
    // In Latin-1 (which escape() writes too, %FC): the ü of Müller is one byte that UTF-8 never writes alone.
    const query = '{ searchPeople(name: "Müller") { nationalId } }';
    const asked: [string, () => Promise<Response>][] = [
      [
        'The request body is not text in UTF-8.',
        () =>
          fetch(hub.gateway.url, { method: 'POST', headers, body: Buffer.from(JSON.stringify({ query }), 'latin1') }),
      ],
      ['The query string is not text in UTF-8.', () => fetch(`${hub.gateway.url}?query=${escape(query)}`, { headers })],
    ];
    for (const [message, ask] of asked) {
      const before = await countRecords();
      const response = await ask();
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: unknown }).errors).toEqual([
        { message, extensions: { code: 'BAD_REQUEST' } },
      ]);
      expect((await countRecords()) - before).toBe(1);
    }
  });

  test('a client that leaves before its body is whole: one record of bad input, not a server error', async () => {
    const token = await tokenFor(hub, partners.policeInvestigator);
    const before = await countRecords();
    const socket = connect(Number(new URL(hub.gateway.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST / HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 200\r\n\r\n{"query":',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await expect.poll(countRecords).toBe(before + 1);
    const [row] = await sqlAt<{ entry: string }>(
      hub.databaseUrls.hub!,
      `select entry from hub.audit_log order by seq desc limit 1`,
    );
    expect(JSON.parse(row!.entry)).toMatchObject({ outcome: 'refused', httpStatus: 400, codes: ['BAD_REQUEST'] });
  });

  test('one record per request, and the trail still verifies and reconciles', { timeout: 120_000 }, async () => {
    const token = await tokenFor(hub, partners.policeInvestigator);
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const before = await countRecords();
        const response = await fetch(hub.gateway.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${sent.validToken ? token : 'x.y.z'}`,
            'x-purpose': sent.purpose,
            'x-justification': sent.justification,
            'user-agent': sent.userAgent,
          },
          body:
            sent.rawBody ??
            JSON.stringify({
              query: sent.query,
              operationName: sent.operationName,
              variables: sent.variables,
              extensions: sent.extensions,
            }),
        });
        const answer = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(answer).not.toContain('INTERNAL_SERVER_ERROR');
        expect((await countRecords()) - before).toBe(1);
      }),
      { numRuns: 120 },
    );
    const integrity = await hub.auditIntegrity();
    expect(integrity.chains.filter((chain) => !chain.ok)).toEqual([]);
    expect(integrity.reconciliation.ok).toBe(true);
  });
});
