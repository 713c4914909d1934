import type { Principal } from '@tessera/policies';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Buckets kept before full ones (idle callers) are forgotten. */
const maxBuckets = 50_000;

/**
 * Limits requests per principal and per agency, so that neither one partner's script nor one agency's
 * systems can starve the others. Each gateway process keeps its own buckets.
 */
export function createRateLimiter(perPrincipal: RateLimit, perAgency: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, limit: RateLimit, time: number) => {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.updated) / 1000) * limit.perSecond);
    bucket.updated = time;
  };
  const bucketFor = (key: string, limit: RateLimit, time: number) => {
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxBuckets) {
        for (const [name, held] of buckets) {
          refill(held, name.startsWith('agency:') ? perAgency : perPrincipal, time);
          if (held.tokens >= (name.startsWith('agency:') ? perAgency : perPrincipal).burst) buckets.delete(name);
        }
      }
      bucket = { tokens: limit.burst, updated: time };
      buckets.set(key, bucket);
    }
    refill(bucket, limit, time);
    return bucket;
  };
  return {
    /** Takes one request from the principal's and the agency's buckets; returns the seconds to wait, or 0. */
    take(principal: Principal): number {
      const time = now();
      const own = bucketFor(`principal:${principal.issuer}|${principal.subject}`, perPrincipal, time);
      const agency = bucketFor(`agency:${principal.agency}`, perAgency, time);
      const wait = Math.max(waitFor(own, perPrincipal), waitFor(agency, perAgency));
      if (wait > 0) return wait;
      own.tokens -= 1;
      agency.tokens -= 1;
      return 0;
    },
  };
}

function waitFor(bucket: Bucket, limit: RateLimit): number {
  return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / limit.perSecond);
}
