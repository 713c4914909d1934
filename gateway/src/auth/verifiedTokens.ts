import type { JWTHeaderParameters, JWTPayload, JWTVerifyGetKey } from 'jose';

/** The time rules a token was verified under, checked again at every use of a remembered verification. */
export interface TokenClock {
  readonly maxAgeSeconds: number;
  readonly toleranceSeconds: number;
}

/** What jose's verification gave: the key it found for the header, and the claims. */
export interface Verification {
  readonly key: unknown;
  readonly protectedHeader: JWTHeaderParameters;
  readonly payload: JWTPayload;
}

interface Verified<Value> extends Verification {
  readonly value: Value;
}

/**
 * Partners send the same token with every request of a session, and verifying its signature is most of
 * what authentication costs (an ES256 check through WebCrypto, about 0.2 ms). A verification is
 * remembered with the key that verified it, and each use asks the issuer's key set for the token's key
 * again: a key withdrawn from the set or replaced under the same id sends the token back through full
 * verification. Everything else jose checked is fixed by the token's text, except time: its clock rules
 * are checked at each use, exactly as jose checks them. At most `maxEntries` are kept, the oldest first out.
 */
export function verifiedTokens<Value>(maxEntries: number, clock: TokenClock) {
  const entries = new Map<string, Verified<Value>>();
  return {
    async recall(token: string, keys: JWTVerifyGetKey): Promise<Value | undefined> {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (withinTime(entry.payload, clock) && (await servesSameKey(token, keys, entry))) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token: string, verification: Verification, value: Value): void {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { ...verification, value });
    },
  };
}

/** jose's rules for exp, nbf and iat with a maximum age, at this second. */
function withinTime({ exp, nbf, iat }: JWTPayload, { maxAgeSeconds, toleranceSeconds }: TokenClock): boolean {
  const now = Math.floor(Date.now() / 1000);
  if (typeof exp !== 'number' || typeof iat !== 'number') return false;
  if (exp <= now - toleranceSeconds) return false;
  if (typeof nbf === 'number' && nbf > now + toleranceSeconds) return false;
  const age = now - iat;
  return age - toleranceSeconds <= maxAgeSeconds && age >= -toleranceSeconds;
}

async function servesSameKey(token: string, keys: JWTVerifyGetKey, { protectedHeader, key }: Verification) {
  const [, payload = '', signature = ''] = token.split('.');
  try {
    return (await keys(protectedHeader, { payload, signature })) === key;
  } catch {
    return false;
  }
}
