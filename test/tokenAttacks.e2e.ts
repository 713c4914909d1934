import { readFile } from 'node:fs/promises';
import { CompactSign, importJWK, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { internalAudience, internalIssuer } from '@tessera/runtime';
import { forgedTokens, signedByHand, type Genuine } from './fixtures/forgedTokens.ts';
import { postGraphQL, startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
let partner: Genuine;
let gatewayKey: { privateKey: CryptoKey; publicJwk: JWK };
beforeAll(async () => {
  hub = await startTestHub();
  const { keys } = JSON.parse(await readFile(hub.idp.issuer.jwksFile!, 'utf8')) as { keys: JWK[] };
  partner = {
    privateKey: hub.idp.privateKey,
    publicJwk: keys[0]!,
    alg: 'ES256',
    kid: keys[0]!.kid!,
    issuer: hub.idp.issuer.issuer,
    audience: hub.idp.issuer.audience,
    claims: { sub: 'analyst-7', agency: 'police', roles: ['investigator'], clearance: 'SECRET', privileges: [] },
  };
  const privateJwk = JSON.parse(await readFile(hub.internalSigningKeyFile, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  gatewayKey = { privateKey: (await importJWK(privateJwk, 'EdDSA')) as CryptoKey, publicJwk };
});
afterAll(() => hub?.stop());

const query = '{ person(nationalId: "TS0000001") { nationalId familyName } }';
const genuineToken = (genuine: Genuine) => {
  const now = Math.floor(Date.now() / 1000);
  return new CompactSign(
    new TextEncoder().encode(
      JSON.stringify({ ...genuine.claims, iss: genuine.issuer, aud: genuine.audience, iat: now, exp: now + 300 }),
    ),
  )
    .setProtectedHeader({
      alg: genuine.alg,
      ...(genuine.kid ? { kid: genuine.kid } : {}),
      ...(genuine.typ ? { typ: genuine.typ } : {}),
    })
    .sign(genuine.privateKey);
};

describe('forged and broken partner tokens at the gateway', () => {
  test('the same construction, genuinely signed, is accepted (the control)', async () => {
    const { status, body } = await hub.query({ query }, { token: await genuineToken(partner) });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ person: { nationalId: 'TS0000001' } });
    // Signed by hand as the crit forgery is, but without the crit header: accepted, so only crit is refused.
    const now = Math.floor(Date.now() / 1000);
    const byHand = signedByHand(
      { alg: 'ES256', kid: partner.kid },
      { ...partner.claims, iss: partner.issuer, aud: partner.audience, iat: now, exp: now + 300 },
      partner,
    );
    expect((await hub.query({ query }, { token: byHand })).status).toBe(200);
  });

  test('every forgery gets 401 UNAUTHENTICATED and no data', async () => {
    const forgeries = await forgedTokens(partner);
    expect(forgeries).toHaveLength(23);
    for (const [name, token] of forgeries) {
      const { status, body } = await hub.query({ query }, { token });
      expect([name, status, body.data, body.errors?.map((error) => error.extensions?.code)]).toEqual([
        name,
        401,
        undefined,
        ['UNAUTHENTICATED'],
      ]);
    }
  });
});

describe.each(['police', 'customs', 'probation', 'register', 'oversight'])(
  'forged internal tokens at the %s subgraph',
  (name) => {
    const internal = (): Genuine => ({
      privateKey: gatewayKey.privateKey,
      publicJwk: gatewayKey.publicJwk,
      alg: 'EdDSA',
      kid: gatewayKey.publicJwk.kid!,
      typ: 'tessera-internal+jwt',
      issuer: internalIssuer,
      audience: internalAudience(name),
      claims: {
        sub: 'analyst-7',
        rid: 'attack',
        purpose: 'criminal-investigation',
        justification: null,
        principal: {
          issuer: 'https://idp.test',
          agency: 'police',
          roles: ['investigator'],
          clearance: 'SECRET',
          privileges: [],
        },
      },
    });
    const entities = `{ _entities(representations: [{ __typename: "Person", nationalId: "TS0000001" }]) { ... on Person { nationalId } } }`;
    const url = () => hub.subgraphs.find((subgraph) => subgraph.name === name)!.url;

    test('the genuine construction is accepted (the control)', async () => {
      const { status } = await postGraphQL(
        url(),
        { query: '{ _service { sdl } }' },
        { authorization: `Bearer ${await genuineToken(internal())}` },
      );
      expect(status).toBe(200);
    });

    test('every forgery gets 401 and no data, _entities included', async () => {
      for (const [forgery, token] of await forgedTokens(internal())) {
        const { status, body } = await postGraphQL(url(), { query: entities }, { authorization: `Bearer ${token}` });
        expect([forgery, status, body.data]).toEqual([forgery, 401, undefined]);
      }
    });
  },
);
