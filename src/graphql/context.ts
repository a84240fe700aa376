import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { MatchingWeights } from '../config';
import type { Logger } from '../logger';
import type { RateLimits } from '../auth/rateLimits';

/**
 * Every per-request loader (see src/app/context.ts). Declared empty here so that the plumbing names
 * no domain; the composition root, which builds one set per request from each domain's loader
 * factory, fills the interface in with their types.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaders {}

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
  /** Weights of the match suggestion factors, from the validated configuration (MATCH_WEIGHT_*). */
  matchingWeights: MatchingWeights;
  /** Sets an HTTP response header (Retry-After); absent when the operation runs in process. */
  setResponseHeader?: (name: string, value: string) => void;
  loaders: Loaders;
  db: DataSource;
  requestId: string;
  logger: Logger;
};
