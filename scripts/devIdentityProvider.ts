import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Agency, Clearance, Privilege, Role } from '@tessera/policies';

/** The demo's identity provider: trusted by the gateway only when the hub runs as the demo. */
export const devIssuer = 'https://idp.tessera.invalid/demo';
export const hubAudience = 'tessera-hub';
const algorithm = 'ES256';

export interface DevIdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksFile: string;
  readonly privateKey: JWK;
}

/** Loads the demo IdP's key from `folder`, generating it on first use; the folder is git-ignored. */
export async function ensureDevIdentityProvider(folder: string): Promise<DevIdentityProvider> {
  const privateFile = join(folder, 'private.jwk');
  const jwksFile = join(folder, 'jwks.json');
  try {
    const privateKey = JSON.parse(await readFile(privateFile, 'utf8')) as JWK;
    return { issuer: devIssuer, audience: hubAudience, jwksFile, privateKey };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = await generateKeyPair(algorithm, { extractable: true });
  const kid = `demo-${Date.now().toString(36)}`;
  const privateKey = { ...(await exportJWK(pair.privateKey)), kid, alg: algorithm };
  const publicKey = { ...(await exportJWK(pair.publicKey)), kid, alg: algorithm, use: 'sig' };
  await mkdir(folder, { recursive: true });
  await writeFile(privateFile, JSON.stringify(privateKey), { mode: 0o600 });
  await chmod(privateFile, 0o600);
  await writeFile(jwksFile, JSON.stringify({ keys: [publicKey] }));
  return { issuer: devIssuer, audience: hubAudience, jwksFile, privateKey };
}

export interface TokenRequest {
  readonly subject: string;
  readonly agency: Agency;
  readonly roles: readonly Role[];
  readonly clearance: Clearance;
  readonly privileges: readonly Privilege[];
  readonly ttlSeconds: number;
}

/** Signs a partner token as the agency's own identity provider would. */
export async function issueToken(idp: DevIdentityProvider, request: TokenRequest): Promise<string> {
  const key = await importJWK(idp.privateKey, algorithm);
  return new SignJWT({
    agency: request.agency,
    roles: [...request.roles],
    clearance: request.clearance,
    privileges: [...request.privileges],
  })
    .setProtectedHeader({ alg: algorithm, kid: idp.privateKey.kid as string, typ: 'JWT' })
    .setIssuer(idp.issuer)
    .setAudience(idp.audience)
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`)
    .sign(key);
}
