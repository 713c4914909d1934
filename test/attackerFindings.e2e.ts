import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs } from './fixtures/principals.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const investigate = (query: string, variables: Record<string, unknown> = {}) =>
  queryAs(hub, partners.policeInvestigator, 'criminal-investigation', { query, variables });
const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.map((error) => error.extensions?.code);

describe('introspection is decided on the operation as executed', () => {
  test.each([
    ['a named fragment on Query', 'query { ...Schema } fragment Schema on Query { __schema { queryType { name } } }'],
    ['an inline fragment', '{ ... on Query { __type(name: "Person") { fields { name } } } }'],
    [
      'a fragment spread by a fragment',
      '{ ...A } fragment A on Query { ...B } fragment B on Query { __schema { types { name } } }',
    ],
    ['an alias, its selection right after the name', '{ s: __schema{queryType{name}} }'],
    ['beside __typename, after a comment', '{ __typename\n# __schema\n__type(name: "Person") { name } }'],
  ])('%s', async (_, query) => {
    const { status, body } = await investigate(query);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(codes(body)).toEqual(['INTROSPECTION_DISABLED']);
  });

  test('a name or a text that only resembles one is not introspection', async () => {
    for (const query of ['{ __typename }', 'query Named__type { __typename }', '{ __typename } # __schema']) {
      const { status, body } = await investigate(query);
      expect(status, query).toBe(200);
      expect(body.data).toEqual({ __typename: 'Query' });
    }
  });

  test('root fields behind a fragment count against the root-field limit', async () => {
    const fields = Array.from(
      { length: 11 },
      (_, n) => `p${n}: person(nationalId: "TS000000${(n % 9) + 1}") { familyName }`,
    );
    const { status, body } = await investigate(`query { ...Roots } fragment Roots on Query { ${fields.join(' ')} }`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['TOO_MANY_ROOT_FIELDS']);
  });

  test('explain hands a partner no "Did you mean" suggestion', async () => {
    const { body } = await investigate(
      'query($operation: String!) { explain(operation: $operation, purpose: "criminal-investigation") { path } }',
      { operation: '{ person(nationalId: "TS0000001") { familyNam givenNam } }' },
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain('Cannot query field "familyNam" on type "Person".');
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('every walk over an operation is linear in its size', () => {
  test('an operation given to explain is held to the token limit like any other', async () => {
    const { status, body } = await investigate(
      'query($operation: String!) { explain(operation: $operation, purpose: "criminal-investigation") { path } }',
      { operation: `{ person(nationalId: "TS0000001") { ${'familyName '.repeat(50_000)} } }` },
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ explain: null });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/more th(at|an) 4000 tokens/);
  });

  /** Fragment n spreads fragment n+1 twice: 2^levels fields as executed, a few hundred bytes as sent. */
  const fanOut = (levels: number) => {
    const fragments = Array.from({ length: levels }, (_, n) =>
      n === levels - 1
        ? `fragment F${n} on Person { familyName }`
        : `fragment F${n} on Person { ...F${n + 1} ...F${n + 1} }`,
    );
    return `{ person(nationalId: "TS0000001") { ...F0 } } ${fragments.join(' ')}`;
  };

  test('a 2^30 fan-out of fragments is refused as too complex, at once', { timeout: 15_000 }, async () => {
    const { status, body } = await investigate(fanOut(31));
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(body.errors?.[0]?.extensions?.value).toBe(2 ** 30 + 1);
  });

  test('a fragment spread many times over still answers once per field', async () => {
    const { status, body } = await investigate(fanOut(12));
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { familyName: expect.any(String) } });
  });

  test('a denied field in a fanned-out fragment is reported once, at its path', async () => {
    const query = `{ person(nationalId: "TS0000001") { ...A ...A } } fragment A on Person { ...B ...B } fragment B on Person { familyName police { intelligenceReports { id } } }`;
    const { status, body } = await queryAs(hub, partners.customsOfficer, 'border-control', { query });
    expect(status).toBe(200);
    const forbidden = body.errors?.filter((error) => error.extensions?.code === 'FORBIDDEN') ?? [];
    expect(forbidden.map((error) => error.path)).toEqual([['person', 'police', 'intelligenceReports']]);
  });
});

describe('valid or merely wrong input is never a server error', () => {
  test('a directive variable left to its default still decides the field (denied fields restored)', async () => {
    const query = `query($s: Boolean = false) { person(nationalId: "TS0000001") { familyName police { intelligenceReports @skip(if: $s) { id } } } }`;
    const { status, body } = await queryAs(hub, partners.customsOfficer, 'border-control', { query });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      person: { familyName: expect.any(String), police: { intelligenceReports: null } },
    });
    expect(codes(body)).toEqual(['FORBIDDEN']);
  });

  test('the default of a skipped denied field leaves it out, as graphql-js would', async () => {
    const query = `query($s: Boolean = true) { person(nationalId: "TS0000001") { familyName police { intelligenceReports @skip(if: $s) { id } } } }`;
    const { status, body } = await queryAs(hub, partners.customsOfficer, 'border-control', { query });
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { familyName: expect.any(String), police: {} } });
    expect(body.errors).toBeUndefined();
  });

  test('an object whose every field a variable drops is empty, as graphql-js answers it, not null', async () => {
    // The query planner skips the fetch of such fields altogether, and their object then came back null.
    const query = `query($yes: Boolean!, $no: Boolean!) { person(nationalId: "TS0000001") {
      customs @include(if: $yes) { nationality @include(if: $no) } police @skip(if: $no) { pncId @skip(if: $yes) } } }`;
    const { status, body } = await investigate(query, { yes: true, no: false });
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { customs: {}, police: {} } });
    expect(body.errors).toBeUndefined();
  });
});
