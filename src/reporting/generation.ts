import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { Queryable } from '../database/sql';
import { latestRefreshGeneration } from './refreshRuns.queries';

/**
 * Which refresh the rollups are at, for whatever is kept until the next one (the national views'
 * answers, every council's public series, the published activity tables).
 */

/**
 * How long the refresh generation read from the database is trusted. A refresh in this process
 * is seen at once (it counts its runs); one in another process within this time.
 */
export const GENERATION_TRUSTED_MS = 1000;

/** Runs recorded by this process (refresh.ts counts them): a refresh here is seen at once. */
let runsRecordedHere = 0;
export const refreshRunsRecordedHere = (): number => runsRecordedHere;
export const noteRunRecorded = (): void => {
  runsRecordedHere += 1;
};

/**
 * The number of the latest refresh run: it changes whenever anything in the rollups may have.
 * Callers that arrive while it is being read share that one read: on publication day a thousand
 * viewers asking at once would otherwise each take a pooled connection to read the same number.
 */
function refreshGeneration(): (db: Queryable) => Promise<string> {
  let known: { generation: string; readAt: number; runsHere: number } | null = null;
  let reading: { promise: Promise<string>; runsHere: number } | null = null;
  return async (db) => {
    const runsHere = refreshRunsRecordedHere();
    if (known && known.runsHere === runsHere && Date.now() - known.readAt < GENERATION_TRUSTED_MS) return known.generation;
    if (reading && reading.runsHere === runsHere) return reading.promise;
    const read = latestRefreshGeneration(db).then((generation) => {
      known = { generation, readAt: Date.now(), runsHere };
      return generation;
    });
    const current = { promise: read, runsHere };
    reading = current;
    const clear = () => {
      if (reading === current) reading = null;
    };
    read.then(clear, clear);
    return read;
  };
}

type Kept = { generation: (db: Queryable) => Promise<string>; caches: Map<string, LRUCache<string, Promise<unknown>>> };
/** Per database: its DataSource's options object, which every request's view of it shares. */
const perDatabase = new WeakMap<object, Kept>();

/** Values kept until the next refresh: look one up, or keep one (a promise, so computations in flight are shared). */
export type RefreshScoped<T> = {
  /** The refresh generation; keys should start with it. */
  generation: () => Promise<string>;
  get: (key: string) => Promise<T> | undefined;
  /** Keeps `value` under `key` and gives it back; should it fail, it is dropped, so the next caller tries again. */
  keep: (key: string, value: Promise<T>) => Promise<T>;
};

/** The per-database state: its refresh-generation reader and its named caches. */
function keptFor(db: DataSource): Kept {
  let kept = perDatabase.get(db.options);
  if (!kept) {
    kept = { generation: refreshGeneration(), caches: new Map() };
    perDatabase.set(db.options, kept);
  }
  return kept;
}

/**
 * The refresh generation of `db`, through the one reader every cache of that database shares (the
 * national views' answers and the caches of refreshScoped), so it is read once, not once per cache.
 */
export function refreshGenerationOf(db: DataSource): Promise<string> {
  return keptFor(db).generation(db);
}

/**
 * A cache of values kept until the next refresh, one per database and name (a process serving one
 * database has one; tests with several databases in one process keep theirs apart).
 */
export function refreshScoped<T>(db: DataSource, name: string, max: number): RefreshScoped<T> {
  const kept = keptFor(db);
  let found = kept.caches.get(name);
  if (!found) {
    found = new LRUCache<string, Promise<unknown>>({ max });
    kept.caches.set(name, found);
  }
  const cache = found as LRUCache<string, Promise<T>>;
  return {
    generation: () => refreshGenerationOf(db),
    get: (key) => cache.get(key),
    keep: (key, value) => {
      cache.set(key, value);
      value.catch(() => {
        if (cache.get(key) === value) cache.delete(key);
      });
      return value;
    },
  };
}
