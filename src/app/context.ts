import type { DataSource } from 'typeorm';
import type { RateLimits } from '../auth/rateLimits';
import type { Principal } from '../auth/viewer';
import { createChildLoaders } from '../children/child.queries';
import { DEFAULT_MATCHING_WEIGHTS, type MatchingWeights } from '../config';
import { createCouncilLoaders } from '../councils/council.queries';
import { DEFAULT_WRITE_POLICY, type Context, type WritePolicy } from '../graphql/context';
import type { Logger } from '../logger';
import { createMatchLoaders } from '../matches/match.queries';
import { createMatchingLoaders } from '../matching/matching.queries';
import { createProviderLoaders } from '../providers/provider.queries';
import { createReferralLoaders } from '../referrals/referral.queries';
import { createActivityLoaders } from '../reporting/activity.queries';
import { createTargetLoaders } from '../targets/target.queries';
import { createVolunteerLoaders } from '../volunteers/volunteer.queries';

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
    ...createActivityLoaders(db, principal),
  };
}

type AllLoaders = ReturnType<typeof createLoaders>;

// The plumbing's Context declares `loaders` as an empty interface, so that src/graphql/ names no
// domain; the composition root, which assembles the loaders, gives it their types here.
declare module '../graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Loaders extends AllLoaders {}
}

export function createContext(
  db: DataSource,
  principal: Principal | null,
  requestId: string,
  logger: Logger,
  limits: RateLimits,
  clientAddress = 'unknown',
  writePolicy: WritePolicy = DEFAULT_WRITE_POLICY,
  matchingWeights: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): Context {
  return {
    principal,
    clientAddress,
    limits,
    writePolicy,
    matchingWeights,
    loaders: createLoaders(db, principal),
    db,
    requestId,
    logger,
  };
}
