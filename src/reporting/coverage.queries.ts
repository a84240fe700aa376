import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { RollupRun } from './coverage.types';
import type { AreaFigures, ComparisonTable, CouncilFigures, CoverageFigures, CouncilSuppression, Figure, ProtectedMetric } from './disclosure';
import { ENGLAND_CODE, ok } from './disclosure';
import { areaInsightInputs, councilInsightInputs, EarlierSuppression, InsightColumns } from './insights';
import { CouncilPoolRow, poolFigures, RegionPoolRow } from './volunteerPool';
import { FigureStatus } from './figure.type';

/**
 * Reads for the national views. They touch only the `reporting` schema (rollups and run log) and
 * reference data (councils, statistical neighbours), never the operational tables: a test records
 * the SQL and checks.
 */

/** A row of reporting.rollup_council_month (numeric columns arrive as numbers through json). */
export type CouncilRow = {
  council_code: string;
  region_code: string;
  service: string;
  month_end: string;
  children_looked_after: number | null;
  children_looked_after_status: FigureStatus;
  children_looked_after_year?: number | null;
  children_matched: number;
  coverage_rate: number | null;
  waiting: number;
  has_waiting_list: boolean;
  median_wait_days: number | null;
  p90_wait_days: number | null;
  rank: number | null;
  quartile: number | null;
  statistical_neighbour_median_rate: number | null;
} & InsightColumns;

/** A row of reporting.rollup_region_month or rollup_england_month. */
export type AreaRow = Omit<CouncilRow, 'council_code' | 'children_looked_after_status' | 'rank' | 'quartile' | 'statistical_neighbour_median_rate'> & {
  region_name?: string;
  /** Children matched in the councils whose official figure is available: the rate's numerator. */
  children_matched_with_figure?: number | null;
};

const noneWaiting: Figure = { value: null, status: FigureStatus.NOT_APPLICABLE };
const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function councilFigures(row: CouncilRow): CoverageFigures {
  const officialStatus = row.children_looked_after_status;
  const waitFigure = (value: number | null) => (row.waiting > 0 ? ok(num(value)) : noneWaiting);
  return {
    childrenLookedAfter: officialStatus === FigureStatus.OK ? ok(num(row.children_looked_after)) : { value: null, status: officialStatus },
    childrenMatched: ok(num(row.children_matched)),
    // Without an official denominator the rate carries the denominator's status (reports/METRICS.md).
    coverageRate: officialStatus !== FigureStatus.OK ? { value: null, status: officialStatus } : ok(num(row.coverage_rate)),
    waiting: ok(num(row.waiting)),
    hasWaitingList: row.has_waiting_list,
    medianWaitDays: waitFigure(row.median_wait_days),
    p90WaitDays: waitFigure(row.p90_wait_days),
    childrenLookedAfterYear: row.children_looked_after_year ?? null,
  };
}

export function areaFigures(row: AreaRow): CoverageFigures {
  const waitFigure = (value: number | null) => (row.waiting > 0 ? ok(num(value)) : noneWaiting);
  return {
    childrenLookedAfter: ok(num(row.children_looked_after)),
    childrenMatched: ok(num(row.children_matched)),
    coverageRate: ok(num(row.coverage_rate)),
    waiting: ok(num(row.waiting)),
    hasWaitingList: row.has_waiting_list,
    medianWaitDays: waitFigure(row.median_wait_days),
    p90WaitDays: waitFigure(row.p90_wait_days),
    childrenLookedAfterYear: row.children_looked_after_year ?? null,
  };
}

export function toCouncilFigures(row: CouncilRow, pool?: CouncilPoolRow): CouncilFigures {
  const figures = councilFigures(row);
  return {
    councilCode: row.council_code,
    regionCode: row.region_code,
    figures,
    rank: row.rank,
    quartile: row.quartile,
    statisticalNeighbourMedianRate: ok(num(row.statistical_neighbour_median_rate)),
    pool: pool ? poolFigures(pool, figures.waiting) : null,
    insightInputs: councilInsightInputs(row),
  };
}

/** An England or region row with the count behind its rate, as disclosure control takes it. */
export function toAreaFigures(row: AreaRow): AreaFigures {
  return {
    figures: areaFigures(row),
    childrenMatchedWithFigure: num(row.children_matched_with_figure ?? null),
    insightInputs: areaInsightInputs(row),
    coverage12MonthsEarlier: {
      childrenMatchedWithFigure: num(row.children_matched_with_figure_12_months_earlier ?? null),
      childrenLookedAfter: num(row.children_looked_after_12_months_earlier ?? null),
    },
  };
}

