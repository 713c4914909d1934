import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { describe, expect, onTestFinished, test } from 'vitest';
import { keySetFile } from '../src/index.ts';

async function key(kid: string) {
  const pair = await generateKeyPair('EdDSA', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'EdDSA' };
  const sign = () => new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid }).setIssuedAt().sign(pair.privateKey);
  return { publicJwk, sign };
}

describe('a key set read from its file', () => {
  test('trusts a key added to the file at once, and stops trusting one removed from it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tessera-keyset-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, 'keys.jwks.json');
    const publish = async (...keys: JWK[]) => {
      await writeFile(`${file}.tmp`, JSON.stringify({ keys }));
      await rename(`${file}.tmp`, file);
    };
    const [current, next] = await Promise.all([key('current'), key('next')]);
    await publish(current.publicJwk);
    const keys = keySetFile(file);
    const verifies = async (token: string) =>
      jwtVerify(token, keys).then(
        () => true,
        () => false,
      );
    expect(await verifies(await current.sign())).toBe(true);
    expect(await verifies(await next.sign())).toBe(false);

    await publish(current.publicJwk, next.publicJwk);
    expect(await verifies(await next.sign())).toBe(true);

    await publish(next.publicJwk);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await verifies(await current.sign())).toBe(false);
    expect(await verifies(await next.sign())).toBe(true);
  });
});
