import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const hubAdmin: Partner = { agency: 'police', roles: ['hub-admin'], clearance: 'SECRET', privileges: [] };
const investigate = (query: string, variables: Record<string, unknown> = {}) =>
  queryAs(hub, partners.policeInvestigator, 'criminal-investigation', { query, variables });

describe('introspection and suggestions are for hub administrators only', () => {
  const introspection = '{ __schema { queryType { name } } }';

  test('a partner asking for the schema is refused', async () => {
    const { status, body } = await investigate(introspection);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['INTROSPECTION_DISABLED']);
  });

  test('a hub administrator gets it', async () => {
    const { status, body } = await queryAs(hub, hubAdmin, null, { query: introspection });
    expect(status).toBe(200);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  test('a misspelt field gets no suggestion, unless the caller administers the hub', async () => {
    const query = '{ person(nationalId: "TS0000001") { familyNam } }';
    const partner = await investigate(query);
    expect(partner.status).toBe(400);
    expect(partner.body.errors?.[0]?.message).toBe('Cannot query field "familyNam" on type "Person".');
    const admin = await queryAs(hub, hubAdmin, null, { query });
    expect(admin.body.errors?.[0]?.message).toMatch(/Did you mean "familyName"\?$/);
  });
});

describe('each limit is refused with its own code and a 400', () => {
  const nested = (levels: number) => {
    let selection = 'familyName';
    for (let level = 0; level < levels; level++)
      selection = `police { incidents { incident { involved { person { ${selection} } } } } }`;
    return `{ person(nationalId: "TS0000001") { ${selection} } }`;
  };
  const ids = Array.from({ length: 1000 }, (_, index) => nationalIdOf(index));

  test.each([
    ['depth', nested(3), 'QUERY_TOO_DEEP'],
    [
      'aliases',
      `{ person(nationalId: "TS0000001") { ${Array.from({ length: 31 }, (_, n) => `a${n}: familyName`).join(' ')} } }`,
      'TOO_MANY_ALIASES',
    ],
    [
      'directives',
      `{ person(nationalId: "TS0000001") { ${Array.from({ length: 21 }, () => 'familyName @include(if: true)').join(' ')} } }`,
      'TOO_MANY_DIRECTIVES',
    ],
    [
      'root fields',
      `{ ${Array.from({ length: 11 }, (_, n) => `p${n}: person(nationalId: "TS000000${(n % 9) + 1}") { familyName }`).join(' ')} }`,
      'TOO_MANY_ROOT_FIELDS',
    ],
    ['tokens', `{ person(nationalId: "TS0000001") { ${'familyName '.repeat(4001)} } }`, 'TOO_MANY_TOKENS'],
    [
      'cost',
      `query($ids: [ID!]!) { people(nationalIds: $ids) { police { incidents { incident { involved { category person { familyName } } } } } } }`,
      'QUERY_TOO_COMPLEX',
    ],
  ])('%s', async (_, query, code) => {
    const { status, body } = await investigate(query, { ids });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  });

  test('an operation within every limit still runs', async () => {
    const { status, body } = await investigate(nested(1));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('the HTTP surface', () => {
  test('batched requests are refused', async () => {
    const token = await hub.idp.token();
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'border-control' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BAD_REQUEST',
    );
  });

  test('a simple GET, which a browser could send from another site, is refused (CSRF prevention)', async () => {
    const token = await hub.idp.token();
    const response = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });
});