/** One service at one reporting date, unsuppressed, from the rollup rows. */
export function comparisonTable(rows: {
  councils: CouncilRow[];
  regions: AreaRow[];
  england: AreaRow;
  councilPools: CouncilPoolRow[];
  regionPools: RegionPoolRow[];
}): ComparisonTable {
  const councilPools = new Map(rows.councilPools.map((pool) => [pool.council_code, pool]));
  const regionPools = new Map(rows.regionPools.map((pool) => [pool.region_code, pool]));
  return {
    councils: rows.councils.map((row) => toCouncilFigures(row, councilPools.get(row.council_code))),
    regions: rows.regions.map((row) => {
      const pool = regionPools.get(row.region_code!);
      const figures = toAreaFigures(row);
      return { ...figures, regionCode: row.region_code!, regionName: row.region_name!, pool: pool ? poolFigures(pool, figures.figures.waiting) : null };
    }),
    england: toAreaFigures(rows.england),
  };
}

/** What the refresh's disclosure audit recorded for one table. */
export type AuditRow = {
  metric: string;
  suppressed_primary: number;
  suppressed_secondary: number;
  suppressed_audit: number;
  narrowest_range: number | null;
  lowest_upper_bound: number | null;
  unresolved: number;
};

export type Comparison = {
  councils: CouncilRow[];
  regions: AreaRow[];
  england: AreaRow | null;
  refreshedAt: Date | null;
  firstMonthEnd: string | null;
  lastMonthEnd: string | null;
  /** False until a refresh has built the volunteer-pool rollups (reports/models/4[56]_*_pool.sql). */
  hasVolunteerPools: boolean;
  /** Cells the disclosure audit suppressed beyond the primary and secondary rules. */
  audited: Pick<CouncilSuppression, 'metric' | 'councilCode'>[];
  /** The audit's summary per metric; empty before the first audited refresh. */
  audit: AuditRow[];
  /** Cells suppressed a year and half a year earlier that the insights read (childrenMatched, waiting). */
  earlier: EarlierSuppression[];
};

const UNDEFINED_TABLE = '42P01';

/** Until the first refresh builds them, the rollup tables do not exist: that reads as "no figures yet". */
export async function whenBuilt<T>(read: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
    if (code === UNDEFINED_TABLE) return empty;
    throw error;
  }
}

/** Everything a comparison needs, in one statement. */
export async function readComparison(db: Queryable, service: string, date: string): Promise<Comparison> {
  return whenBuilt(() => queryComparison(db, service, date), {
    councils: [],
    regions: [],
    england: null,
    refreshedAt: null,
    firstMonthEnd: null,
    lastMonthEnd: null,
    hasVolunteerPools: false,
    audited: [],
    audit: [],
    earlier: [],
  });
}

/**
 * The comparison's one statement. Its json aggregates arrive as parsed JSON: the top-level row is
 * checked here, and the rollup rows inside it have the rollups' own column names and types (the
 * rollups' data tests guard those).
 */
const comparisonRow = rowParser(
  z.object({
    councils: z.array(z.custom<CouncilRow>((value) => typeof value === 'object' && value !== null)),
    regions: z.array(z.custom<AreaRow>((value) => typeof value === 'object' && value !== null)),
    england: z.custom<AreaRow>((value) => typeof value === 'object').nullable(),
    refreshed_at: z.date().nullable(),
    first_month_end: z.string().nullable(),
    last_month_end: z.string().nullable(),
    has_volunteer_pools: z.boolean(),
    audited: z.array(z.custom<Comparison['audited'][number]>((value) => typeof value === 'object' && value !== null)),
    audit: z.array(z.custom<Comparison['audit'][number]>((value) => typeof value === 'object' && value !== null)),
    earlier: z.array(z.custom<Comparison['earlier'][number]>((value) => typeof value === 'object' && value !== null)),
  }),
);

/** The month end `months` before the one `date` falls in, as SQL on a date expression. */
const monthEndBefore = (date: Sql, months: number): Sql =>
  sql`(date_trunc('month', ${date}) - ${raw(`interval '${months - 1} months'`)} - interval '1 day')::date`;

