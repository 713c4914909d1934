import { readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TrustedIssuer } from '@tessera/gateway';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { createTestIdentityProvider, type TestIdentityProvider } from './fixtures/testIdentityProvider.ts';

/** An identity provider on loopback that publishes OpenID Connect discovery and its key set. */
async function startDiscoverableIdp() {
  let keys: { kid: string; privateKey: CryptoKey; publicJwk: JWK }[] = [];
  let jwksFetches = 0;
  const server: Server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (request.url === '/jwks') {
      jwksFetches++;
      response.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const newKey = async (kid: string) => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    return { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256' } };
  };
  keys = [await newKey('k1')];
  return {
    issuer,
    jwksFetches: () => jwksFetches,
    /** Publishes a new key in place of the old ones, as an IdP rotating its signing key does. */
    async rotate(kid: string) {
      keys = [await newKey(kid)];
    },
    signedBy(kid: string) {
      const key = keys.find((candidate) => candidate.kid === kid);
      return async (claims: Record<string, unknown>, signWith = key?.privateKey) => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256', kid })
          .setIssuer(issuer)
          .setAudience('tessera-hub')
          .setSubject('auditor-1')
          .setIssuedAt(now)
          .setExpirationTime(now + 600)
          .sign(signWith!);
      };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let hub: TestHub;
let policeIdp: TestIdentityProvider;
let customsIdp: TestIdentityProvider;
let probationIdp: TestIdentityProvider;
let oversightIdp: Awaited<ReturnType<typeof startDiscoverableIdp>>;
beforeAll(async () => {
  policeIdp = await createTestIdentityProvider('police-idp', ['police']);
  customsIdp = await createTestIdentityProvider('customs-idp', ['customs']);
  // Named as a Keycloak realm names them; its tokens carry no agency claim at all.
  probationIdp = await createTestIdentityProvider('probation-idp', ['probation'], {
    roles: 'realm_access.roles',
    clearance: 'clr',
    privileges: 'attributes.privileges',
  });
  oversightIdp = await startDiscoverableIdp();
  const trusted: TrustedIssuer[] = [
    policeIdp.issuer,
    customsIdp.issuer,
    probationIdp.issuer,
    { issuer: oversightIdp.issuer, audience: 'tessera-hub', agencies: ['oversight'], discovery: true },
  ];
  hub = await startTestHub({
    gateway: { trustedIssuers: trusted, jwks: { cooldownSeconds: 1, cacheSeconds: 600 } },
  });
});
afterAll(async () => {
  await hub?.stop();
  await oversightIdp?.stop();
  for (const idp of [policeIdp, customsIdp, probationIdp]) await idp?.dispose();
});

const personQuery = { query: '{ person(nationalId: "TS0000001") { familyName } }' };
const ask = (token: string, purpose: string, request = personQuery) =>
  hub.query(request, { token, headers: { 'x-purpose': purpose } });
const officer = (agency: string) => ({ sub: `${agency}-officer`, agency, roles: ['officer'], clearance: 'OFFICIAL' });

describe('each issuer speaks only for the agencies it vouches for', () => {
  test('an agency’s IdP is believed for its own agency', async () => {
    expect((await ask(await policeIdp.token(officer('police')), 'criminal-investigation')).status).toBe(200);
    expect((await ask(await customsIdp.token(officer('customs')), 'border-control')).status).toBe(200);
  });

  test.each([
    ['police', 'customs'],
    ['police', 'oversight'],
    ['customs', 'police'],
    ['customs', 'probation'],
  ])('the %s IdP speaking for %s is refused with 401', async (idpAgency, claimed) => {
    const idp = idpAgency === 'police' ? policeIdp : customsIdp;
    const token = await idp.token({ ...officer(claimed), roles: claimed === 'oversight' ? ['auditor'] : ['officer'] });
    const { status, body } = await ask(token, claimed === 'oversight' ? 'oversight-audit' : 'criminal-investigation');
    expect(status).toBe(401);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(body.data).toBeUndefined();
  });
});

describe('a local key file', () => {
  test('is read again when the IdP rotates its key into it: no restart', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const file = policeIdp.issuer.jwksFile!;
    const { keys } = JSON.parse(await readFile(file, 'utf8')) as { keys: JWK[] };
    await writeFile(
      `${file}.next`,
      JSON.stringify({ keys: [...keys, { ...(await exportJWK(publicKey)), kid: 'police-idp-2', alg: 'ES256' }] }),
    );
    await rename(`${file}.next`, file);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT(officer('police'))
      .setProtectedHeader({ alg: 'ES256', kid: 'police-idp-2' })
      .setIssuer(policeIdp.issuer.issuer)
      .setAudience('tessera-hub')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    expect((await ask(token, 'criminal-investigation')).status).toBe(200);
  });
});

describe('claims are read where each issuer puts them', () => {
  test('a token with nested role and privilege claims and no agency claim', async () => {
    const token = await probationIdp.token({
      sub: 'om-1',
      agency: undefined,
      roles: undefined,
      clearance: undefined,
      privileges: undefined,
      realm_access: { roles: ['officer'] },
      clr: 'OFFICIAL',
      attributes: { privileges: ['sworn'] },
    } as Record<string, unknown>);
    const { status, body } = await ask(token, 'offender-management');
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { familyName: expect.any(String) } });
  });

  test('the same issuer naming another agency in an agency claim is refused', async () => {
    const token = await probationIdp.token({
      sub: 'om-1',
      agency: 'police',
      realm_access: { roles: ['officer'] },
      clr: 'OFFICIAL',
    } as Record<string, unknown>);
    expect((await ask(token, 'criminal-investigation')).status).toBe(401);
  });
});

describe('OpenID Connect discovery and key rotation', () => {
  const integrity = { query: '{ auditIntegrity { ok } }' };
  const auditor = { agency: 'oversight', roles: ['auditor'], clearance: 'SECRET', privileges: [] };

  test('keys are found by discovery, refreshed when the IdP rotates, and the old key stops working', async () => {
    const beforeRotation = await oversightIdp.signedBy('k1')(auditor);
    expect((await ask(beforeRotation, 'oversight-audit', integrity)).status).toBe(200);
    await oversightIdp.rotate('k2');
    // The refresh waits out the cooldown since the last fetch.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const afterRotation = await oversightIdp.signedBy('k2')(auditor);
    expect((await ask(afterRotation, 'oversight-audit', integrity)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await ask(beforeRotation, 'oversight-audit', integrity)).status).toBe(401);
  });

  test('a flood of unknown key ids fetches the key set at most once per cooldown', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = oversightIdp.jwksFetches();
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await Promise.all(
      Array.from({ length: 30 }, (_, n) => oversightIdp.signedBy(`unknown-${n}`)(auditor, privateKey)),
    );
    const answers = await Promise.all(forged.map((token) => ask(token, 'oversight-audit', integrity)));
    expect(answers.every((answer) => answer.status === 401)).toBe(true);
    expect(oversightIdp.jwksFetches() - before).toBeLessThanOrEqual(1);
  });
});
