import type { Context } from './context';

/**
 * How `node(id:)` fetches each type. Each domain registers its own fetcher, which applies the
 * same scoping as its list queries: a record outside the caller's scope comes back as null.
 */
export type NodeFetcher = (key: string, context: Context) => Promise<object | null>;

const fetchers = new Map<string, NodeFetcher>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Registers how `node(id:)` fetches a type. Keys are UUIDs for every record type except councils
 * (keyed by ONS code); a key of the wrong shape is simply not found, without a query.
 */
export function registerNodeType(type: string, fetcher: NodeFetcher, keys: 'uuid' | 'any' = 'uuid'): void {
  fetchers.set(type, keys === 'uuid' ? (key, context) => (UUID.test(key) ? fetcher(key, context) : Promise.resolve(null)) : fetcher);
}

export function nodeFetcher(type: string): NodeFetcher | undefined {
  return fetchers.get(type);
}