async function queryComparison(db: Queryable, service: string, date: string): Promise<Comparison> {
  const onDate = sql`${date}::date`;
  const [row] = await query(
    db,
    sql`select
       (select coalesce(json_agg(c order by c.council_code), '[]') from reporting.rollup_council_month c
         where c.service = ${service}::text and c.month_end = ${onDate}) as councils,
       (select coalesce(json_agg(r order by r.region_code), '[]') from reporting.rollup_region_month r
         where r.service = ${service}::text and r.month_end = ${onDate}) as regions,
       (select row_to_json(e) from reporting.rollup_england_month e where e.service = ${service}::text and e.month_end = ${onDate}) as england,
       (select max(finished_at) from reporting.refresh_runs where model = 'rollup_council_month' and status = 'SUCCEEDED') as refreshed_at,
       (select min(month_end)::text from reporting.rollup_england_month) as first_month_end,
       (select max(month_end)::text from reporting.rollup_england_month) as last_month_end,
       to_regclass('reporting.rollup_region_pool') is not null as has_volunteer_pools,
       (select coalesce(json_agg(json_build_object('metric', s.metric, 'councilCode', s.area_code)), '[]') from reporting.disclosure_suppressions s
         where s.service = ${service}::text and s.month_end = ${onDate} and s.step = 'AUDIT') as audited,
       (select coalesce(json_agg(a order by a.metric), '[]') from reporting.disclosure_audit a where a.service = ${service}::text and a.month_end = ${onDate}) as audit,
       (select coalesce(json_agg(json_build_object('metric', s.metric, 'areaCode', s.area_code)), '[]') from reporting.disclosure_suppressions s
         where s.service = ${service}::text
           and ((s.metric = 'childrenMatched' and s.month_end = ${monthEndBefore(onDate, 12)})
             or (s.metric = 'waiting' and s.month_end = ${monthEndBefore(onDate, 6)}))) as earlier`,
    comparisonRow,
  );
  return {
    councils: row.councils,
    regions: row.regions,
    england: row.england,
    refreshedAt: row.refreshed_at,
    firstMonthEnd: row.first_month_end,
    lastMonthEnd: row.last_month_end,
    hasVolunteerPools: row.has_volunteer_pools,
    audited: row.audited,
    audit: row.audit,
    earlier: row.earlier,
  };
}

/**
 * The metrics the disclosure audit withheld for one area in the table (service and month end) of
 * a rollup row, as an SQL expression; `code` is the area's code (a column or a value) and `row` the
 * rollup row's alias.
 */
export const auditedMetricsSql = (code: Sql, row: Sql): Sql =>
  sql`array(select s.metric from reporting.disclosure_suppressions s
         where s.service = ${row}.service and s.month_end = ${row}.month_end and s.area_code = ${code} and s.step = 'AUDIT')`;

/** The metrics of protected cells withheld a year (childrenMatched) and half a year (waiting) before a council row's month end. */
const earlierSuppressedSql = (row: Sql): Sql =>
  sql`array(select s.metric from reporting.disclosure_suppressions s
                  where s.service = ${row}.service and s.area_code = ${row}.council_code
                    and ((s.metric = 'childrenMatched' and s.month_end = ${monthEndBefore(sql`${row}.month_end`, 12)})
                      or (s.metric = 'waiting' and s.month_end = ${monthEndBefore(sql`${row}.month_end`, 6)})))`;

/** Rows read with auditedMetricsSql, as the cells suppressCouncils and publishTable apply. */
export function auditedCells<T extends { audited_metrics: string[] }>(
  rows: T[],
  codeOf: (row: T) => string,
): Pick<CouncilSuppression, 'metric' | 'councilCode'>[] {
  return rows.flatMap((row) => row.audited_metrics.map((metric) => ({ metric: metric as ProtectedMetric, councilCode: codeOf(row) })));
}

