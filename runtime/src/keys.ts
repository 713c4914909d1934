import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import { ConfigurationError, reasonOf } from './envReader.ts';

/** Every key the hub makes is Ed25519: internal tokens and audit checkpoints alike. */
export const keyAlgorithm = 'EdDSA';

/** A private key and the id under which verifiers find its public half. */
export interface KeyInUse {
  readonly kid: string;
  readonly key: CryptoKey | KeyObject | Uint8Array;
}

/**
 * A process reads its keys at its start, so a key file it cannot read or use is its operator's to mend: a
 * ConfigurationError naming the file and why, not a stack.
 */
function keyFileError(file: string, error: unknown): ConfigurationError {
  return new ConfigurationError(
    `Cannot use the key file ${file}: ${reasonOf(error)}. \`pnpm keys\` makes a deployment's keys (see Deploying).`,
  );
}

/** Reads a key file's JSON and makes of it what `use` makes, or fails with `keyFileError`. */
async function fromKeyFile<T>(file: string, use: (jwk: JWK) => T | Promise<T>): Promise<T> {
  try {
    return await use(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    throw keyFileError(file, error);
  }
}

/** The `kid` a key must name: every signature, and every sealed reference, carries it. */
function kidOf(jwk: JWK): string {
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new Error('the key has no kid');
  return jwk.kid;
}

/** Reads a private JWK file; the key must name its `kid`, which every signature then carries. */
export function readPrivateKey(file: string): Promise<KeyInUse> {
  return fromKeyFile(file, async (jwk) => {
    return { kid: kidOf(jwk), key: await importJWK(jwk, keyAlgorithm) };
  });
}

/** Reads a JWKS file of public keys: every key a log's checkpoints were ever signed with. */
export function readKeySet(file: string): Promise<JSONWebKeySet> {
  return fromKeyFile(file, (json) => json as unknown as JSONWebKeySet);
}

/** How often the file is looked at (a stat) in the ordinary course: a retired key is dropped this fast. */
const checkEveryMs = 1000;

/**
 * The public keys in a JWKS file, for verifying as the file says now: the file is read again whenever it
 * has changed, looked at when a token names a key id the set does not hold (a key added for a rotation
 * is trusted at once) and at least every second (a key removed stops being trusted). An unknown key id
 * costs a stat, never a read of an unchanged file.
 */
export function keySetFile(file: string): JWTVerifyGetKey {
  let version = '';
  let checkedAt = 0;
  let keys: JWTVerifyGetKey = () => {
    throw new Error('no keys');
  };
  const refresh = () => {
    const stat = statSync(file);
    checkedAt = Date.now();
    const current = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (current === version) return;
    keys = createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet);
    version = current;
  };
  try {
    refresh();
  } catch (error) {
    throw keyFileError(file, error);
  }
  return async (header, token) => {
    if (Date.now() - checkedAt > checkEveryMs) refresh();
    try {
      return await keys(header, token);
    } catch {
      refresh();
      return keys(header, token);
    }
  };
}

/** A secret key (AES-256) and its id: what seals a hit's reference, which only its owner opens. */
export interface SecretKey {
  readonly kid: string;
  readonly key: Uint8Array;
}

/** Reads a secret JWK file (`kty: oct`, 256 bits, with a `kid`). */
export function readSecretKey(file: string): Promise<SecretKey> {
  return fromKeyFile(file, (jwk) => {
    if (jwk.kty !== 'oct' || typeof jwk.k !== 'string') throw new Error('not a secret key');
    const kid = kidOf(jwk);
    const key = Buffer.from(jwk.k, 'base64url');
    if (key.length !== 32) throw new Error('a reference key has 256 bits');
    return { kid, key: new Uint8Array(key) };
  });
}
