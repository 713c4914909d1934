import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nationalIdOf } from '@tessera/demo';
import { sqlAt } from '@tessera/hub';
import { recordCrossing } from './fixtures/borderSystem.ts';
import { startNatsServer, type NatsServer } from './fixtures/natsServer.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, tokenFor, type Partner } from './fixtures/principals.ts';
import { aYearFromToday } from './fixtures/dates.ts';

// A probationer under a no-foreign-travel condition crosses the border: the offender manager's open
// subscription is told by the standing watch the condition set up, with what the customs–probation
// clauses release; a police watch on the same person gets a pointer; oversight sees it all; a
// correction of the crossing reaches both.
let nats: NatsServer;
let hub: TestHub;
let stream: Client;
beforeAll(async () => {
  nats = await startNatsServer();
  hub = await startTestHub({ natsUrl: nats.url });
  stream = createClient({
    url: new URL('graphql/stream', hub.gateway.url).toString(),
    singleConnection: false,
    retryAttempts: 0,
    headers: async () => ({
      authorization: `Bearer ${await tokenFor(hub, offenderManager)}`,
      'x-purpose': 'offender-management',
    }),
  });
});
afterAll(async () => {
  stream?.dispose();
  await hub?.stop();
  await nats?.[Symbol.asyncDispose]();
});

const subject = nationalIdOf(11);
const offenderManager = partners.offenderManager;
const today = new Date().toISOString().slice(0, 10);
const nextYear = aYearFromToday();
interface Alert {
  id: string;
  kind: string;
  owner: string;
  record: string | null;
  fields: { name: string; value: string }[];
}
const alertFields = 'id kind owner record fields { name value }';
const alertsOf = async (partner: Partner, purpose: string) =>
  ((await queryAs(hub, partner, purpose, { query: `{ alerts { ${alertFields} } }` })).body.data as any)
    .alerts as Alert[];
const oversee = async (query: string, variables?: Record<string, unknown>) =>
  (await queryAs(hub, partners.overseer, 'oversight-audit', { query, ...(variables ? { variables } : {}) })).body;

/** The subscription's alerts, one by one, as they come. */
function subscribe(): AsyncIterator<{ data?: { alerts: Alert } | null; errors?: unknown }> {
  return stream.iterate({ query: `subscription { alerts { ${alertFields} } }` })[Symbol.asyncIterator]() as never;
}

let crossingId: string;
let orderId: string;
let live: ReturnType<typeof subscribe>;

