import type { DataSource } from 'typeorm';
import { badInput, decodeCursor, Page, pageSize, toPage } from './relay';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A calendar date that exists: Date.parse rolls 2024-02-30 over to 1 March, PostgreSQL refuses it. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '1900-01-01') return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Whether a decoded cursor part can stand for a value of the column's type. */
export function fitsCast(value: unknown, cast: string): boolean {
  if (cast === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (cast === 'date') return typeof value === 'string' && isCalendarDate(value);
  if (cast === 'bigint') return (typeof value === 'string' || typeof value === 'number') && /^\d{1,18}$/.test(String(value));
  return typeof value === 'string' && value.length <= 200 && !value.includes('\u0000');
}

/**
 * One keyset-paginated page of a list, in one statement (plus one for `totalCount`, only when a
 * client selects it). `orderBy` columns all sort in `direction`, so the cursor condition is a single
 * row comparison that an index on the same columns serves.
 */
export type ListSpec<Row> = {
  select: string;
  from: string;
  conditions: string[];
  params: unknown[];
  orderBy: { sql: string; cast: string; key: (row: Row) => string | number }[];
  direction: 'asc' | 'desc';
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
  /** Extra select columns and `left join lateral` clauses; binds its parameters by appending to `params`. */
  sql: (params: unknown[]) => { select: string; joins: string };
  /** Takes the joined records out of a row on the page (primes the loaders), before the row becomes a node. */
  take: (row: Row) => void;
};

export async function fetchPage<Row, Node>(db: DataSource, spec: ListSpec<Row>, toNode: (row: Row) => Node): Promise<Page<Node>> {
  const first = pageSize(spec.first);
  const after = decodeCursor(spec.after, spec.orderBy.length);
  if (after && !after.every((part, index) => fitsCast(part, spec.orderBy[index].cast))) {
    throw badInput('`after` is not a cursor from this list: pass the `endCursor` of a previous page.', 'after');
  }
  const params = [...spec.params];
  const conditions = [...spec.conditions];
  const where = () => (conditions.length ? `where ${conditions.join(' and ')}` : '');
  const countSql = `select count(*)::int as count from ${spec.from} ${where()}`;
  const countParams = [...params];
  const related = spec.related?.sql(params);
  const take = spec.related?.take;
  if (after) {
    const placeholders = after.map((value, index) => {
      params.push(value);
      return `$${params.length}::${spec.orderBy[index].cast}`;
    });
    conditions.push(`(${spec.orderBy.map((o) => o.sql).join(', ')}) ${spec.direction === 'asc' ? '>' : '<'} (${placeholders.join(', ')})`);
  }
  params.push(first + 1);
  const order = spec.orderBy.map((o) => `${o.sql} ${spec.direction}`).join(', ');
  const select = related ? `${spec.select}, ${related.select}` : spec.select;
  const from = related ? `${spec.from} ${related.joins}` : spec.from;
  const rows: Row[] = await db.query(`select ${select} from ${from} ${where()} order by ${order} limit $${params.length}::int`, params);
  return toPage(
    rows,
    first,
    (row) => spec.orderBy.map((o) => o.key(row)),
    // Only rows on the page prime loaders; the extra row that tells hasNextPage is not shown.
    take
      ? (row) => {
          take(row);
          return toNode(row);
        }
      : toNode,
    async () => (await db.query(countSql, countParams))[0].count,
  );
}

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
