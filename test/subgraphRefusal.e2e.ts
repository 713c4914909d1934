import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintInternalToken, readPrivateKey, type KeyInUse, type RequestIdentity } from '@tessera/runtime';
import { postGraphQL, startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
let gatewayKey: KeyInUse;
beforeAll(async () => {
  hub = await startTestHub();
  gatewayKey = await readPrivateKey(hub.internalSigningKeyFile);
});
afterAll(() => hub?.stop());

const identity: RequestIdentity = {
  principal: {
    issuer: 'https://police-idp.test',
    subject: 'analyst-7',
    agency: 'police',
    roles: ['investigator'],
    clearance: 'SECRET',
    privileges: [],
  },
  purpose: 'criminal-investigation',
  justification: 'case 42',
  requestId: 'test-request',
};

/** What each subgraph would answer if the call got through: entities for the demo subject, and its SDL. */
const probes = {
  entities: `{ _entities(representations: [{ __typename: "Person", nationalId: "TS0000001" }]) { ... on Person { nationalId } } }`,
  service: '{ _service { sdl } }',
};

const subgraphNames = ['police', 'customs', 'probation', 'register'];
const urlOf = (name: string) => hub.subgraphs.find((subgraph) => subgraph.name === name)!.url;

describe.each(subgraphNames)('the %s subgraph answers only the gateway', (name) => {
  test('with the gateway’s internal token for it, the call succeeds (the control)', async () => {
    const token = await mintInternalToken(identity, name, gatewayKey);
    const { status, body } = await postGraphQL(
      urlOf(name),
      { query: probes.entities },
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ _entities: [{ nationalId: 'TS0000001' }] });
  });

  const refusals: [string, () => Promise<string | null>][] = [
    ['no token', async () => null],
    ["a partner's own token", () => hub.idp.token()],
    ['an internal token minted for another subgraph', () => mintInternalToken(identity, otherThan(name), gatewayKey)],
    [
      'an expired internal token',
      () => mintInternalToken(identity, name, gatewayKey, new Date(Date.now() - 10 * 60_000)),
    ],
  ];

  test.each(
    refusals.flatMap(([label, token]) =>
      Object.entries(probes).map(([probe, query]) => [label, probe, token, query] as const),
    ),
  )('%s gets 401 and no data (%s)', async (_, __, makeToken, query) => {
    const token = await makeToken();
    const { status, body } = await postGraphQL(
      urlOf(name),
      { query },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

function otherThan(name: string): string {
  return subgraphNames.find((candidate) => candidate !== name) as string;
}