test('a no-foreign-travel condition sets up a standing watch for the offender manager', async () => {
  const recorded = await queryAs(hub, offenderManager, 'offender-management', {
    query: `mutation($o: SupervisionOrderInput!) { recordSupervisionOrder(order: $o) { id } }`,
    variables: {
      o: {
        nationalId: subject,
        type: 'licence',
        startDate: today,
        endDate: nextYear,
        riskLevel: 'high',
        offenderManagerId: 'OM-0',
        conditions: [{ type: 'no-foreign-travel' }],
      },
    },
  });
  expect(recorded.body.errors).toBeUndefined();
  orderId = (recorded.body.data as any).recordSupervisionOrder.id;
  await expect
    .poll(
      async () =>
        (
          (
            await queryAs(hub, offenderManager, 'offender-management', {
              query: `{ myWatches { subject clause active } }`,
            })
          ).body.data as any
        ).myWatches,
    )
    .toContainEqual({ subject, clause: 'probation-6', active: true });
  // A standing watch is the agreement's, not the officer's to end.
  const [standing] = (
    (await queryAs(hub, offenderManager, 'offender-management', { query: `{ myWatches { id clause } }` })).body
      .data as any
  ).myWatches;
  const unwatched = await queryAs(hub, offenderManager, 'offender-management', {
    query: `mutation($id: ID!) { unwatch(id: $id) { id } }`,
    variables: { id: standing.id },
  });
  expect(unwatched.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('the crossing reaches the open subscription with what probation–customs clauses allow; a police watch gets a pointer', async () => {
  const watched = await queryAs(hub, partners.policeOfficer, 'criminal-investigation', {
    query: `mutation($id: ID!, $until: String!) { watch(nationalId: $id, justification: "op PIKE", expiresAt: $until) { id } }`,
    variables: { id: subject, until: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  });
  expect(watched.body.errors).toBeUndefined();
  live = subscribe();
  const first = live.next();
  // The subscription is open before the crossing: its opening is recorded like any request.
  await expect
    .poll(async () => {
      const body = await oversee(
        `query($s: String) { consultations(filter: { subject: $s }, first: 200) { items { operation httpStatus } } }`,
        { s: 'probation-officer' },
      );
      return (body.data as any).consultations.items.filter(
        (item: any) => item.operation?.startsWith('subscription') && item.httpStatus === 200,
      ).length;
    })
    .toBeGreaterThan(0);

  const crossing = await recordCrossing(hub, subject, { travelDocument: 'P7654321' });
  expect(crossing.body.errors).toBeUndefined();
  crossingId = (crossing.body.data as any).recordCrossing.id;

  const received = await Promise.race([
    first,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no alert within 5 s')), 5000)),
  ]);
  const alert: Alert = received.value.data!.alerts;
  expect(alert).toMatchObject({ kind: 'crossing.recorded', owner: 'customs', record: null });
  const fields = Object.fromEntries(alert.fields.map((field) => [field.name, field.value]));
  expect(fields).toMatchObject({ port: 'Dover', direction: 'OUTBOUND' });
  // Clause customs-3.2: the travel document to its last three characters.
  expect(fields.travelDocument).toMatch(/^\*+321$/);

  await expect
    .poll(async () => (await alertsOf(partners.policeOfficer, 'criminal-investigation')).map((each) => each.kind))
    .toContain('crossing.recorded');
  const police = (await alertsOf(partners.policeOfficer, 'criminal-investigation')).find(
    (each) => each.kind === 'crossing.recorded',
  );
  expect(police).toMatchObject({ owner: 'customs', fields: [], record: null });
});

test('oversight sees the watches, the event and each delivery, and the logs reconcile', async () => {
  const body = await oversee(
    `query($id: ID!) { watches(person: $id) { watcher { agency subject } clause justification
      deliveries { event owner kind fieldsReleased requestId } } }`,
    { id: subject },
  );
  expect(body.errors).toBeUndefined();
  const watches = (body.data as any).watches as {
    watcher: { agency: string };
    clause: string | null;
    justification: string;
    deliveries: { event: string; kind: string; fieldsReleased: string[]; requestId: string }[];
  }[];
  const standing = watches.find((watch) => watch.clause === 'probation-6')!;
  expect(standing.watcher.agency).toBe('probation');
  expect(standing.justification).toContain('no-foreign-travel');
  const [delivery] = standing.deliveries;
  expect(delivery).toMatchObject({ owner: 'customs', kind: 'crossing.recorded' });
  expect(delivery!.fieldsReleased).toEqual(expect.arrayContaining(['port', 'direction', 'travelDocument']));
  const police = watches.find((watch) => watch.watcher.agency === 'police')!;
  expect(police.deliveries.map((each) => [each.event, each.fieldsReleased])).toEqual([[delivery!.event, []]]);

  // The delivery is a consultation in the hub's log, naming what customs released.
  const consultations = (
    await oversee(
      `query($id: ID!) { consultations(filter: { person: $id }, first: 200) { items { requestId operationName disclosed { owner type } } } }`,
      { id: subject },
    )
  ).data as any;
  const record = consultations.consultations.items.find((item: any) => item.requestId === delivery!.requestId);
  expect(record).toMatchObject({ operationName: 'alert', disclosed: [{ owner: 'customs', type: 'BorderCrossing' }] });

  const integrity = await oversee(`{ auditIntegrity { reconciliation { ok missingFromHub missingFromOwners } } }`);
  expect((integrity.data as any).auditIntegrity.reconciliation).toEqual({
    ok: true,
    missingFromHub: [],
    missingFromOwners: [],
  });
});

test('a correction notifies both recipients, keeps the earlier version and is in the owner’s audit chain', async () => {
  const corrected = await queryAs(hub, partners.customsOfficer, 'border-control', {
    query: `mutation($id: ID!) { correctRecord(id: $id, changes: [{ field: "port", value: "Folkestone" }], reason: "Port misread at the kiosk") { record action fields notified } }`,
    variables: { id: `crossing/${crossingId}` },
  });
  expect(corrected.body.errors).toBeUndefined();
  // Customs' disclosure log names two recipients: the border system that recorded it (its answer) and the
  // offender manager (the alert); the police pointer released nothing, but the police watch is told.
  expect((corrected.body.data as any).correctRecord).toEqual({
    record: `crossing/${crossingId}`,
    action: 'correction',
    fields: ['port'],
    notified: 2,
  });
  const notice = await live.next();
  expect(notice.value.data!.alerts).toMatchObject({
    kind: 'record.corrected',
    owner: 'customs',
    record: `crossing/${crossingId}`,
    fields: [],
  });
  await expect
    .poll(async () => (await alertsOf(partners.policeOfficer, 'criminal-investigation')).map((each) => each.kind))
    .toContain('record.corrected');

  const customsDb = hub.databaseUrls.customs!;
  const [history] = await sqlAt<{ before: { port: string }; after: { port: string }; reason: string }>(
    customsDb,
    `select before, after, reason from customs.record_revision where record = $1`,
    [`crossing/${crossingId}`],
  );
  expect(history).toMatchObject({ before: { port: 'Dover' }, after: { port: 'Folkestone' } });
  const [entry] = await sqlAt<{ entry: string }>(
    customsDb,
    `select entry from customs.audit_log where kind = 'alteration' and entry::jsonb ->> 'record' = $1`,
    [`crossing/${crossingId}`],
  );
  expect(JSON.parse(entry!.entry)).toMatchObject({ reason: 'Port misread at the kiosk', fields: ['port'] });
});

test('corrections are refused to partners and for bad input, with nothing written', async () => {
  const revisions = async () =>
    (
      await sqlAt<{ n: number }>(hub.databaseUrls.customs!, `select count(*)::int as n from customs.record_revision`)
    )[0]!.n;
  const before = await revisions();
  const attempts: [Partner, string, string, string][] = [
    // A partner cannot reach customs' records: its own agency's desk holds no crossing.
    [
      partners.policeOfficer,
      'criminal-investigation',
      `crossing/${crossingId}`,
      `[{ field: "port", value: "Calais" }]`,
    ],
    [
      partners.customsOfficer,
      'border-control',
      `crossing/${crossingId}`,
      `[{ field: "nationalId", value: "AB1234567" }]`,
    ],
    [partners.customsOfficer, 'border-control', `crossing/${crossingId}`, `[{ field: "port", value: "" }]`],
    [partners.customsOfficer, 'border-control', `crossing/${crossingId}`, `[]`],
    [partners.customsOfficer, 'border-control', `seizure/none`, `[{ field: "place", value: "Dover" }]`],
  ];
  for (const [partner, purpose, id, changes] of attempts) {
    const { body } = await queryAs(hub, partner, purpose, {
      query: `mutation($id: ID!) { correctRecord(id: $id, changes: ${changes}, reason: "test") { record } }`,
      variables: { id },
    });
    expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN']).toContain(body.errors?.[0]?.extensions?.code);
  }
  const unexplained = await queryAs(hub, partners.customsOfficer, 'border-control', {
    query: `mutation { withdrawRecord(id: "crossing/${crossingId}", reason: "") { record } }`,
  });
  expect(unexplained.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(await revisions()).toBe(before);
});

test('a withdrawn record is no longer released, and its recipients are told', async () => {
  const withdrawn = await queryAs(hub, partners.customsOfficer, 'border-control', {
    query: `mutation($id: ID!) { withdrawRecord(id: $id, reason: "Recorded against the wrong traveller") { action notified } }`,
    variables: { id: `crossing/${crossingId}` },
  });
  expect((withdrawn.body.data as any).withdrawRecord).toEqual({ action: 'withdrawal', notified: 2 });
  const notice = await live.next();
  expect(notice.value.data!.alerts).toMatchObject({ kind: 'record.withdrawn', record: `crossing/${crossingId}` });
  const { body } = await queryAs(hub, offenderManager, 'offender-management', {
    query: `query($id: ID!) { person(nationalId: $id) { customs { crossings { id } } } }`,
    variables: { id: subject },
  });
  expect(JSON.stringify(body.data)).not.toContain(crossingId);
});

test('the stream refuses a stranger, a missing purpose, a purpose no clause allows and a client system, each with its code', async () => {
  const open = async (headers: Record<string, string>) => {
    const response = await fetch(new URL('graphql/stream', hub.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: 'subscription { alerts { id } }' }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return [response.status, body.errors?.[0]?.extensions?.code];
  };
  const token = `Bearer ${await tokenFor(hub, offenderManager)}`;
  expect(await open({})).toEqual([401, 'UNAUTHENTICATED']);
  expect(await open({ authorization: token })).toEqual([400, 'PURPOSE_REQUIRED']);
  expect(await open({ authorization: token, 'x-purpose': 'oversight-audit' })).toEqual([403, 'FORBIDDEN']);
  // A client system is told by webhook: it may not open a stream with an operation nobody reviewed.
  const system = `Bearer ${await tokenFor(hub, { agency: 'probation', roles: ['system'], clearance: 'OFFICIAL', privileges: [] }, 'probation-case-system')}`;
  expect(await open({ authorization: system, 'x-purpose': 'offender-management' })).toEqual([403, 'FORBIDDEN']);
});

test('the stream refuses bad input with the code `/` would give, before it opens, and records each', async () => {
  const headers = {
    authorization: `Bearer ${await tokenFor(hub, offenderManager)}`,
    'x-purpose': 'offender-management',
    accept: 'text/event-stream',
    'content-type': 'application/json',
  };
  const refusal = async (method: string, search: string, body?: string, more: Record<string, string> = {}) => {
    const response = await fetch(new URL(`graphql/stream${search}`, hub.gateway.url), {
      method,
      headers: { ...headers, ...more },
      body,
    });
    const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return [response.status, answer.errors?.map((error) => error.extensions?.code)];
  };
  const post = (request: unknown, more?: Record<string, string>) => () =>
    refusal('POST', '', typeof request === 'string' ? request : JSON.stringify(request), more);
  const subscription = { query: 'subscription { alerts { id } }' };
  const everyAlertElevenTimes = Array.from({ length: 11 }, (_, n) => `a${n}: alerts { id }`).join(' ');
  const refusals: [() => Promise<unknown[]>, number, string][] = [
    [post('not json'), 400, 'BAD_REQUEST'],
    [post([]), 400, 'BAD_REQUEST'],
    [post({ query: 'subscription {' }), 400, 'GRAPHQL_PARSE_FAILED'],
    [post({ query: 'subscription { alerts { nope } }' }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    [post({ query: 'mutation { x }' }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      post({ query: 'subscription A { alerts { id } } subscription B { alerts { id } }' }),
      400,
      'OPERATION_RESOLUTION_FAILURE',
    ],
    [
      post({ query: 'subscription($a: String) { alerts(after: $a) { id } }', variables: { a: 5 } }),
      400,
      'BAD_USER_INPUT',
    ],
    [post({ query: `{ ${everyAlertElevenTimes} }` }), 400, 'TOO_MANY_ROOT_FIELDS'],
    [() => refusal('GET', '?query=subscription%7Balerts%7Bid%7D%7D&variables=%7B'), 400, 'BAD_REQUEST'],
    [post(subscription, { 'content-type': 'text/plain' }), 415, 'BAD_REQUEST'],
    [post(subscription, { accept: 'application/json' }), 404, 'BAD_REQUEST'],
  ];
  const recorded = async () =>
    (
      await sqlAt<{ codes: string[] }>(
        hub.databaseUrls.hub!,
        `select entry::jsonb -> 'codes' as codes from hub.audit_log where outcome = 'refused' order by seq desc limit ${refusals.length}`,
      )
    )
      .map((row) => row.codes[0])
      .reverse();
  const codes: string[] = [];
  for (const [send, status, code] of refusals) {
    expect(await send()).toEqual([status, [code]]);
    codes.push(code);
  }
  expect(await recorded()).toEqual(codes);
});

test('an unexpected failure reaches the stream masked, as on `/`', async () => {
  await sqlAt(hub.databaseUrls.hub!, 'alter table hub.alert rename to alert_gone');
  try {
    const response = await fetch(new URL('graphql/stream', hub.gateway.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(hub, offenderManager)}`,
        'x-purpose': 'offender-management',
        accept: 'text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: '{ alerts { id } }' }),
    });
    const events = await response.text();
    expect(events).toContain('{"message":"Internal server error"');
    expect(events).toContain('"code":"INTERNAL_SERVER_ERROR"');
    expect(events).not.toMatch(/relation|alert_gone|hub\.alert/);
  } finally {
    await sqlAt(hub.databaseUrls.hub!, 'alter table hub.alert_gone rename to alert');
  }
});

test('the order’s end ends the standing watch', async () => {
  const ended = await queryAs(hub, offenderManager, 'offender-management', {
    query: `mutation($id: ID!) { endOrder(orderId: $id, reason: "Licence expired") { endDate } }`,
    variables: { id: orderId },
  });
  expect(ended.body.errors).toBeUndefined();
  await expect
    .poll(
      async () =>
        (
          (await queryAs(hub, offenderManager, 'offender-management', { query: `{ myWatches { clause active } }` }))
            .body.data as any
        ).myWatches,
    )
    .toEqual([{ clause: 'probation-6', active: false }]);
});
