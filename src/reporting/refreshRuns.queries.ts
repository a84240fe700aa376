import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';

/** Reads of reporting.refresh_runs outside the refresh itself (refresh.ts writes them). */

const generationRow = rowParser(z.object({ generation: z.string() }));
const latestGeneration = sql`select coalesce(max(refresh_run_id), 0)::text as generation from reporting.refresh_runs`;

/** The number of the latest refresh run, as text (the column is bigint). */
export async function latestRefreshGeneration(db: Queryable): Promise<string> {
  const [row] = await query(db, latestGeneration, generationRow);
  return row.generation;
}

const presentRow = rowParser(z.object({ present: z.boolean() }));
const anySucceeded = sql`select exists (select 1 from reporting.refresh_runs where status = 'SUCCEEDED') as present`;

/** Whether any refresh has succeeded: the rollups exist. */
export async function hasSucceededRefresh(db: Queryable): Promise<boolean> {
  const [{ present }] = await query(db, anySucceeded, presentRow);
  return present;
}

const latestRow = rowParser(z.object({ latest: z.string().nullable() }));

/** The latest month end the published rollups hold for a service, or null before the first refresh. */
export async function latestMonthEnd(db: Queryable, service: string): Promise<string | null> {
  const [{ latest }] = await query(
    db,
    sql`select max(month_end)::text as latest from reporting.rollup_england_month where service = ${service}::text`,
    latestRow,
  );
  return latest;
}
