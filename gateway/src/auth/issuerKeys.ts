import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { keySetFile } from '@tessera/runtime';
import type { TrustedIssuer } from './trustedIssuer.ts';

/** How the key sets of remote issuers are fetched: bounded in time and in how often. */
export interface KeySetPolicy {
  readonly cooldownSeconds: number;
  readonly cacheSeconds: number;
}

const fetchTimeoutMs = 5000;

/**
 * The keys that verify an issuer's tokens: a local JWKS file, a published JWKS, or one found by OpenID
 * Connect discovery. A published set is cached, fetched again when a token names a key id it does not
 * hold (a rotation), but never more often than the cooldown, whatever key ids an attacker invents.
 */
export function issuerKeys(issuer: TrustedIssuer, policy: KeySetPolicy): JWTVerifyGetKey {
  // A local file is read again whenever it changes, so a partner's key rotation needs no restart.
  if (issuer.jwksFile) return keySetFile(issuer.jwksFile);
  const remote = (url: string) =>
    createRemoteJWKSet(new URL(url), {
      cooldownDuration: policy.cooldownSeconds * 1000,
      cacheMaxAge: policy.cacheSeconds * 1000,
      timeoutDuration: fetchTimeoutMs,
    });
  if (issuer.jwksUrl) return remote(issuer.jwksUrl);
  let discovered: Promise<JWTVerifyGetKey> | undefined;
  let retryAfter = 0;
  return async (header, token) => {
    if (!discovered) {
      // A failed discovery is tried again, but no sooner than the cooldown.
      if (Date.now() < retryAfter) throw new Error('OpenID Connect discovery failed recently');
      discovered = discoverJwksUri(issuer.issuer).then(remote);
      discovered.catch(() => {
        discovered = undefined;
        retryAfter = Date.now() + policy.cooldownSeconds * 1000;
      });
    }
    return (await discovered)(header, token);
  };
}

/** Reads `jwks_uri` from the issuer's discovery document, which must name the issuer itself. */
async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(fetchTimeoutMs), redirect: 'error' });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error('the discovery document names another issuer');
  if (typeof document.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
  const jwksUri = new URL(document.jwks_uri);
  if (jwksUri.protocol !== 'https:' && jwksUri.origin !== new URL(issuer).origin)
    throw new Error('jwks_uri must be https, or on the issuer itself');
  return jwksUri.href;
}
