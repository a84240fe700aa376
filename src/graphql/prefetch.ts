/**
 * Records a list fetched ahead for its items' relations (src/graphql/lookAhead.ts), carried by
 * the item itself. Each record holds only the columns its selection needs, so it belongs to the
 * item it was joined for: a request-wide map would hand a narrowed record to another list, or to
 * a relation reached another way, that selects other fields. Readable at once: DataLoader hands
 * back even a primed record as a promise, and a promise per relation per row makes graphql-js
 * settle every row asynchronously, a measurable share of a nested page.
 */
export type Joined = { [relation: string]: { row: unknown; joined?: Joined } };

const JOINED = Symbol('records joined to this node');

/** Gives `node` the records joined for it (none: unchanged). */
export function withJoined<T extends object>(node: T, joined: Joined | undefined): T {
  if (joined) (node as { [JOINED]?: Joined })[JOINED] = joined;
  return node;
}

/**
 * The node `relation` of `parent` stands for: made at once from the record joined for the parent
 * (null when the join found none, or none the caller may see), otherwise from what `load` finds.
 */
export function relatedNode<Row, N extends object>(
  parent: object,
  relation: string,
  load: () => Promise<Row | null>,
  toNode: (row: Row) => N,
): N | null | Promise<N | null> {
  const found = (parent as { [JOINED]?: Joined })[JOINED]?.[relation];
  if (found) return found.row ? withJoined(toNode(found.row as Row), found.joined) : null;
  return load().then((row) => (row ? toNode(row) : null));
}
