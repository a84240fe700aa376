import type { Context } from './context';

/**
 * How `node(id:)` fetches each type. Each domain registers its own fetcher, which applies the
 * same scoping as its list queries: a record outside the caller's scope comes back as null.
 */
export type NodeFetcher = (key: string, context: Context) => Promise<object | null>;

const fetchers = new Map<string, NodeFetcher>();

export function registerNodeType(type: string, fetcher: NodeFetcher): void {
  fetchers.set(type, fetcher);
}

export function nodeFetcher(type: string): NodeFetcher | undefined {
  return fetchers.get(type);
}
