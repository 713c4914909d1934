import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { codedError, principalFromClaims, type Principal } from '@tessera/policies';
import type { Logger } from '@tessera/subgraph-kit';
import { readJsonFile, type TrustedIssuer } from '../config.ts';

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/** How old a partner token may be: a token is meant for a working session, not for a week. */
const maxTokenAge = '12h';
/** Leeway for clocks that disagree by a few seconds between an agency's IdP and the hub. */
const clockToleranceSeconds = 5;
/** Far above any real token; a larger one is refused before it is parsed. */
export const maxTokenLength = 8192;

/**
 * Verifies a partner's bearer token: from a trusted issuer, signed by one of that issuer's keys with
 * an allowed algorithm, for this hub's audience, within its validity, with a principal the hub knows.
 * Every failure reads the same to the client; the reason goes to the log.
 */
export function createAuthenticator(
  issuers: readonly TrustedIssuer[],
  algorithms: readonly string[],
  logger: Logger,
): Authenticate {
  const keySets = new Map<string, { issuer: TrustedIssuer; keys: JWTVerifyGetKey }>(
    issuers.map((issuer) => [
      issuer.issuer,
      {
        issuer,
        keys: issuer.jwksUrl
          ? createRemoteJWKSet(new URL(issuer.jwksUrl))
          : createLocalJWKSet(readJsonFile(issuer.jwksFile as string) as JSONWebKeySet),
      },
    ]),
  );
  const refuse = (reason: string, message = 'The bearer token was not accepted.') => {
    logger.info({ reason }, 'authentication refused');
    return codedError('UNAUTHENTICATED', message, { refuseRequest: true });
  };
  return async (authorization) => {
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
    let payload;
    try {
      ({ payload } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer.issuer,
        audience: trusted.issuer.audience,
        algorithms: [...algorithms],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge,
        clockTolerance: clockToleranceSeconds,
      }));
    } catch (error) {
      throw refuse((error as Error).message);
    }
    // A token for several audiences could be replayed by any of them: this hub takes only its own.
    if (typeof payload.aud !== 'string') throw refuse('audience is not a single string');
    const read = principalFromClaims(payload);
    if (!read.ok) throw refuse(read.problems.join('; '));
    return read.principal;
  };
}
