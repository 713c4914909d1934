import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { agencies, type Agency, type Clearance, type Privilege, type Role } from '@tessera/policies';

/** The demo's identity providers, one per agency: trusted by the gateway only when the hub runs as the demo. */
export const devIssuerOf = (agency: Agency) => `https://idp.tessera.invalid/${agency}`;
export const hubAudience = 'tessera-hub';
const algorithm = 'ES256';

/** Each agency's demo IdP: its own key, vouching for its own agency alone, as in production. */
/** One demo IdP as the gateway's TRUSTED_ISSUERS names it. */
export interface DevIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly agencies: readonly Agency[];
  readonly jwksFile: string;
}

export interface DevIdentityProvider {
  /** What the gateway is told to trust. */
  readonly trustedIssuers: readonly DevIssuer[];
  readonly privateKeys: Readonly<Record<Agency, JWK>>;
}

/** Loads each agency's demo IdP key from `folder`, generating it on first use; the folder is git-ignored. */
export async function ensureDevIdentityProvider(folder: string): Promise<DevIdentityProvider> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const keys = await Promise.all(agencies.map((agency) => ensureAgencyKey(folder, agency)));
  return {
    trustedIssuers: keys.map(({ agency, jwksFile }) => ({
      issuer: devIssuerOf(agency),
      audience: hubAudience,
      agencies: [agency],
      jwksFile,
    })),
    privateKeys: Object.fromEntries(keys.map(({ agency, privateKey }) => [agency, privateKey])) as Record<Agency, JWK>,
  };
}

async function ensureAgencyKey(folder: string, agency: Agency) {
  const privateFile = join(folder, `${agency}.private.jwk`);
  const jwksFile = join(folder, `${agency}.jwks.json`);
  try {
    return { agency, jwksFile, privateKey: JSON.parse(await readFile(privateFile, 'utf8')) as JWK };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = await generateKeyPair(algorithm, { extractable: true });
  const kid = `demo-${agency}-${Date.now().toString(36)}`;
  const privateKey = { ...(await exportJWK(pair.privateKey)), kid, alg: algorithm };
  const publicKey = { ...(await exportJWK(pair.publicKey)), kid, alg: algorithm, use: 'sig' };
  await writeFile(privateFile, JSON.stringify(privateKey), { mode: 0o600 });
  await chmod(privateFile, 0o600);
  await writeFile(jwksFile, JSON.stringify({ keys: [publicKey] }));
  return { agency, jwksFile, privateKey };
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
  const privateKey = idp.privateKeys[request.agency];
  const key = await importJWK(privateKey, algorithm);
  return new SignJWT({
    agency: request.agency,
    roles: [...request.roles],
    clearance: request.clearance,
    privileges: [...request.privileges],
  })
    .setProtectedHeader({ alg: algorithm, kid: privateKey.kid as string, typ: 'JWT' })
    .setIssuer(devIssuerOf(request.agency))
    .setAudience(hubAudience)
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`)
    .sign(key);
}
