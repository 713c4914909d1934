import fc from 'fast-check';
import pg from 'pg';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { subgraphs } from '@tessera/hub';
import { oversightTypeDefs } from '@tessera/oversight';
import {
  agencies,
  decide,
  isErrorCode,
  isPurposeGranted,
  privileges,
  purposes,
  roles,
  type Principal,
  type Purpose,
} from '@tessera/policies';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';
import { fieldArbitrary, operationArbitrary, writeOperation, type Operation } from './fixtures/operationArbitrary.ts';
import { createInternalCaller, type InternalCall } from './fixtures/internalCaller.ts';
import { startTestHub, type GraphQLResult, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, tokenFor, type Partner } from './fixtures/principals.ts';

// The attacker's probe sends well-formed operations over the whole schema, queries and mutations, with arguments of
// the right types and the wrong values: each must be answered or refused with a documented code, never a server
// error; through the gateway (and its alert stream) each leaves exactly one consultation record, and an owner called
// straight with a valid internal token (a gateway gone wrong) answers no worse.
let hub: TestHub;
let schema: GraphQLSchema;
let hubDatabase: pg.Client;
let callOwner: InternalCall;
beforeAll(async () => {
  hub = await startTestHub();
  hubDatabase = new pg.Client({ connectionString: hub.databaseUrls.hub });
  await hubDatabase.connect();
  callOwner = await createInternalCaller(hub);
  const hubAdmin: Partner = { agency: 'police', roles: ['hub-admin'], clearance: 'SECRET', privileges: [] };
  const { body } = await queryAs(hub, hubAdmin, null, { query: getIntrospectionQuery() });
  schema = buildClientSchema(body.data as unknown as IntrospectionQuery);
});
afterAll(async () => {
  await hubDatabase?.end();
  await hub?.stop();
});

/** Each owner's schema as its subgraph serves it, `_entities` and `_service` included. */
const ownerSchemas: readonly (readonly [string, GraphQLSchema])[] = [
  ...subgraphs.map(({ module }) => [module.name, buildSubgraphSchema({ typeDefs: module.typeDefs })] as const),
  ['oversight', buildSubgraphSchema({ typeDefs: oversightTypeDefs })],
];

/** Every agency, role and purpose, with the highest clearance and every privilege: the callers an agreement may name. */
const fullyEquipped: [Principal, Purpose][] = agencies.flatMap((agency) =>
  roles
    // A system client sends only its registered operations.
    .filter((role) => role !== 'system')
    .flatMap((role) =>
      purposes.map((purpose): [Principal, Purpose] => [
        { issuer: 'https://idp.test', subject: role, agency, roles: [role], clearance: 'SECRET', privileges },
        purpose,
      ]),
    ),
);

/**
 * Anyone at all half of the time; else a caller the agreements allow the operation's root fields to, so that
 * most roots are answered, and their owners' checks reached, in every run.
 */
function callersOf([kind, roots]: Operation): fc.Arbitrary<[Principal, Purpose | null]> {
  // The stream decides a subscription to alerts as Query.alerts.
  const type = kind === 'mutation' ? 'Mutation' : 'Query';
  const allowed = fullyEquipped.filter(
    ([principal, purpose]) =>
      isPurposeGranted(principal, purpose) &&
      roots.every((root) => ['allow', 'mask'].includes(decide(principal, purpose, `${type}.${root.name}`).effect)),
  );
  return allowed.length > 0 ? fc.oneof(callerArbitrary, fc.constantFrom(...allowed)) : callerArbitrary;
}

/** Mostly with a justification, so that most operations are judged on what they ask. */
const justifiedArbitrary = fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false));

