import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { execute, query, Queryable } from '../database/sql';

/**
 * Every statement of the reference-data imports (official statistics, statistical neighbours,
 * council centroids): batched with `unnest`, one statement per table whatever the row count.
 */

const countRow = rowParser(z.object({ count: z.number().int() }));
const councilCount = sql`select count(*)::int as count from councils`;
const centroidCount = sql`select count(*)::int as count from council_centroids`;

export async function countCouncilRows(db: Queryable): Promise<number> {
  return (await query(db, councilCount, countRow))[0].count;
}

export async function countCentroidRows(db: Queryable): Promise<number> {
  return (await query(db, centroidCount, countRow))[0].count;
}

export type CouncilDetails = { code: string; oldCode: string; name: string; regionCode: string; regionName: string };

/** Inserts new councils and updates changed ones (an unchanged row is left alone). */
export async function upsertCouncilRows(db: Queryable, councils: CouncilDetails[]): Promise<void> {
  await execute(
    db,
    sql`insert into councils (code, old_code, name, region_code, region_name)
     select * from unnest(${councils.map((c) => c.code)}::text[], ${councils.map((c) => c.oldCode)}::text[], ${councils.map((c) => c.name)}::text[],
       ${councils.map((c) => c.regionCode)}::text[], ${councils.map((c) => c.regionName)}::text[])
     on conflict (code) do update
       set old_code = excluded.old_code, name = excluded.name,
           region_code = excluded.region_code, region_name = excluded.region_name, updated_at = now()
       where (councils.old_code, councils.name, councils.region_code, councils.region_name)
         is distinct from (excluded.old_code, excluded.name, excluded.region_code, excluded.region_name)`,
  );
}

/** Columns of official_statistics rows, one array per column, aligned. */
export type FigureColumns = {
  geographicLevel: string[];
  areaCode: string[];
  timePeriod: number[];
  timeIdentifier: string[];
  measure: string[];
  childrenCount: (number | null)[];
  childrenCountSymbol: (string | null)[];
  ratePer10000: (number | string | null)[];
  ratePer10000Symbol: (string | null)[];
  populationEstimate: (number | string | null)[];
  populationEstimateSymbol: (string | null)[];
  line: number[];
};

const insertedRow = rowParser(z.object({ inserted: z.boolean() }));

/** Inserts new figures and updates changed ones; one row back per row written (true: inserted). */
export async function upsertFigureRows(db: Queryable, f: FigureColumns, source: string, release: string): Promise<boolean[]> {
  const rows = await query(
    db,
    sql`insert into official_statistics as s (
       geographic_level, area_code, council_code, time_period, time_identifier, measure,
       children_count, children_count_symbol, rate_per_10000, rate_per_10000_symbol,
       population_estimate, population_estimate_symbol, source, release)
     select level, area, case when level = 'Local authority' then area end, period, identifier, measure,
            count, count_symbol, rate, rate_symbol, population, population_symbol, ${source}::text, ${release}::text
     from unnest(${f.geographicLevel}::text[], ${f.areaCode}::text[], ${f.timePeriod}::int[], ${f.timeIdentifier}::text[], ${f.measure}::text[],
                 ${f.childrenCount}::int[], ${f.childrenCountSymbol}::text[], ${f.ratePer10000}::numeric[], ${f.ratePer10000Symbol}::text[],
                 ${f.populationEstimate}::bigint[], ${f.populationEstimateSymbol}::text[], ${f.line}::int[])
       as t(level, area, period, identifier, measure, count, count_symbol, rate, rate_symbol, population, population_symbol, line)
     order by line
     on conflict on constraint official_statistics_key do update
       set children_count = excluded.children_count, children_count_symbol = excluded.children_count_symbol,
           rate_per_10000 = excluded.rate_per_10000, rate_per_10000_symbol = excluded.rate_per_10000_symbol,
           population_estimate = excluded.population_estimate, population_estimate_symbol = excluded.population_estimate_symbol,
           source = excluded.source, release = excluded.release, imported_at = now()
       where (s.children_count, s.children_count_symbol, s.rate_per_10000, s.rate_per_10000_symbol,
              s.population_estimate, s.population_estimate_symbol)
         is distinct from (excluded.children_count, excluded.children_count_symbol, excluded.rate_per_10000,
              excluded.rate_per_10000_symbol, excluded.population_estimate, excluded.population_estimate_symbol)
     returning (xmax = 0) as inserted`,
    insertedRow,
  );
  return rows.map((row) => row.inserted);
}

/**
 * A council is abolished when its latest figure for `measure` is `z` (not applicable) although an
 * earlier year has one; every other council is current.
 */
export async function markAbolishedCouncilRows(db: Queryable, measure: string): Promise<void> {
  await execute(
    db,
    sql`with figures as (
       select council_code, time_period, children_count_symbol is distinct from 'z' as applicable,
              rank() over (partition by council_code order by time_period desc) as recency
       from official_statistics
       where geographic_level = 'Local authority' and measure = ${measure}::text
     ), status as (
       select council_code,
              not (bool_or(applicable) filter (where recency = 1) = false and bool_or(applicable)) as is_current
       from figures group by council_code
     )
     update councils c set is_current = status.is_current, updated_at = now()
     from status where status.council_code = c.code and c.is_current <> status.is_current`,
  );
}

const oldCodeRow = rowParser(z.object({ code: z.string(), old_code: z.string() }));
const councilOldCodes = sql`select code, old_code from councils`;

export function councilCodesWithOld(db: Queryable): Promise<{ code: string; old_code: string }[]> {
  return query(db, councilOldCodes, oldCodeRow);
}

/** Replaces every statistical neighbour (run inside a transaction). */
export async function replaceStatisticalNeighbours(
  db: Queryable,
  n: { councilCodes: string[]; ranks: number[]; neighbourCodes: string[]; closeness: string[] },
  model: string,
): Promise<void> {
  await execute(db, sql`delete from statistical_neighbours`);
  await execute(
    db,
    sql`insert into statistical_neighbours (council_code, rank, neighbour_code, closeness, model)
       select council, rank, neighbour, closeness, ${model}::text
       from unnest(${n.councilCodes}::text[], ${n.ranks}::smallint[], ${n.neighbourCodes}::text[], ${n.closeness}::text[]) as t(council, rank, neighbour, closeness)`,
  );
}

const storedRow = rowParser(z.object({ council_code: z.string() }));

/** Upserts centroids of known councils (unknown codes skipped); returns how many were stored. */
export async function upsertCentroidRows(
  db: Queryable,
  c: { councilCodes: string[]; latitudes: number[]; longitudes: number[]; areasKm2: number[] },
  source: string,
): Promise<number> {
  const stored = await query(
    db,
    sql`insert into council_centroids (council_code, latitude, longitude, area_km2, source)
     select c.council_code, c.latitude, c.longitude, c.area_km2, ${source}::text
     from unnest(${c.councilCodes}::text[], ${c.latitudes}::float8[], ${c.longitudes}::float8[], ${c.areasKm2}::float8[]) as c (council_code, latitude, longitude, area_km2)
     where exists (select 1 from councils where code = c.council_code)
     on conflict (council_code) do update set latitude = excluded.latitude, longitude = excluded.longitude, area_km2 = excluded.area_km2, source = excluded.source
     returning council_code`,
    storedRow,
  );
  return stored.length;
}
