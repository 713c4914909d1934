import { decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { codedError, principalFromClaims, type Principal, type PrincipalClaims } from '@tessera/policies';
import type { Logger } from '@tessera/runtime';
import { issuerKeys, type KeySetPolicy } from './issuerKeys.ts';
import { principalClaims, type TrustedIssuer } from './trustedIssuer.ts';
import { verifiedTokens } from './verifiedTokens.ts';

/** Who the bearer token says is asking; `requestId` names the request in the log line of a refusal. */
export type Authenticate = (authorization: string | undefined, requestId: string) => Promise<Principal>;

/** How old a partner token may be: a token is meant for a working session, not for a week. */
const maxTokenAgeSeconds = 12 * 60 * 60;
/** Leeway for clocks that disagree by a few seconds between an agency's IdP and the hub. */
const clockToleranceSeconds = 5;
/** Partners' sessions remembered at once: each entry is a token and its principal, about 2 KB. */
const rememberedTokens = 10_000;
/** Far above any real token; a larger one is refused before it is parsed. */
export const maxTokenLength = 8192;

/**
 * Verifies a partner's bearer token: from a trusted issuer, signed by one of that issuer's keys with
 * an allowed algorithm, for this hub's audience, within its validity, with a principal the hub knows,
 * of an agency that issuer vouches for. Every failure reads the same to the client; the reason goes to
 * the log.
 */
export function createAuthenticator(
  issuers: readonly TrustedIssuer[],
  algorithms: readonly string[],
  keySetPolicy: KeySetPolicy,
  logger: Logger,
): Authenticate {
  const keySets = new Map<string, { issuer: TrustedIssuer; keys: JWTVerifyGetKey }>(
    issuers.map((issuer) => [issuer.issuer, { issuer, keys: issuerKeys(issuer, keySetPolicy) }]),
  );
  const verified = verifiedTokens<Principal>(rememberedTokens, {
    maxAgeSeconds: maxTokenAgeSeconds,
    toleranceSeconds: clockToleranceSeconds,
  });
  return async (authorization, requestId) => {
    const refuse = (reason: string, message = 'The bearer token was not accepted.') => {
      logger.info({ reason, requestId }, 'authentication refused');
      return codedError('UNAUTHENTICATED', message, { refuseRequest: true });
    };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw refuse('no bearer token', 'A bearer token from your agency is required.');
    const token = match[1];
    if (token.length > maxTokenLength) throw refuse('oversized token');
    let claimedIssuer: unknown;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch {
      throw refuse('malformed token');
    }
    // The issuer is read unverified only to pick its keys; jwtVerify then checks it against them.
    const trusted = typeof claimedIssuer === 'string' ? keySets.get(claimedIssuer) : undefined;
    if (!trusted) throw refuse('untrusted issuer');
    const remembered = await verified.recall(token, trusted.keys);
    if (remembered) return remembered;
    let verification;
    try {
      verification = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer.issuer,
        audience: trusted.issuer.audience,
        algorithms: [...algorithms],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: maxTokenAgeSeconds,
        clockTolerance: clockToleranceSeconds,
      });
    } catch (error) {
      throw refuse((error as Error).message);
    }
    const { payload } = verification;
    // A token for several audiences could be replayed by any of them: this hub takes only its own.
    if (typeof payload.aud !== 'string') throw refuse('audience is not a single string');
    const read = principalFromClaims(claimsOf(payload, trusted.issuer));
    if (!read.ok) throw refuse(read.problems.join('; '));
    if (!trusted.issuer.agencies.includes(read.principal.agency))
      throw refuse(`${trusted.issuer.issuer} does not vouch for agency ${read.principal.agency}`);
    // One principal serves every request of the token's session: frozen, so no request can change it for the next.
    const principal = Object.freeze({
      ...read.principal,
      roles: Object.freeze([...read.principal.roles]),
      privileges: Object.freeze([...read.principal.privileges]),
    });
    verified.remember(token, verification, principal);
    return principal;
  };
}

/** The principal's claims, read where this issuer puts them. */
function claimsOf(payload: JWTPayload, issuer: TrustedIssuer): PrincipalClaims {
  const claims: Record<string, unknown> = { iss: payload.iss, sub: payload.sub };
  for (const name of principalClaims) claims[name] = claimAt(payload, issuer.claims?.[name] ?? name);
  // An agency's own IdP need not say which agency its people belong to.
  if (claims.agency === undefined && issuer.agencies.length === 1) claims.agency = issuer.agencies[0];
  return claims;
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}
