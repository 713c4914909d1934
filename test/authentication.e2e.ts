import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SignJWT } from 'jose';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { createTestIdentityProvider, type TestIdentityProvider } from './fixtures/testIdentityProvider.ts';

let hub: TestHub;
/** An identity provider the gateway does not trust. */
let stranger: TestIdentityProvider;
beforeAll(async () => {
  hub = await startTestHub();
  stranger = await createTestIdentityProvider('stranger-idp');
});
afterAll(async () => {
  await hub?.stop();
  await stranger?.dispose();
});

const query = { query: '{ person(nationalId: "TS0000001") { nationalId familyName } }' };

describe('the gateway admits only valid tokens from trusted issuers', () => {
  test('a valid token gets the data (the control for every refusal below)', async () => {
    const { status, body } = await hub.query(query);
    expect(status).toBe(200);
    expect(body.data?.person).toMatchObject({ nationalId: 'TS0000001' });
  });

  const refusals: [string, () => Promise<string | null>][] = [
    ['no token', async () => null],
    ['a token that is not a JWT', async () => 'not-a-token'],
    ['an expired token', () => hub.idp.token({}, { expiresIn: -60 })],
    ['a token not yet valid', () => hub.idp.token({}, { notBefore: 300 })],
    ['a token from an unlisted issuer', () => stranger.token()],
    [
      'a token claiming a trusted issuer but signed with another key',
      () => stranger.token({}, { issuer: hub.idp.issuer.issuer }),
    ],
    ['a token for another audience', () => hub.idp.token({}, { audience: 'some-other-hub' })],
    ['a token whose agency is unknown', () => hub.idp.token({ agency: 'fbi' })],
    ['a token with no roles', () => hub.idp.token({ roles: [] })],
    ['a token with an unknown clearance', () => hub.idp.token({ clearance: 'TOP-SECRET-ISH' })],
    [
      'a token with a disallowed algorithm (HS256)',
      () =>
        new SignJWT({ agency: 'police', roles: ['investigator'], clearance: 'SECRET', privileges: [] })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(hub.idp.issuer.issuer)
          .setAudience(hub.idp.issuer.audience)
          .setSubject('forger')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a-shared-secret-that-nobody-configured')),
    ],
  ];

  test.each(refusals)('%s gets 401 UNAUTHENTICATED and no data', async (_, makeToken) => {
    const token = await makeToken();
    const { status, body } = await hub.query(query, { token });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(body)).not.toContain('TS0000001');
  });

  test('a bearer token in a malformed header gets 401', async () => {
    const { status, body } = await hub.query(query, { token: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('purpose and justification', () => {
  test('a purpose outside the vocabulary is refused before anything runs', async () => {
    const { status, body } = await hub.query(query, { headers: { 'x-purpose': 'curiosity' } });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });

  test('an over-long justification is refused', async () => {
    const { status, body } = await hub.query(query, { headers: { 'x-justification': 'x'.repeat(501) } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
