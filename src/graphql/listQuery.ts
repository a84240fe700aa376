import sql, { empty, join, raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { checkedRows, query, Queryable, queryUnchecked } from '../database/sql';
import { rowParser } from '../database/rows';
import { Joined, withJoined } from './prefetch';
import { badInput, decodeCursor, Page, pageSize, toPage } from './relay';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A calendar date that exists: Date.parse rolls 2024-02-30 over to 1 March, PostgreSQL refuses it. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '1900-01-01') return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Whether a decoded cursor part can stand for a value of the column's type. */
export function fitsCast(value: unknown, cast: CursorCast): boolean {
  if (cast === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (cast === 'date') return typeof value === 'string' && isCalendarDate(value);
  if (cast === 'bigint') return (typeof value === 'string' || typeof value === 'number') && /^\d{1,18}$/.test(String(value));
  return typeof value === 'string' && value.length <= 200 && !value.includes('\u0000');
}

/** The casts a cursor part may take (the type of its sort column), as SQL. */
const CASTS = { uuid: raw('uuid'), date: raw('date'), bigint: raw('bigint'), text: raw('text') } as const;
export type CursorCast = keyof typeof CASTS;

/**
 * One keyset-paginated page of a list, in one statement (plus one for `totalCount`, only when a
 * client selects it). `orderBy` columns all sort in `direction`, so the cursor condition is a single
 * row comparison that an index on the same columns serves. Each domain's data module describes its
 * lists as `ListSource`s; the resolver adds the page arguments.
 */
export type ListSource<Row> = {
  select: Sql;
  from: Sql;
  conditions: Sql[];
  orderBy: { sql: Sql; cast: CursorCast; key: (row: Row) => string | number }[];
  direction: 'asc' | 'desc';
  /** Checks and types one result row (the data module's row parser). */
  row: (raw: unknown) => Row;
};

export type ListSpec<Row> = ListSource<Row> & {
  first: number | null | undefined;
  after: string | null | undefined;
  /** Relations fetched in the page's own statement, when the client selected them (see lookAhead.ts). */
  related?: RelatedRecords<Row>;
};

/**
 * Records joined to each row of the page so that their loaders need no statement of their own.
 * The joins go into the page statement only: `totalCount` counts the list without them.
 */
export type RelatedRecords<Row> = {
  /** Extra select columns and `left join lateral` clauses. */
  select: Sql;
  joins: Sql;
  /** Takes the joined records out of a result row, for the node the row becomes (src/graphql/prefetch.ts). */
  take: (raw: Record<string, unknown>, row: Row) => Joined;
};

const DIRECTIONS = { asc: { order: raw('asc'), after: raw('>') }, desc: { order: raw('desc'), after: raw('<') } } as const;

function where(conditions: Sql[]): Sql {
  return conditions.length ? sql`where ${join(conditions, ' and ')}` : empty;
}

export async function fetchPage<Row, Node>(db: Queryable, spec: ListSpec<Row>, toNode: (row: Row) => Node): Promise<Page<Node>> {
  const first = pageSize(spec.first);
  const after = decodeCursor(spec.after, spec.orderBy.length);
  if (after && !after.every((part, index) => fitsCast(part, spec.orderBy[index].cast))) {
    throw badInput('`after` is not a cursor from this list: pass the `endCursor` of a previous page.', 'after');
  }
  const direction = DIRECTIONS[spec.direction];
  const countSql = sql`select count(*)::int as count from ${spec.from} ${where(spec.conditions)}`;
  const conditions = after
    ? [
        ...spec.conditions,
        sql`(${join(spec.orderBy.map((o) => o.sql))}) ${direction.after} (${join(after.map((value, index) => sql`${value}::${CASTS[spec.orderBy[index].cast]}`))})`,
      ]
    : spec.conditions;
  const order = join(spec.orderBy.map((o) => sql`${o.sql} ${direction.order}`));
  const related = spec.related;
  const select = related ? sql`${spec.select}, ${related.select}` : spec.select;
  const from = related ? sql`${spec.from} ${related.joins}` : spec.from;
  const raws = await queryUnchecked(db, sql`select ${select} from ${from} ${where(conditions)} order by ${order} limit ${first + 1}::int`);
  const rows = checkedRows(raws, spec.row);
  // Only rows on the page become nodes; the extra row that tells hasNextPage is not shown.
  let nodeOf = toNode;
  if (related) {
    const joined = new Map<Row, Joined>();
    for (let index = 0; index < Math.min(first, rows.length); index += 1) joined.set(rows[index], related.take(raws[index], rows[index]));
    nodeOf = (row) => withJoined(toNode(row) as Node & object, joined.get(row));
  }
  return toPage(
    rows,
    first,
    (row) => spec.orderBy.map((o) => o.key(row)),
    nodeOf,
    async () => (await query(db, countSql, countRow))[0].count,
  );
}

const countRow = rowParser(z.object({ count: z.number().int() }));

/** Groups rows by a key, in the order the keys were asked for (DataLoader's contract). */
export function groupInKeyOrder<Row>(keys: readonly string[], rows: Row[], keyOf: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export function oneInKeyOrder<Row>(keys: readonly string[], rows: Row[], keyOf: (row: Row) => string): (Row | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}
