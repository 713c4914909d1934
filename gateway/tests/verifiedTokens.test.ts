import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createLogger } from '@tessera/runtime';
import { createAuthenticator } from '../src/auth/createAuthenticator.ts';

// A partner's verified token is remembered, and must still be refused the moment full verification would
// refuse it: once its key leaves the issuer's set or is replaced under the same id, and once it is too
// old by any of its clock rules.

const folder = await mkdtemp(join(tmpdir(), 'tessera-verified-tokens-'));
const jwksFile = join(folder, 'jwks.json');
const issuer = 'https://police-idp.test';

async function publish(...keys: { kid: string; publicKey: CryptoKey }[]) {
  const jwks = {
    keys: await Promise.all(
      keys.map(async (key) => ({ ...(await exportJWK(key.publicKey)), kid: key.kid, alg: 'ES256' })),
    ),
  };
  await writeFile(`${jwksFile}.next`, JSON.stringify(jwks));
  await rename(`${jwksFile}.next`, jwksFile);
}

const first = { kid: 'police-1', ...(await generateKeyPair('ES256', { extractable: true })) };
const second = { kid: 'police-2', ...(await generateKeyPair('ES256', { extractable: true })) };
await publish(first, second);
const authenticate = createAuthenticator(
  [{ issuer, audience: 'tessera-hub', agencies: ['police'], jwksFile }],
  ['ES256'],
  { cooldownSeconds: 1, cacheSeconds: 60 },
  createLogger('test', 'silent'),
);

const officer = { agency: 'police', roles: ['officer'], clearance: 'OFFICIAL', privileges: [] };
/** The request each check belongs to, as the log names it. */
const requestId = '0'.repeat(31) + '1';
async function token(signer: typeof first, lifetimeSeconds = 600, kid = signer.kid) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(officer)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(issuer)
    .setSubject('officer-1')
    .setAudience('tessera-hub')
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(signer.privateKey);
}
const accepted = async (bearer: string) =>
  authenticate(`Bearer ${bearer}`, requestId).then(
    () => true,
    () => false,
  );
// The key file is looked at again at most every second: the tests move the clock past that.
const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
});
// The clock only moves forward, as the key file's own schedule expects.
afterEach(async () => {
  await publish(first, second);
  later(1.1);
});
afterAll(async () => {
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

test('a token is accepted again and again while nothing about it changes (the control)', async () => {
  const bearer = await token(first);
  for (let use = 0; use < 3; use++) expect(await accepted(bearer)).toBe(true);
  later(300);
  expect(await accepted(bearer)).toBe(true);
});

test('a token whose key leaves the issuer’s set is refused, though it was accepted before', async () => {
  const bearer = await token(first);
  expect(await accepted(bearer)).toBe(true);
  await publish(second);
  later(1.1);
  expect(await accepted(bearer)).toBe(false);
});

test('a token whose key id now names another key is refused', async () => {
  const bearer = await token(first);
  expect(await accepted(bearer)).toBe(true);
  await publish({ ...second, kid: first.kid });
  later(1.1);
  expect(await accepted(bearer)).toBe(false);
});

test('a token is refused once expired (past the clock tolerance), though it was accepted before', async () => {
  const bearer = await token(first, 60);
  expect(await accepted(bearer)).toBe(true);
  later(64);
  expect(await accepted(bearer)).toBe(true);
  later(2);
  expect(await accepted(bearer)).toBe(false);
});

test('a token is refused once older than twelve hours, whatever its expiry', async () => {
  const bearer = await token(first, 48 * 3600);
  expect(await accepted(bearer)).toBe(true);
  later(12 * 3600 + 6);
  expect(await accepted(bearer)).toBe(false);
});

test('a token signed by another key under a published key id is refused, before and after a valid one', async () => {
  const genuine = await token(first);
  const forged = await token(second, 600, first.kid);
  expect(await accepted(forged)).toBe(false);
  expect(await accepted(genuine)).toBe(true);
  expect(await accepted(forged)).toBe(false);
});

test('the principal a remembered token gives cannot be changed by one request for the next', async () => {
  const bearer = await token(first);
  const principal = await authenticate(`Bearer ${bearer}`, requestId);
  expect(() => (principal.roles as string[]).push('auditor')).toThrow(TypeError);
  expect(() => Object.assign(principal, { clearance: 'SECRET' })).toThrow(TypeError);
  expect(await authenticate(`Bearer ${bearer}`, requestId)).toMatchObject({
    roles: ['officer'],
    clearance: 'OFFICIAL',
  });
});
