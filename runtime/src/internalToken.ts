import { jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { KeyInUse } from './keys.ts';
import {
  isOneOf,
  principalFromClaims,
  claimsOfPrincipal,
  purposes,
  type Principal,
  type Purpose,
} from '@tessera/policies';

/** The issuer of every internal token: only the hub's gateway signs them. */
export const internalIssuer = 'tessera-gateway';
/** Internal tokens carry their own type, so that no other token of the same key can be replayed as one. */
const internalTokenType = 'tessera-internal+jwt';
export const internalAlgorithm = 'EdDSA';
/** Long enough for one federated request, short enough that a leaked token is soon worthless. */
export const internalTokenLifetimeSeconds = 30;

/** Far above any internal token (a principal and a justification); a larger one is refused unparsed. */
const maxInternalTokenLength = 4096;

/** What a subgraph learns about the request it serves, from the gateway's internal token. */
export interface RequestIdentity {
  readonly principal: Principal;
  readonly purpose: Purpose | null;
  readonly justification: string | null;
  readonly requestId: string;
}

/** The audience of a subgraph's internal tokens: a token for one subgraph is refused by the others. */
export function internalAudience(subgraph: string): string {
  return `tessera:${subgraph}`;
}

/** Signs the token the gateway sends with one subgraph request. */
export async function mintInternalToken(
  identity: RequestIdentity,
  subgraph: string,
  signingKey: KeyInUse,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    principal: { issuer: identity.principal.issuer, ...claimsOfPrincipal(identity.principal) },
    purpose: identity.purpose,
    justification: identity.justification,
    rid: identity.requestId,
  })
    .setProtectedHeader({ alg: internalAlgorithm, typ: internalTokenType, kid: signingKey.kid })
    .setIssuer(internalIssuer)
    .setSubject(identity.principal.subject)
    .setAudience(internalAudience(subgraph))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + internalTokenLifetimeSeconds)
    .sign(signingKey.key);
}

/**
 * Verifies an internal token for this subgraph and reads the request identity from it. Throws on
 * anything else: a partner's own token, a token for another subgraph, an expired one, a bad claim.
 */
export async function verifyInternalToken(
  token: string,
  subgraph: string,
  gatewayKeys: JWTVerifyGetKey,
): Promise<RequestIdentity> {
  if (token.length > maxInternalTokenLength) throw new Error('oversized internal token');
  const { payload } = await jwtVerify(token, gatewayKeys, {
    issuer: internalIssuer,
    audience: internalAudience(subgraph),
    algorithms: [internalAlgorithm],
    typ: internalTokenType,
    maxTokenAge: `${internalTokenLifetimeSeconds * 2}s`,
    requiredClaims: ['exp', 'iat', 'sub', 'rid'],
  });
  if (typeof payload.aud !== 'string') throw new Error('internal token audience is not a single string');
  const claims = typeof payload.principal === 'object' && payload.principal !== null ? payload.principal : {};
  const read = principalFromClaims({ ...claims, sub: payload.sub, iss: (claims as { issuer?: unknown }).issuer });
  if (!read.ok) throw new Error(`internal token principal: ${read.problems.join('; ')}`);
  if (payload.purpose !== null && !isOneOf(purposes, payload.purpose)) throw new Error('internal token purpose');
  if (payload.justification !== null && typeof payload.justification !== 'string') {
    throw new Error('internal token justification');
  }
  if (typeof payload.rid !== 'string') throw new Error('internal token request id');
  return {
    principal: read.principal,
    purpose: payload.purpose ?? null,
    justification: payload.justification ?? null,
    requestId: payload.rid,
  };
}
