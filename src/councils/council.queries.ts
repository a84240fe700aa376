import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CHILDREN_LOOKED_AFTER_MEASURE } from './officialStatistics.import';

/** A council as read from the database, in the shape the GraphQL type is built from. */
export type CouncilRow = {
  code: string;
  old_code: string;
  name: string;
  region_code: string;
  region_name: string;
  is_current: boolean;
};

const COUNCIL_COLUMNS = 'c.code, c.old_code, c.name, c.region_code, c.region_name, c.is_current';

export type CouncilFilter = { regionCode?: string | null; includeAbolished?: boolean };

function councilWhere(filter: CouncilFilter, params: unknown[]): string {
  const conditions: string[] = [];
  if (!filter.includeAbolished) conditions.push('c.is_current');
  if (filter.regionCode) {
    params.push(filter.regionCode);
    conditions.push(`c.region_code = $${params.length}::text`);
  }
  return conditions.length ? `where ${conditions.join(' and ')}` : '';
}

/** One page of councils in code order, fetching one extra row to tell whether more follow. */
export async function findCouncilsPage(db: DataSource, filter: CouncilFilter, afterCode: string | null, limit: number): Promise<CouncilRow[]> {
  const params: unknown[] = [];
  let where = councilWhere(filter, params);
  if (afterCode !== null) {
    params.push(afterCode);
    where += `${where ? ' and' : 'where'} c.code > $${params.length}::text`;
  }
  params.push(limit);
  return db.query(`select ${COUNCIL_COLUMNS} from councils c ${where} order by c.code limit $${params.length}::int`, params);
}

export async function countCouncils(db: DataSource, filter: CouncilFilter): Promise<number> {
  const params: unknown[] = [];
  const [{ count }] = await db.query(`select count(*)::int as count from councils c ${councilWhere(filter, params)}`, params);
  return count;
}

/** Finds the region code for a region given by code or by name (case-insensitive), or null. */
export async function findRegionCode(db: DataSource, region: string): Promise<string | null> {
  const rows: { region_code: string }[] = await db.query(
    'select region_code from councils where region_code = $1::text or lower(region_name) = lower($1::text) limit 1',
    [region],
  );
  return rows[0]?.region_code ?? null;
}

/** Per-request loaders for councils: each batches every key asked for in one tick into one statement. */
export function createCouncilLoaders(db: DataSource) {
  return {
    councilByCode: new DataLoader<string, CouncilRow | null>(async (codes) => {
      const rows: CouncilRow[] = await db.query(`select ${COUNCIL_COLUMNS} from councils c where c.code = any($1::text[])`, [codes]);
      const byCode = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),

    statisticalNeighbours: new DataLoader<string, CouncilRow[]>(async (codes) => {
      const rows: (CouncilRow & { council_code: string })[] = await db.query(
        `select sn.council_code, ${COUNCIL_COLUMNS}
         from statistical_neighbours sn join councils c on c.code = sn.neighbour_code
         where sn.council_code = any($1::text[])
         order by sn.council_code, sn.rank`,
        [codes],
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
      const rows: { council_code: string; time_period: number; children_count: number | null; children_count_symbol: string | null }[] = await db.query(
        `select s.council_code, s.time_period, s.children_count, s.children_count_symbol
         from official_statistics s
         join unnest($1::text[], $2::int[]) as k(code, year) on s.council_code = k.code and s.time_period = k.year
         where s.geographic_level = 'Local authority' and s.measure = $3::text`,
        [pairs.map(([code]) => code), pairs.map(([, year]) => Number(year)), CHILDREN_LOOKED_AFTER_MEASURE],
      );
      const byKey = new Map(rows.map((row) => [`${row.council_code}|${row.time_period}`, { value: row.children_count, symbol: row.children_count_symbol }]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
