import { z } from 'zod';

/**
 * Row types checked where rows enter TypeScript. Each data module declares its rows as zod object
 * schemas typed as what pg actually hands over (src/database/dataSource.ts sets the parsers):
 * - `date` columns arrive as 'YYYY-MM-DD' strings (pgDate), `timestamptz` as Date (pgTimestamp);
 * - `numeric` and `bigint` (so `count(*)` and `sum(...)` unless cast to int in SQL) as strings
 *   (pgNumeric, pgBigint); `int`/`smallint` as numbers.
 *
 * Cost, and why the first row only: query() (src/database/sql.ts) and list pages parse the first
 * row of each result with its schema, and the look-ahead the first record of each kind on a page;
 * the other rows are returned as they came, typed. Every row of one statement has the same columns
 * with the same pg types, so the first row catches what the hand-written types got wrong (numeric
 * typed number, a renamed column); what it cannot catch is a null in a later row of a column
 * declared not null, which the tables' NOT NULL constraints rule out for plain columns. Measured on
 * this machine (2 cores, busy), a waitingList(first: 50) page with its children is 101 object
 * parses: 60-90 µs with zod 4's compiled object schemas against about 2 µs for the first rows only,
 * while a whole waitingList request costs about 2 ms of server CPU (test/bench/RESULTS.md): every
 * row would be 3 to 4.5% of the request, over the ~3% a list path may spend; the first row is 0.1%.
 * Each schema is built once, when its module loads.
 */

export const pgDate = z.string();
export const pgTimestamp = z.date();
export const pgNumeric = z.string();
export const pgBigint = z.string();

/**
 * A parser for one row: throws (a ZodError naming the column, what was expected and what arrived)
 * when the row is not of the declared shape. `pick(columns)` parses a row of only those columns,
 * as a list reads when its client selected few fields (src/graphql/lookAhead.ts).
 */
export type RowParser<T> = ((row: unknown) => T) & { pick: (columns: readonly string[]) => (row: unknown) => Partial<T> };

// A picked parser builds its schema: callers keep it per set of columns (lookAhead.ts, formsByColumns).
export function rowParser<S extends z.ZodType>(schema: S): RowParser<z.infer<S>> {
  const pick = (columns: readonly string[]) => {
    if (!(schema instanceof z.ZodObject)) throw new Error('Only a row schema of columns (z.object) can be picked.');
    const part = schema.pick(Object.fromEntries(columns.map((column) => [column, true])) as never) as z.ZodType;
    return (row: unknown) => part.parse(row) as Partial<z.infer<S>>;
  };
  return Object.assign((row: unknown) => schema.parse(row) as z.infer<S>, { pick });
}
