import sql, { join, raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { execute, query, Queryable } from '../database/sql';
import type { Council } from './plan';

/** Every statement of the demo data loader (the bulk inserts are built in bulkInsert.ts from its column lists). */

const presentRow = rowParser(z.object({ present: z.boolean() }));
const anyProvider = sql`select exists (select 1 from providers) as present`;

/** True when any provider exists. */
export async function anyProviderExists(db: Queryable): Promise<boolean> {
  const [{ present }] = await query(db, anyProvider, presentRow);
  return present;
}

/** A bulk job, not an API request: its statements may run longer than STATEMENT_TIMEOUT_MS. */
export async function liftStatementTimeout(db: Queryable): Promise<void> {
  await execute(db, sql`set local statement_timeout = 0`);
}

/** Table names the demo may empty or analyse, written in this code (never input). */
function tables(names: readonly string[]): Sql {
  for (const name of names) if (!/^[a-z_]+$/.test(name)) throw new Error(`demo: ${JSON.stringify(name)} is not a table name`);
  return raw(names.join(', '));
}

export async function deleteAllRows(db: Queryable, table: string): Promise<void> {
  await execute(db, sql`delete from ${tables([table])}`);
}

export async function analyzeTables(db: Queryable, names: readonly string[]): Promise<void> {
  await execute(db, sql`analyze ${tables(names)}`);
}

export async function insertNationalTarget(db: Queryable, t: { id: string; name: string; metric: string; value: number; dueOn: string }): Promise<void> {
  await execute(
    db,
    sql`insert into targets (target_id, name, area_code, service, metric, value, due_on)
     values (${t.id}::uuid, ${t.name}::text, 'E92000001', 'INDEPENDENT_VISITOR', ${t.metric}::text, ${t.value}::numeric, ${t.dueOn}::date)`,
  );
}

/** The converted self-referrals point back at the referral made from them. */
export async function linkConvertedSelfReferrals(db: Queryable): Promise<void> {
  await execute(
    db,
    sql`update self_referrals s set referral_id = r.referral_id
       from referrals r where r.self_referral_id = s.self_referral_id and s.referral_id is null`,
  );
}

const councilRow: z.ZodType<Council> = z.object({
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  childrenLookedAfter: z.number().int(),
});

/**
 * Current councils with the official count the volumes are proportional to: the latest year up
 * to `year` with a number (a suppressed `c` falls back to the year before; all-`z` gives 0).
 */
export function currentCouncilsWithCounts(db: Queryable, measure: string, year: number): Promise<Council[]> {
  return query(
    db,
    sql`select c.code, c.name, c.region_code as "regionCode", c.region_name as "regionName",
            coalesce((select s.children_count
                      from official_statistics s
                      where s.council_code = c.code and s.measure = ${measure}::text and s.children_count is not null and s.time_period <= ${year}::int
                      order by s.time_period desc
                      limit 1), 0)::int as "childrenLookedAfter"
     from councils c
     where c.is_current
     order by c.code`,
    rowParser(councilRow),
  );
}

/**
 * One multi-row insert through `unnest`: `columns` name the table's columns and their types
 * (from bulkInsert.ts's column lists), `arrays` one array of values per column.
 */
export async function insertUnnested(db: Queryable, table: string, columns: { name: string; type: string }[], arrays: unknown[][]): Promise<void> {
  for (const { name, type } of [{ name: table, type: 'text' }, ...columns]) {
    if (!/^[a-z_]+$/.test(name) || !/^[a-z]+(\[\])?$/.test(type)) throw new Error(`demo: ${JSON.stringify(name)} ${JSON.stringify(type)} is not a column`);
  }
  const names = raw(columns.map((column) => column.name).join(', '));
  // Arrays of arrays cannot be unnested one level, so array columns travel as array literals
  // (text) and are cast back in the select list.
  const selected = raw(columns.map((column) => (column.type === 'text[]' ? `t.${column.name}::text[]` : `t.${column.name}`)).join(', '));
  const parameters = join(
    columns.map((column, index) => sql`${arrays[index]}::${raw(column.type === 'text[]' ? 'text' : column.type)}[]`),
    ', ',
  );
  await execute(db, sql`insert into ${raw(table)} (${names}) select ${selected} from unnest(${parameters}) as t(${names})`);
}

/** Reclaims deleted rows (VACUUM cannot run inside a transaction). */
export async function vacuumTables(db: Queryable, names: readonly string[]): Promise<void> {
  await execute(db, sql`vacuum ${tables(names)}`);
}
