import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, ResolveTree } from 'graphql-parse-resolve-info';
import sql, { raw, Sql } from 'sql-template-tag';

/**
 * Look-ahead for list resolvers: a list that knows which relations its client selected can fetch
 * them in its own statement (`left join lateral`) and prime the per-request loaders with the rows,
 * instead of leaving one round trip per level to the loaders. The field resolvers stay as they
 * are and find the primed rows; anything not primed still goes through the loader, so a missed
 * look-ahead costs a statement, never a wrong answer.
 */

/**
 * Whether the operation selects a path of field names below the current field, e.g.
 * `selects('edges.node.currentMatch.volunteer')`. graphql-parse-resolve-info resolves fragments,
 * aliases and `@skip`/`@include` against the variables; a field selected under several aliases
 * or type conditions counts once.
 */
export function selectedFields(info: GraphQLResolveInfo): (path: string) => boolean {
  const root = parseResolveInfo(info) as ResolveTree | null | undefined;
  return (path) => {
    let level: ResolveTree[] = root ? [root] : [];
    for (const name of path.split('.')) {
      level = level.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields))).filter((field) => field.name === name);
    }
    return level.length > 0;
  };
}

/**
 * A record joined to each row of a list by a `left join lateral` and selected under prefixed
 * column names (`child__case_reference`), so that pg parses every column with the same type parser
 * as in the loader's own statement (a JSON object would turn timestamps and numerics into strings).
 * `columns` is the loader's own column list and `from` its table, so the two cannot drift apart.
 */
export type JoinedRecord<Row> = {
  /** The join, given the loader's condition for one key (its scope included). */
  join: (where: Sql) => Sql;
  /** The select list. */
  select: Sql;
  /** The record in one result row, exactly as its loader returns it (checked by its row parser when `check`); null when the join found none. */
  take: (row: Record<string, unknown>, check: boolean) => Row | null;
};

export function joinedRecord<Row>(
  alias: string,
  loader: { from: string; columns: string; key: keyof Row & string; row: (raw: unknown) => Row },
): JoinedRecord<Row> {
  const names = columnNames(loader.columns);
  if (!names.includes(loader.key)) throw new Error(`joinedRecord(${alias}): the key ${loader.key} is not among the columns ${names.join(', ')}.`);
  if (!/^\w+$/.test(alias)) throw new Error(`joinedRecord: ${JSON.stringify(alias)} is not an alias.`);
  const prefixed = (name: string) => `${alias}__${name}`;
  // The prefixed names once, not per row and column (a page of 50 takes about 1,800 of them).
  const prefixedNames = names.map(prefixed);
  const prefixedKey = prefixed(loader.key);
  // Built once per module: names from the loader's own column list, never from input.
  const head = raw(`left join lateral (select ${loader.columns} from ${loader.from} where `);
  const tail = raw(`) ${alias} on true`);
  return {
    join: (where) => sql`${head}${where}${tail}`,
    select: raw(names.map((name) => `${alias}.${name} as ${prefixed(name)}`).join(', ')),
    take: (row, check) => {
      // The key is the primary key: null only when the join found no record (none, or none visible).
      if (row[prefixedKey] === null) return null;
      const record: Record<string, unknown> = {};
      for (let index = 0; index < names.length; index += 1) record[names[index]] = row[prefixedNames[index]];
      if (check) loader.row(record);
      return record as Row;
    },
  };
}

/**
 * The column names of a loader's select list (`c.child_id, c.council_code, ...`). Only plain
 * qualified columns are accepted: an expression would need its own alias, and failing when the
 * module loads is better than priming a loader with a row that lacks a column.
 */
export function columnNames(columns: string): string[] {
  return columns.split(',').map((column) => {
    const match = /^\s*\w+\.(\w+)\s*$/.exec(column);
    if (!match) throw new Error(`Expected a qualified column such as "c.child_id"; got "${column.trim()}".`);
    return match[1];
  });
}
