import { GraphQLError } from 'graphql';
import { ArgsType, ClassType, Field, ID, InterfaceType, Int, ObjectType } from 'type-graphql';

/**
 * Relay plumbing shared by every domain: opaque global IDs, the Node interface, cursor
 * connections and the `first`/`after` arguments with the limits API.md sets.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Thrown for bad query arguments; Apollo reports it with code BAD_USER_INPUT. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

export { fromGlobalId, keyOfGlobalId, toGlobalId } from '../globalId';

@InterfaceType({ description: 'An object with a global, opaque ID, fetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque identifier.' })
  id: string;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return, 1..${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which to start (an `endCursor` from a previous page).' })
  after?: string | null;
}

/** Validates `first`, defaulting it, with an error that says what was expected. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${first}.`, 'first');
  }
  return first;
}

// Cursors carry the ordering key of the last row as JSON, base64url-encoded, with a prefix so a
// global ID or a made-up string is rejected instead of silently starting from the beginning.
const CURSOR_PREFIX = 'cursor:';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(after: string | null | undefined, arity: number): unknown[] | null {
  if (after === undefined || after === null) return null;
  const invalid = () => badInput('`after` is not a cursor from this list: pass the `endCursor` of a previous page.', 'after');
  if (after.length > 500 || !/^[A-Za-z0-9_-]+$/.test(after)) throw invalid();
  const text = Buffer.from(after, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw invalid();
  try {
    const key: unknown = JSON.parse(text.slice(CURSOR_PREFIX.length));
    if (!Array.isArray(key) || key.length !== arity || key.some((part) => typeof part !== 'string' && typeof part !== 'number')) throw invalid();
    return key;
  } catch {
    throw invalid();
  }
}

/** One page as a resolver hands it to GraphQL; totalCount is counted only when selected. */
export type Page<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
};

/**
 * Builds a page from rows fetched with `limit first + 1`: the extra row only tells whether
 * another page follows, so no separate query is needed for `hasNextPage`.
 */
export function toPage<Row, T>(
  rows: Row[],
  first: number,
  cursorKey: (row: Row) => unknown[],
  toNode: (row: Row) => T,
  totalCount: () => Promise<number>,
): Page<T> {
  const hasNextPage = rows.length > first;
  const pageRows = hasNextPage ? rows.slice(0, first) : rows;
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(cursorKey(row)), node: toNode(row) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null }, totalCount };
}

/** Declares `XxxEdge` and `XxxConnection` object types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string, described: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${described} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque position of this item, for `after`.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${described}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${described} records (Relay cursor connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The items on this page, in order.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to fetch the next.' })
    pageInfo: PageInfo;

    // A function on the page object so the count runs only when a client asks for it.
    totalCount: () => Promise<number>;

    @Field(() => Int, { name: 'totalCount', description: 'How many items match the filters, across all pages.' })
    resolveTotalCount(): Promise<number> {
      return this.totalCount();
    }
  }
  return Connection;
}