/** Rows of one table (a service at a month end) together, keyed `SERVICE|YYYY-MM-DD`. */
export function groupByTable<T extends { service: string; month_end: string }>(list: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const key = `${item.service}|${item.month_end}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * A council's row in a series, with the metrics the disclosure audit suppressed for it that month,
 * the cells suppressed a year (childrenMatched) and half a year (waiting) earlier that its insights
 * read, and England's row that month (with its audited metrics) for the flags.
 */
export type SeriesRow = CouncilRow & { audited_metrics: string[]; earlier_suppressed: string[]; england: (AreaRow & { audited_metrics: string[] }) | null };

/** Every council of a region at each month end in the range. */
export async function readRegionSeries(db: Queryable, regionCode: string, service: string, from: string, to: string): Promise<SeriesRow[]> {
  return whenBuilt(() => queryRegionSeries(db, regionCode, service, from, to), []);
}

const seriesRow = rowParser(
  z
    .object({
      council_code: z.string(),
      month_end: z.string(),
      audited_metrics: z.array(z.string()),
      earlier_suppressed: z.array(z.string()),
      england: z.object({}).passthrough().nullable(),
    })
    .passthrough(),
);

async function queryRegionSeries(db: Queryable, regionCode: string, service: string, from: string, to: string): Promise<SeriesRow[]> {
  const c = raw('c');
  const e = raw('e');
  return (await query(
    db,
    sql`select c.*, ${auditedMetricsSql(raw('c.council_code'), c)} as audited_metrics,
            ${earlierSuppressedSql(c)} as earlier_suppressed,
            (select to_jsonb(e) || jsonb_build_object('audited_metrics', ${auditedMetricsSql(sql`${ENGLAND_CODE}::text`, e)})
               from reporting.rollup_england_month e where e.service = c.service and e.month_end = c.month_end) as england
     from reporting.rollup_council_month c
     where c.region_code = ${regionCode}::text and c.service = ${service}::text and c.month_end between ${from}::date and ${to}::date
     order by c.month_end, c.council_code`,
    seriesRow,
  )) as unknown as SeriesRow[];
}

/** Each council's statistical neighbours (reference data), closest first; from a request or the refresh's connection. */
const neighboursRow = rowParser(z.object({ council_code: z.string(), neighbours: z.array(z.string()) }));
const allNeighbours = sql`select council_code, array_agg(neighbour_code order by rank) as neighbours from statistical_neighbours group by council_code`;

export async function readNeighbours(db: Queryable): Promise<Map<string, string[]>> {
  const rows = await query(db, allNeighbours, neighboursRow);
  return new Map(rows.map((row) => [row.council_code, row.neighbours]));
}

const freshnessRow = rowParser(
  z.object({
    model: z.string(),
    refreshed_at: z.date().nullable(),
    duration_ms: z.string().nullable(),
    rows: z.string().nullable(),
    status: z.string(),
    error: z.string().nullable(),
  }),
);
const latestRunPerModel = sql`select distinct on (r.model) r.model, r.rows::text as rows, r.status, r.error,
            round(extract(epoch from (r.finished_at - r.started_at)) * 1000)::text as duration_ms,
            (select max(s.finished_at) from reporting.refresh_runs s where s.model = r.model and s.status in ('SUCCEEDED', 'UNCHANGED')) as refreshed_at
     from reporting.refresh_runs r
     order by r.model, r.refresh_run_id desc`;

export async function readFreshness(db: Queryable): Promise<RollupRun[]> {
  const rows = await query(db, latestRunPerModel, freshnessRow);
  return rows.map((row) => ({
    rollup: row.model,
    refreshedAt: row.refreshed_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    rows: row.rows === null ? null : Number(row.rows),
    status: row.status,
    error: row.error,
  }));
}

export type AuditSummaryRow = AuditRow & { service: string; tables: number; first_month_end: string; last_month_end: string };

/** The published disclosure audit summed per service and metric over every month end. */
const auditSummaryRow = rowParser(
  z.object({ service: z.string(), metric: z.string(), tables: z.number(), first_month_end: z.string(), last_month_end: z.string() }).passthrough(),
);
const auditSummary = sql`select service, metric, count(*)::integer as tables, min(month_end)::text as first_month_end, max(month_end)::text as last_month_end,
            sum(suppressed_primary)::integer as suppressed_primary, sum(suppressed_secondary)::integer as suppressed_secondary,
            sum(suppressed_audit)::integer as suppressed_audit, min(narrowest_range) as narrowest_range,
            min(lowest_upper_bound) as lowest_upper_bound, sum(unresolved)::integer as unresolved
     from reporting.disclosure_audit
     group by service, metric
     order by service, metric`;

export async function readAuditSummary(db: Queryable): Promise<AuditSummaryRow[]> {
  return (await query(db, auditSummary, auditSummaryRow)) as unknown as AuditSummaryRow[];
}
