import type DataLoader from 'dataloader';

/**
 * Records a list fetched ahead for its items' relations (src/graphql/lookAhead.ts), readable at
 * once. DataLoader hands back even a primed record as a promise, and a promise per relation per
 * row makes graphql-js settle every row asynchronously, a measurable share of a nested page.
 * Each record is primed into its loader as well, so code that loads it still finds it there.
 */
export class Prefetched {
  private readonly records = new Map<DataLoader<string, unknown>, Map<string, unknown>>();

  /** Keeps `record` for `key` (null: none, or none the caller may see) and primes the loader with it. */
  set<V>(loader: DataLoader<string, V>, key: string, record: V): void {
    loader.prime(key, record);
    let byKey = this.records.get(loader as DataLoader<string, unknown>);
    if (!byKey) {
      byKey = new Map();
      this.records.set(loader as DataLoader<string, unknown>, byKey);
    }
    byKey.set(key, record);
  }

  /** What `map` makes of the record for `key`: at once when it was fetched ahead, otherwise through the loader. */
  resolve<V, R>(loader: DataLoader<string, V>, key: string, map: (record: V) => R): R | Promise<R> {
    const byKey = this.records.get(loader as DataLoader<string, unknown>);
    if (byKey?.has(key)) return map(byKey.get(key) as V);
    return loader.load(key).then(map);
  }
}
