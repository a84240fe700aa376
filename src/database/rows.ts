import { z } from 'zod';

/**
 * Row types checked where rows enter TypeScript. Each data module declares its rows as zod object
 * schemas typed as what pg actually hands over (src/database/dataSource.ts sets the parsers):
 * - `date` columns arrive as 'YYYY-MM-DD' strings (pgDate), `timestamptz` as Date (pgTimestamp);
 * - `numeric` and `bigint` (so `count(*)` and `sum(...)` unless cast to int in SQL) as strings
 *   (pgNumeric, pgBigint); `int`/`smallint` as numbers.
 *
 * Cost: every row is parsed, with each schema built once per module (zod 4 compiles an object
 * schema into one function on first use).
 */

export const pgDate = z.string();
export const pgTimestamp = z.date();
export const pgNumeric = z.string();
export const pgBigint = z.string();

/** A parser for one row: throws, naming the column and what arrived, when a row is not of the declared shape. */
export function rowParser<S extends z.ZodType>(schema: S): (row: unknown) => z.infer<S> {
  return (row) => schema.parse(row);
}
