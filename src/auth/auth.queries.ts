import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';

/** The statements behind token checks (claimDirectory.ts): what an organisation claim may name. */

const oneRow = rowParser(z.object({ one: z.number() }));

export async function providerIdExists(db: Queryable, providerKey: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 as one from providers where provider_id = ${providerKey}::uuid`, oneRow);
  return rows.length > 0;
}

const councilStatusRow = rowParser(z.object({ code: z.string(), is_current: z.boolean() }));
const allCouncilStatuses = sql`select code, is_current from councils`;

/** Every council code and whether it is current. */
export function councilStatuses(db: Queryable): Promise<{ code: string; is_current: boolean }[]> {
  return query(db, allCouncilStatuses, councilStatusRow);
}
