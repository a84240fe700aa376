import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import { createChildLoaders } from '../children/child.queries';
import { createCouncilLoaders } from '../councils/council.queries';
import { createMatchLoaders } from '../matches/match.queries';
import { createMatchingLoaders } from '../matching/matching.queries';
import { createProviderLoaders } from '../providers/provider.queries';
import { createReferralLoaders } from '../referrals/referral.queries';
import { createTargetLoaders } from '../targets/target.queries';
import { createVolunteerLoaders } from '../volunteers/volunteer.queries';
import type { Logger } from '../logger';
import type { RateLimits } from '../auth/rateLimits';
import { Prefetched } from './prefetch';

/**
 * Every per-request loader. A new set per request, built for the caller: each record loader
 * applies the caller's scope, so following a relation can never reach a record the caller may
 * not see, and cached rows are never shared between callers.
 */
export function createLoaders(db: DataSource, principal: Principal | null) {
  return {
    ...createCouncilLoaders(db),
    ...createProviderLoaders(db, principal),
    ...createChildLoaders(db, principal),
    ...createReferralLoaders(db, principal),
    ...createVolunteerLoaders(db, principal),
    ...createMatchLoaders(db, principal),
    ...createTargetLoaders(db, principal),
    ...createMatchingLoaders(db, principal),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Configured limits on what a write may do (src/config.ts), for the mutations that need them. */
export type WritePolicy = {
  /** Days before today a council officer may start a commission (COMMISSION_BACKDATE_DAYS). */
  commissionBackdateDays: number;
};

export const DEFAULT_WRITE_POLICY: WritePolicy = { commissionBackdateDays: 0 };

/** What every resolver receives. Resolvers reach the database only through `loaders` and domain queries on `db`. */
export type Context = {
  principal: Principal | null;
  /** Client IP address, for rate limits on anonymous calls; never logged with personal data. */
  clientAddress: string;
  limits: RateLimits;
  writePolicy: WritePolicy;
  /** Sets an HTTP response header (Retry-After); absent when the operation runs in process. */
  setResponseHeader?: (name: string, value: string) => void;
  loaders: Loaders;
  /** Relations a list fetched ahead, for its field resolvers to read at once. */
  prefetched: Prefetched;
  db: DataSource;
  requestId: string;
  logger: Logger;
};

export function createContext(
  db: DataSource,
  principal: Principal | null,
  requestId: string,
  logger: Logger,
  limits: RateLimits,
  clientAddress = 'unknown',
  writePolicy: WritePolicy = DEFAULT_WRITE_POLICY,
): Context {
  return { principal, clientAddress, limits, writePolicy, loaders: createLoaders(db, principal), prefetched: new Prefetched(), db, requestId, logger };
}
