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

/** Each domain's loaders; a request's set is all of them (createLoaders). */
const LOADER_FACTORIES = [
  createCouncilLoaders,
  createProviderLoaders,
  createChildLoaders,
  createReferralLoaders,
  createVolunteerLoaders,
  createMatchLoaders,
  createTargetLoaders,
  createMatchingLoaders,
  createActivityLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (made: U) => void : never) extends (made: infer I) => void ? I : never;
type AllLoaders = UnionToIntersection<ReturnType<(typeof LOADER_FACTORIES)[number]>>;
type LoaderFactory = (db: DataSource, principal: Principal | null) => Record<string, unknown>;

const MADE_FOR = Symbol('the database and caller the loaders are made for');
type LazyLoaders = { [MADE_FOR]: { db: DataSource; principal: Principal | null } } & Record<string, unknown>;

/**
 * A prototype with a getter per loader name, which makes that domain's loaders for the request on
 * first use and keeps them as the request's own. Built at the first request, from the names each
 * factory returns.
 */
let lazyPrototype: object | null = null;

function loaderPrototype(db: DataSource, principal: Principal | null): object {
  if (lazyPrototype) return lazyPrototype;
  const prototype = {};
  for (const make of LOADER_FACTORIES as readonly LoaderFactory[]) {
    const names = Object.keys(make(db, principal));
    for (const name of names) {
      Object.defineProperty(prototype, name, {
        enumerable: true,
        get(this: LazyLoaders) {
          const made = make(this[MADE_FOR].db, this[MADE_FOR].principal);
          for (const key of names) Object.defineProperty(this, key, { value: made[key], enumerable: true });
          return made[name];
        },
      });
    }
  }
  lazyPrototype = prototype;
  return prototype;
}

/**
 * Every per-request loader. A new set per request, built for the caller: each record loader
 * applies the caller's scope, so following a relation can never reach a record the caller may
 * not see, and cached rows are never shared between callers. A domain's loaders are made when the
 * request first asks for one of them: most requests use two or three of the nine domains, and
 * making all forty-odd DataLoaders was 1-3% of a list request's CPU.
 */
export function createLoaders(db: DataSource, principal: Principal | null): AllLoaders {
  const loaders = Object.create(loaderPrototype(db, principal)) as LazyLoaders;
  loaders[MADE_FOR] = { db, principal };
  return loaders as unknown as AllLoaders;
}

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
