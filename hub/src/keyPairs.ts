import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { keyAlgorithm, readPrivateKey, type KeyInUse } from '@tessera/runtime';

/**
 * One named key of a deployment, in a private folder: `<name>.jwk`, the current private key (for the
 * signer: the gateway's internal tokens, a log's checkpoints), and `<name>.jwks.json`, the public keys
 * verifiers trust, each under its `kid`. Rotation adds to the public set; nothing is lost on restart.
 */
export interface KeyPair {
  readonly privateKeyFile: string;
  readonly jwksFile: string;
  readonly current: KeyInUse;
  readonly publicKeys: JSONWebKeySet;
}

const files = (folder: string, name: string) => ({
  privateKeyFile: join(folder, `${name}.jwk`),
  jwksFile: join(folder, `${name}.jwks.json`),
});

/** The named key, made on first use and read as it is thereafter: a restart keeps every key. */
export async function ensureKeyPair(folder: string, name: string): Promise<KeyPair> {
  const { privateKeyFile, jwksFile } = files(folder, name);
  const [privateJwk, publicKeys] = await Promise.all([
    readJson<JWK>(privateKeyFile),
    readJson<JSONWebKeySet>(jwksFile),
  ]);
  // A key without an id (or without its public set) cannot be rotated from: a new one replaces it.
  if (!privateJwk?.kid || !publicKeys) return rotateKeyPair(folder, name);
  return { privateKeyFile, jwksFile, current: await readPrivateKey(privateKeyFile), publicKeys };
}

/**
 * A new current key: its public half joins the published set first, then the private file is replaced,
 * so a verifier never meets a signature it cannot find a key for. Old public keys stay in the set.
 */
export async function rotateKeyPair(folder: string, name: string): Promise<KeyPair> {
  const { privateKeyFile, jwksFile } = files(folder, name);
  const { privateKey, publicKey } = await generateKeyPair(keyAlgorithm, { extractable: true });
  const kid = `${name}-${randomUUID().slice(0, 8)}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: keyAlgorithm, use: 'sig' };
  const known = (await readJson<JSONWebKeySet>(jwksFile)) ?? { keys: [] };
  const publicKeys = { keys: [...known.keys, publicJwk] };
  await writeAtomically(jwksFile, JSON.stringify(publicKeys, null, 2), 0o644);
  await writeAtomically(
    privateKeyFile,
    JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: keyAlgorithm }),
    0o600,
  );
  return { privateKeyFile, jwksFile, current: { kid, key: privateKey }, publicKeys };
}

/** Stops trusting a key: for the internal-token key once no token it signed can still be valid. */
export async function retireKey(folder: string, name: string, kid: string): Promise<void> {
  const { jwksFile } = files(folder, name);
  const known = (await readJson<JSONWebKeySet>(jwksFile)) ?? { keys: [] };
  await writeAtomically(
    jwksFile,
    JSON.stringify({ keys: known.keys.filter((key) => key.kid !== kid) }, null, 2),
    0o644,
  );
}

/** A JSON file's content, or undefined when there is no such file. */
async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A reader sees the old file or the new one, never half of one. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, file);
}

/** A named secret key (`<name>.jwk`, 256 bits), made on first use and kept: a hit reference's seal. */
export async function ensureSecretKey(folder: string, name: string): Promise<{ file: string; made: boolean }> {
  const file = join(folder, `${name}.jwk`);
  if (await readJson<JWK>(file)) return { file, made: false };
  const jwk = {
    kty: 'oct',
    k: randomBytes(32).toString('base64url'),
    kid: `${name}-${randomUUID().slice(0, 8)}`,
    alg: 'dir',
  };
  await writeAtomically(file, JSON.stringify(jwk), 0o600);
  return { file, made: true };
}
