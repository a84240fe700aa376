import DataLoader from 'dataloader';
import sql, { empty, join, raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { CHILDREN_LOOKED_AFTER_MEASURE } from './officialStatistics.import';

/** Every statement on councils, their statistical neighbours and their official statistics. */

const councilRow = z.object({
  code: z.string(),
  old_code: z.string(),
  name: z.string(),
  region_code: z.string(),
  region_name: z.string(),
  is_current: z.boolean(),
});
/** A council as read from the database, in the shape the GraphQL type is built from. */
export type CouncilRow = z.infer<typeof councilRow>;
const parseCouncilRow = rowParser(councilRow);

const COUNCIL_COLUMNS = raw('c.code, c.old_code, c.name, c.region_code, c.region_name, c.is_current');

export type CouncilFilter = { regionCode?: string | null; includeAbolished?: boolean };

function councilConditions(filter: CouncilFilter): Sql[] {
  const conditions: Sql[] = [];
  if (!filter.includeAbolished) conditions.push(sql`c.is_current`);
  if (filter.regionCode) conditions.push(sql`c.region_code = ${filter.regionCode}::text`);
  return conditions;
}

function where(conditions: Sql[]): Sql {
  return conditions.length ? sql`where ${join(conditions, ' and ')}` : empty;
}

/** One page of councils in code order, fetching one extra row to tell whether more follow. */
const councilNameRow = rowParser(z.object({ code: z.string(), name: z.string() }));
const allCouncilNames = sql`select code, name from councils`;

/** Every council's name by code, current and abolished (for reports that print names). */
export async function councilNames(db: Queryable): Promise<Map<string, string>> {
  return new Map((await query(db, allCouncilNames, councilNameRow)).map((row) => [row.code, row.name]));
}

export async function findCouncilsPage(db: Queryable, filter: CouncilFilter, afterCode: string | null, limit: number): Promise<CouncilRow[]> {
  const conditions = councilConditions(filter);
  if (afterCode !== null) conditions.push(sql`c.code > ${afterCode}::text`);
  return query(db, sql`select ${COUNCIL_COLUMNS} from councils c ${where(conditions)} order by c.code limit ${limit}::int`, parseCouncilRow);
}

const countRow = rowParser(z.object({ count: z.number().int() }));

export async function countCouncils(db: Queryable, filter: CouncilFilter): Promise<number> {
  const [{ count }] = await query(db, sql`select count(*)::int as count from councils c ${where(councilConditions(filter))}`, countRow);
  return count;
}

const regionCodeRow = rowParser(z.object({ region_code: z.string() }));

/** Finds the region code for a region given by code or by name (case-insensitive), or null. */
export async function findRegionCode(db: Queryable, region: string): Promise<string | null> {
  const rows = await query(
    db,
    sql`select region_code from councils where region_code = ${region}::text or lower(region_name) = lower(${region}::text) limit 1`,
    regionCodeRow,
  );
  return rows[0]?.region_code ?? null;
}

const isCurrentRow = rowParser(z.object({ is_current: z.boolean() }));

/** Whether the council exists today (true), is abolished (false), or is unknown (null). */
export async function councilIsCurrent(db: Queryable, code: string): Promise<boolean | null> {
  const [row] = await query(db, sql`select is_current from councils where code = ${code}::text`, isCurrentRow);
  return row ? row.is_current : null;
}

const neighbourRow = rowParser(councilRow.extend({ council_code: z.string() }));
const childrenLookedAfterRow = rowParser(
  z.object({
    council_code: z.string(),
    time_period: z.number().int(),
    children_count: z.number().int().nullable(),
    children_count_symbol: z.string().nullable(),
  }),
);

/** Per-request loaders for councils: each batches every key asked for in one tick into one statement. */
export function createCouncilLoaders(db: Queryable) {
  return {
    councilByCode: new DataLoader<string, CouncilRow | null>(async (codes) => {
      const rows = await query(db, sql`select ${COUNCIL_COLUMNS} from councils c where c.code = any(${codes}::text[])`, parseCouncilRow);
      const byCode = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),

    statisticalNeighbours: new DataLoader<string, CouncilRow[]>(async (codes) => {
      const rows = await query(
        db,
        sql`select sn.council_code, ${COUNCIL_COLUMNS}
         from statistical_neighbours sn join councils c on c.code = sn.neighbour_code
         where sn.council_code = any(${codes}::text[])
         order by sn.council_code, sn.rank`,
        neighbourRow,
      );
      const byCouncil = new Map<string, CouncilRow[]>();
      for (const row of rows) {
        const list = byCouncil.get(row.council_code) ?? [];
        list.push(row);
        byCouncil.set(row.council_code, list);
      }
      return codes.map((code) => byCouncil.get(code) ?? []);
    }),

    /** Keyed by `${code}|${year}`: the official children-looked-after count at 31 March of that year. */
    childrenLookedAfter: new DataLoader<string, { value: number | null; symbol: string | null } | null>(async (keys) => {
      const pairs = keys.map((key) => key.split('|'));
      const rows = await query(
        db,
        sql`select s.council_code, s.time_period, s.children_count, s.children_count_symbol
         from official_statistics s
         join unnest(${pairs.map(([code]) => code)}::text[], ${pairs.map(([, year]) => Number(year))}::int[]) as k(code, year) on s.council_code = k.code and s.time_period = k.year
         where s.geographic_level = 'Local authority' and s.measure = ${CHILDREN_LOOKED_AFTER_MEASURE}::text`,
        childrenLookedAfterRow,
      );
      const byKey = new Map(rows.map((row) => [`${row.council_code}|${row.time_period}`, { value: row.children_count, symbol: row.children_count_symbol }]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}

const areaStatusRow = rowParser(z.object({ is_council: z.boolean().nullable(), is_current: z.boolean().nullable() }));

/**
 * Whether `code` is a council (true) or a region (false) and whether it, or any council of the
 * region, is current; both null when the code is neither.
 */
export async function areaStatus(db: Queryable, code: string): Promise<{ is_council: boolean | null; is_current: boolean | null }> {
  const [row] = await query(
    db,
    sql`select bool_or(code = ${code}::text) as is_council, bool_or(is_current) as is_current
     from councils where code = ${code}::text or region_code = ${code}::text`,
    areaStatusRow,
  );
  return row;
}
