import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import { createCouncilLoaders } from '../councils/council.queries';
import type { Logger } from '../logger';

/** Every per-request loader. A new set per request: cached rows are never shared between callers. */
export function createLoaders(db: DataSource) {
  return {
    ...createCouncilLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver receives. Resolvers reach the database only through `loaders` and domain queries on `db`. */
export type Context = {
  principal: Principal | null;
  loaders: Loaders;
  db: DataSource;
  requestId: string;
  logger: Logger;
};

export function createContext(db: DataSource, principal: Principal | null, requestId: string, logger: Logger): Context {
  return { principal, loaders: createLoaders(db), db, requestId, logger };
}
