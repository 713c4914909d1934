import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '@tessera/policies';
import type { Logger } from '@tessera/runtime';

/** `burst` requests at once, and on average `perSecond` after that. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export interface RateLimiter {
  /** Takes one request from the principal's and the agency's allowance; the seconds to wait, or 0. */
  take(principal: Principal): Promise<number>;
  /** Takes the subjects of a hit check from the principal's hit allowance; the seconds to wait, or 0. */
  takeHitSubjects(principal: Principal, subjects: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Limits requests per principal and per agency, so that neither one partner's script nor one agency's
 * systems can starve the others. With Redis the allowance is shared by every gateway process (N
 * replicas allow the limit once, not N times); should Redis fail, each process falls back to its own
 * allowance rather than refusing everyone or letting everyone through. Without Redis (the embedded
 * demo) each process keeps its own.
 */
export function createRateLimiter(
  limits: { readonly perPrincipal: RateLimit; readonly perAgency: RateLimit; readonly hitSubjects: RateLimit },
  redisUrl: string | undefined,
  logger: Logger,
): RateLimiter {
  const redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'rate-limit store unavailable: limits per process'));
  const limiter = (name: string, limit: RateLimit): RateLimiterAbstract => {
    // A window of `burst` requests, as long as the rate takes to earn them back.
    const options = { keyPrefix: `tessera-rate-${name}`, points: limit.burst, duration: windowSeconds(limit) };
    const own = new RateLimiterMemory(options);
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: own }) : own;
  };
  const principals = limiter('principal', limits.perPrincipal);
  const agencies = limiter('agency', limits.perAgency);
  const hitSubjects = limiter('hit-subjects', limits.hitSubjects);
  const waitFor = async (consume: () => Promise<unknown>) => {
    try {
      await consume();
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  };
  return {
    take: (principal) =>
      waitFor(async () => {
        await principals.consume(`${principal.issuer}|${principal.subject}`);
        await agencies.consume(principal.agency);
      }),
    takeHitSubjects: (principal, subjects) =>
      waitFor(() => hitSubjects.consume(`${principal.issuer}|${principal.subject}`, subjects)),
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}

function windowSeconds(limit: RateLimit): number {
  return Math.max(1, Math.ceil(limit.burst / limit.perSecond));
}