/** The codes of a failure, documented but never due while every part of the hub is up. */
const failures = ['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'AUDIT_UNAVAILABLE'];

/** What no answer may show: the hub's own failures, however they are coded. */
const internals =
  /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|syntax error at or near|violates .* constraint|relation "|\bat .+\.[jt]s:\d+/;

/** An answer, or a refusal as bad input or as not allowed, each error with a code of the registry. */
function expectNoFailure({ status, body }: GraphQLResult, who: string): void {
  expect(status, who).toBeLessThan(500);
  for (const error of body.errors ?? []) {
    expect(isErrorCode(error.extensions?.code), who).toBe(true);
    expect(failures, who).not.toContain(error.extensions?.code);
    expect(error.message, who).not.toMatch(internals);
  }
}

/**
 * Sends a request to the gateway as a caller, posted or (where drawn, and short enough for a request line) in the
 * query string of a GET; the response and the request id its consultation record is under.
 */
async function sendAs(
  [principal, purpose]: [Principal, Purpose | null],
  justified: boolean,
  path: string,
  request: { query: string; variables: Record<string, unknown> },
  method: 'POST' | 'GET' = 'POST',
): Promise<{ response: Response; requestId: string }> {
  const url = new URL(path, hub.gateway.url);
  url.searchParams.set('query', request.query);
  url.searchParams.set('variables', JSON.stringify(request.variables));
  const asGet = method === 'GET' && url.href.length < 8000;
  const response = await fetch(asGet ? url : new URL(path, hub.gateway.url), {
    method: asGet ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      accept: path === '/' ? 'application/json' : 'text/event-stream',
      // What a browser cannot send without asking first: Apollo's CSRF prevention lets such a GET through.
      'apollo-require-preflight': 'true',
      authorization: `Bearer ${await tokenFor(hub, principal)}`,
      'x-purpose': purpose ?? '',
      'x-justification': justified ? 'case OP-7' : '',
    },
    ...(asGet ? {} : { body: JSON.stringify(request) }),
  });
  return { response, requestId: response.headers.get('x-request-id')! };
}

/**
 * The consultation records under a request id: counted by id, not as a difference of totals, since an alert a
 * generated write may set off is recorded as a consultation of its own at any moment.
 */
const recordsOf = async (requestId: string) =>
  (
    await hubDatabase.query<{ count: number }>(
      'select count(*)::int as count from hub.audit_log where request_id = $1',
      [requestId],
    )
  ).rows[0]!.count;

test('property: any well-typed operation, from anyone, is answered or refused with a documented code, and recorded once', async () => {
  let answered = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(
      operationArbitrary(schema).chain((operation) => fc.tuple(fc.constant(operation), callersOf(operation))),
      justifiedArbitrary,
      fc.constantFrom<'POST' | 'GET'>('POST', 'POST', 'GET'),
      async ([operation, caller], justified, method) => {
        const request = writeOperation(operation);
        const { response, requestId } = await sendAs(caller, justified, '/', request, method);
        const { status } = response;
        const body = (await response.json()) as GraphQLResult['body'];
        if (status === 400) refused++;
        if (Object.values(body.data ?? {}).some((value) => value !== null)) answered++;
        const who = JSON.stringify({ caller, method, request, status, errors: body.errors });
        expectNoFailure({ status, body }, who);
        expect(await recordsOf(requestId), who).toBe(1);
      },
    ),
    { numRuns: 500 },
  );
  // Both sides of the line are seen: answers with data, and refusals as bad input.
  expect(answered).toBeGreaterThan(25);
  expect(refused).toBeGreaterThan(30);
  const integrity = await hub.auditIntegrity();
  expect(integrity.chains.filter((chain) => !chain.ok)).toEqual([]);
  expect(integrity.reconciliation.ok).toBe(true);
  // 500 generated operations and their records: 25 to 42 s beside other files, close to the default minute.
}, 120_000);

test('property: explain accounts for any well-typed operation, each root field at its key as decide() decides it', async () => {
  const overseer: Principal = { issuer: 'https://idp.test', subject: 'auditor', ...partners.overseer };
  let explained = 0;
  await fc.assert(
    fc.asyncProperty(
      operationArbitrary(schema).chain((operation) => fc.tuple(fc.constant(operation), callersOf(operation))),
      async ([[kind, roots], [principal, purpose]]) => {
        if (purpose === null) return;
        const { agency, roles, clearance, privileges } = principal;
        const { response } = await sendAs([overseer, 'oversight-audit'], true, '/', {
          query: `query($operation: String!, $purpose: String!, $principal: PrincipalInput) {
            explain(operation: $operation, purpose: $purpose, principal: $principal) { path coordinate effect rule }
          }`,
          variables: {
            operation: writeOperation([kind, roots]).query,
            purpose,
            principal: { agency, roles, clearance, privileges },
          },
        });
        const body = (await response.json()) as GraphQLResult['body'];
        const who = JSON.stringify({ principal, purpose, kind, roots: roots.map((root) => root.name), body });
        expectNoFailure({ status: response.status, body }, who);
        if (body.errors) return;
        const entries = (body.data as { explain: { path: string; coordinate: string; effect: string; rule: string }[] })
          .explain;
        const type = kind === 'mutation' ? 'Mutation' : 'Query';
        for (const root of roots) {
          const { effect, rule } = decide(principal, purpose, `${type}.${root.name}`);
          expect(entries, who).toContainEqual({
            path: root.alias ?? root.name,
            coordinate: `${type}.${root.name}`,
            effect: effect.toUpperCase(),
            rule,
          });
        }
        explained++;
      },
    ),
    { numRuns: 200 },
  );
  expect(explained).toBeGreaterThan(150);
});

