import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on what anonymous callers can do, per client address. Counted in process memory: with N
 * replicas the effective limit is N times this, which is acceptable for abuse protection and keeps
 * the anonymous path free of database writes.
 */
export type RateLimits = {
  /** Resolves to null when allowed, or the seconds to wait before trying again. */
  selfReferral: (clientAddress: string) => Promise<number | null>;
};

export function createRateLimits(selfReferralsPerHour: number): RateLimits {
  const selfReferrals = new RateLimiterMemory({ points: selfReferralsPerHour, duration: 3600 });
  return {
    selfReferral: async (clientAddress) => {
      try {
        await selfReferrals.consume(clientAddress);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.ceil(rejection.msBeforeNext / 1000);
        throw rejection;
      }
    },
  };
}
