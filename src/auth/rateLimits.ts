import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on what anonymous callers can do, per client address. Counted in process memory: with N
 * replicas the effective limit is N times this, which is acceptable for abuse protection and keeps
 * the anonymous path free of database writes.
 */
export type RateLimits = {
  /** Each resolves to null when allowed, or the seconds to wait before trying again. */
  selfReferral: (clientAddress: string) => Promise<number | null>;
  /** Any request without a bearer token (public reporting, CSV, self-referral). */
  anonymousRequest: (clientAddress: string) => Promise<number | null>;
};

function limiter(points: number, duration: number): (key: string) => Promise<number | null> {
  const limit = new RateLimiterMemory({ points, duration });
  return async (key) => {
    try {
      await limit.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}

export function createRateLimits(selfReferralsPerHour: number, anonymousRequestsPerMinute = 300): RateLimits {
  return { selfReferral: limiter(selfReferralsPerHour, 3600), anonymousRequest: limiter(anonymousRequestsPerMinute, 60) };
}