test('property: operations sent together are each answered or refused on their own, and each recorded once', async () => {
  // Concurrent consultations are appended to the trail together: one request's record must not fail another's.
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(
          operationArbitrary(schema).chain((operation) => fc.tuple(fc.constant(operation), callersOf(operation))),
          justifiedArbitrary,
        ),
        { minLength: 4, maxLength: 8 },
      ),
      async (batch) => {
        const sent = await Promise.all(
          batch.map(async ([[operation, caller], justified]) => {
            const request = writeOperation(operation);
            const { response, requestId } = await sendAs(caller, justified, '/', request);
            return {
              request,
              requestId,
              status: response.status,
              body: (await response.json()) as GraphQLResult['body'],
            };
          }),
        );
        for (const { request, requestId, status, body } of sent) {
          const who = JSON.stringify({ request, status, errors: body.errors });
          expectNoFailure({ status, body }, who);
          expect(await recordsOf(requestId), who).toBe(1);
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('property: any well-typed alerts operation on the stream, from anyone, is refused with a code or opens, and is recorded once', async () => {
  const alerts = schema.getQueryType()!.getFields().alerts!;
  let opened = 0;
  await fc.assert(
    fc.asyncProperty(
      fc
        .tuple(fc.constantFrom('subscription' as const, 'query' as const), fieldArbitrary(schema, alerts))
        .map(([kind, asked]): Operation => [kind, [asked]])
        .chain((operation) => fc.tuple(fc.constant(operation), callersOf(operation))),
      justifiedArbitrary,
      async ([operation, caller], justified) => {
        const request = writeOperation(operation);
        const { response, requestId } = await sendAs(caller, justified, 'graphql/stream', request);
        const { status } = response;
        const who = JSON.stringify({ caller, request, status });
        if (response.headers.get('content-type')?.startsWith('application/json')) {
          expectNoFailure({ status, body: (await response.json()) as GraphQLResult['body'] }, who);
        } else {
          expect(status, who).toBe(200);
          opened++;
          // A query's answer, or what was delivered since `after`, or the errors of an operation that cannot run;
          // then the stream ends, as this hub has no broker to carry new alerts (a subscription with one stays open).
          for (const event of (await response.text()).matchAll(/^data: (.+)$/gm)) {
            const { errors } = JSON.parse(event[1]!) as GraphQLResult['body'];
            expectNoFailure({ status, body: { errors } }, who);
          }
        }
        await expect.poll(() => recordsOf(requestId), { message: who }).toBe(1);
      },
    ),
    { numRuns: 300 },
  );
  expect(opened).toBeGreaterThan(30);
});

test('property: any well-typed operation sent straight to an owner, for anyone, is answered or refused with a code', async () => {
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(
      fc
        .constantFrom(...ownerSchemas)
        .chain(([owner, ownerSchema]) =>
          operationArbitrary(ownerSchema).chain((operation) =>
            fc.tuple(fc.constant(owner), fc.constant(operation), callersOf(operation)),
          ),
        ),
      async ([owner, operation, [principal, purpose]]) => {
        const { query, variables } = writeOperation(operation);
        const answer = await callOwner(owner, principal, purpose, query, variables);
        if (Object.values(answer.body.data ?? {}).some((value) => value !== null)) answered++;
        expectNoFailure(answer, JSON.stringify({ owner, principal, purpose, query, variables, answer }));
      },
    ),
    { numRuns: 300 },
  );
  expect(answered).toBeGreaterThan(15);
});
