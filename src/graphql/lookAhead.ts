import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, ResolveTree } from 'graphql-parse-resolve-info';
import sql, { raw, Sql } from 'sql-template-tag';
import type { RowParser } from '../database/rows';

/**
 * Look-ahead for list resolvers: a list that knows which relations its client selected can fetch
 * them in its own statement (`left join lateral`) and hand them to its items, instead of leaving
 * one round trip per level to the loaders; and a list that knows which fields its client selected
 * reads only the columns those fields need. The field resolvers stay as they are and find the
 * joined records on their parent (src/graphql/prefetch.ts); anything not joined still goes
 * through the loader, so a missed look-ahead costs a statement, never a wrong answer.
 */

/** What an operation selects below a list field. */
export type Selection = {
  /** Whether a path of field names is selected, e.g. `has('edges.node.currentMatch.volunteer')`. */
  has: (path: string) => boolean;
  /** The names of the fields selected directly below a path (every alias, fragment and type condition together). */
  fieldsBelow: (path: string) => Set<string>;
};

/**
 * Selections already read, per list field of a parsed operation. Apollo keeps each operation's
 * parsed document, so the same field node comes back on every request for that operation; a
 * document with a directive is read afresh, since `@skip`/`@include` may depend on variables.
 */
const selections = new WeakMap<FieldNode, Selection>();

/**
 * graphql-parse-resolve-info resolves fragments, aliases and `@skip`/`@include` against the
 * variables; a field selected under several aliases or type conditions counts once, with the
 * union of what each selects below it.
 */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const fieldNode = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const cacheable = fieldNode !== undefined && info.operation.loc !== undefined && !info.operation.loc.source.body.includes('@');
  const known = cacheable ? selections.get(fieldNode) : undefined;
  if (known) return known;
  // One walk of the tree: each selected path ('' is the list field itself) with the names below it.
  const below = new Map<string, Set<string>>();
  const visit = (trees: ResolveTree[], path: string) => {
    const byName = new Map<string, ResolveTree[]>();
    for (const tree of trees) {
      for (const fields of Object.values(tree.fieldsByTypeName)) {
        for (const field of Object.values(fields)) byName.set(field.name, [...(byName.get(field.name) ?? []), field]);
      }
    }
    below.set(path, new Set(byName.keys()));
    for (const [name, fields] of byName) visit(fields, path ? `${path}.${name}` : name);
  };
  const root = parseResolveInfo(info) as ResolveTree | null | undefined;
  if (root) visit([root], '');
  const selection: Selection = { has: (path) => below.has(path), fieldsBelow: (path) => below.get(path) ?? new Set() };
  if (cacheable) selections.set(fieldNode, selection);
  return selection;
}

/**
 * The columns each GraphQL field of a row-backed type reads from its row (through `fromRow` and
 * its field resolvers). A field missing from the map needs every column, so a field added to the
 * type without an entry here is slower, never wrong.
 */
export type FieldColumns = Readonly<Record<string, readonly string[]>>;

/**
 * The columns, of `all` and in its order, that the selected `fields` need, with `always` (the key,
 * sort columns); all of them when a field is not in `fieldColumns`.
 */
export function columnsFor(all: readonly string[], always: readonly string[], fields: Iterable<string>, fieldColumns: FieldColumns): readonly string[] {
  const needed = new Set(always);
  for (const field of fields) {
    if (field === '__typename') continue;
    const columns = fieldColumns[field];
    if (!columns) return all;
    for (const column of columns) needed.add(column);
  }
  return needed.size === all.length ? all : all.filter((column) => needed.has(column));
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
  /** Whether every column of the loader's row is read (a complete row may prime the loader). */
  complete: boolean;
  /** The record in one result row, its columns as its loader returns them (checked by its row parser when `check`); null when the join found none. */
  take: (row: Record<string, unknown>, check: boolean) => Row | null;
};

export type JoinedTable<Row> = {
  /** The record with the columns the selected fields need (`fields`), or every column (`undefined`). */
  narrowed: (fields?: Iterable<string>) => JoinedRecord<Row>;
};

/** Narrowed forms kept per list or table; a client choosing fields cannot grow it past this. */
const MAX_NARROWED_FORMS = 64;

/**
 * What `build` makes of a set of columns (a select list, a row parser), built once per set: the
 * narrowed forms of a list or a joined table, looked up on every request that selects those fields.
 */
export function formsByColumns<Form>(build: (names: readonly string[]) => Form): (names: readonly string[]) => Form {
  const forms = new Map<string, Form>();
  return (names) => {
    const key = names.join(',');
    let found = forms.get(key);
    if (!found) {
      found = build(names);
      if (forms.size < MAX_NARROWED_FORMS) forms.set(key, found);
    }
    return found;
  };
}

export function joinedRecord<Row>(
  alias: string,
  loader: { from: string; columns: string; key: keyof Row & string; row: RowParser<Row>; fields: FieldColumns },
): JoinedTable<Row> {
  const all = columnNames(loader.columns);
  if (!all.includes(loader.key)) throw new Error(`joinedRecord(${alias}): the key ${loader.key} is not among the columns ${all.join(', ')}.`);
  if (!/^\w+$/.test(alias)) throw new Error(`joinedRecord: ${JSON.stringify(alias)} is not an alias.`);
  const qualifier = /^\s*(\w+)\./.exec(loader.columns)![1];
  const prefixed = (name: string) => `${alias}__${name}`;
  const prefixedKey = prefixed(loader.key);
  const tail = raw(`) ${alias} on true`);
  // Built once per column set: names from the loader's own column list, never from input.
  const formFor = formsByColumns((names): JoinedRecord<Row> => {
    const complete = names.length === all.length;
    // The prefixed names once, not per row and column (a page of 50 takes hundreds of them).
    const prefixedNames = names.map(prefixed);
    const head = raw(
      `left join lateral (select ${complete ? loader.columns : names.map((name) => `${qualifier}.${name}`).join(', ')} from ${loader.from} where `,
    );
    const check = complete ? loader.row : loader.row.pick(names);
    return {
      join: (where) => sql`${head}${where}${tail}`,
      select: raw(names.map((name, index) => `${alias}.${name} as ${prefixedNames[index]}`).join(', ')),
      complete,
      take: (row, checkRow) => {
        // The key is the primary key: null only when the join found no record (none, or none visible).
        if (row[prefixedKey] === null) return null;
        const record: Record<string, unknown> = {};
        for (let index = 0; index < names.length; index += 1) record[names[index]] = row[prefixedNames[index]];
        if (checkRow) check(record);
        return record as Row;
      },
    };
  });
  formFor(all); // the whole record first, so that it is always kept
  return { narrowed: (fields) => formFor(fields ? columnsFor(all, [loader.key], fields, loader.fields) : all) };
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
