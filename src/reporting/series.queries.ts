import sql, { empty, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { pgDate, pgTimestamp, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { AreaRow, CouncilRow } from './coverage.queries';
import { whenBuilt } from './coverage.queries';
import { ENGLAND_CODE } from './disclosure';

/**
 * Reads for reportingDates and areaTimeSeries. Like coverage.queries.ts they touch only the
 * `reporting` schema (rollups, run log, the audit's suppressions), never the operational tables.
 */

const datesRow = rowParser(z.object({ month_ends: z.array(pgDate), refreshed_at: pgTimestamp.nullable() }));

export type ReportingDateRows = { monthEnds: string[]; refreshedAt: Date | null };

/** The month ends the rollups hold (for one service, or either), oldest first, and when they were refreshed. */
export async function readReportingDates(db: Queryable, service: string | null): Promise<ReportingDateRows> {
  const serviceIs = service === null ? empty : sql`where e.service = ${service}::text`;
  const read = async () => {
    const [row] = await query(
      db,
      sql`select
            coalesce((select array_agg(distinct e.month_end::text order by e.month_end::text) from reporting.rollup_england_month e ${serviceIs}), '{}') as month_ends,
            (select max(finished_at) from reporting.refresh_runs where model = 'rollup_council_month' and status = 'SUCCEEDED') as refreshed_at`,
      datesRow,
    );
    return { monthEnds: row.month_ends, refreshedAt: row.refreshed_at };
  };
  return whenBuilt(read, { monthEnds: [], refreshedAt: null });
}

const latestRow = rowParser(z.object({ latest: pgDate.nullable() }));

/** The latest month end the rollups hold for a service; null before the first refresh. */
export async function readLatestMonthEnd(db: Queryable, service: string): Promise<string | null> {
  const read = async () => {
    const [row] = await query(
      db,
      sql`select max(e.month_end)::text as latest from reporting.rollup_england_month e where e.service = ${service}::text`,
      latestRow,
    );
    return row.latest;
  };
  return whenBuilt(read, null);
}

/** The area a series is for: England, a region (every current council of it) or one current council. */
export type SeriesArea = { kind: 'england'; code: string } | { kind: 'region'; code: string } | { kind: 'council'; code: string; regionCode: string };

/** The columns of a council's rollup row a point is built from (toCouncilFigures). */
const COUNCIL_COLUMNS = sql`c.council_code, c.region_code, c.service, c.month_end::text as month_end, c.children_looked_after,
  c.children_looked_after_status, c.children_looked_after_year, c.children_matched, c.coverage_rate, c.waiting, c.has_waiting_list,
  c.median_wait_days, c.p90_wait_days, c.rank, c.quartile, c.statistical_neighbour_median_rate`;

const auditedRow = rowParser(z.object({ month_end: pgDate, area_code: z.string(), metrics: z.array(z.string()) }));

const seriesRow = rowParser(z.looseObject({ month_end: pgDate, service: z.string() }));

export type SeriesCouncilRow = CouncilRow & { audited_metrics: string[] };
export type SeriesAreaRow = AreaRow & { audited_metrics: string[] };

export type SeriesRows = {
  england: SeriesAreaRow[];
  regions: SeriesAreaRow[];
  councils: SeriesCouncilRow[];
};

const firstActiveRow = rowParser(z.object({ first_active: pgDate.nullable() }));

/**
 * The rollup rows a series needs at each month end from `from` to `to`: England's always (the
 * comparison's table has it), the region's for a region, and for a council its own row or, with
 * `allCouncils`, every council's (disclosure control ranks among every published rate).
 */
export async function readSeriesRows(db: Queryable, area: SeriesArea, service: string, from: string, to: string, allCouncils: boolean): Promise<SeriesRows> {
  const inRange = (alias: Sql) => sql`${alias}.service = ${service}::text and ${alias}.month_end between ${from}::date and ${to}::date`;
  const read = async (): Promise<SeriesRows> => {
    const england = await query(
      db,
      sql`select e.*, e.month_end::text as month_end from reporting.rollup_england_month e where ${inRange(sql`e`)} order by e.month_end`,
      seriesRow,
    );
    const regions =
      area.kind === 'region'
        ? await query(
            db,
            sql`select r.*, r.month_end::text as month_end from reporting.rollup_region_month r
                where r.region_code = ${area.code}::text and ${inRange(sql`r`)} order by r.month_end`,
            seriesRow,
          )
        : [];
    const councils =
      area.kind === 'council'
        ? await query(
            db,
            sql`select ${COUNCIL_COLUMNS} from reporting.rollup_council_month c
                where ${inRange(sql`c`)} ${allCouncils ? empty : sql`and c.council_code = ${area.code}::text`}
                order by c.month_end, c.council_code`,
            seriesRow,
          )
        : [];
    // The cells the refresh's disclosure audit withheld in these tables (few: read once, not per row).
    const audited = await query(
      db,
      sql`select s.month_end::text as month_end, s.area_code, array_agg(s.metric order by s.metric) as metrics
          from reporting.disclosure_suppressions s
          where ${inRange(sql`s`)} and s.step = 'AUDIT'
          group by s.month_end, s.area_code`,
      auditedRow,
    );
    const withheld = new Map(audited.map((row) => [`${row.month_end}|${row.area_code}`, row.metrics]));
    const withAudit = <T extends { month_end: string }>(list: T[], code: (row: T) => string) =>
      list.map((row) => ({ ...row, audited_metrics: withheld.get(`${row.month_end}|${code(row)}`) ?? [] }));
    return {
      england: withAudit(england, () => ENGLAND_CODE) as unknown as SeriesAreaRow[],
      regions: withAudit(regions, (row) => String(row.region_code)) as unknown as SeriesAreaRow[],
      councils: withAudit(councils, (row) => String(row.council_code)) as unknown as SeriesCouncilRow[],
    };
  };
  return whenBuilt(read, { england: [], regions: [], councils: [] });
}

/**
 * The first month end on or before which the area had any record for the service: any referral
 * received, child waiting or matched, or match started or ended means its service had begun by
 * then (reports/METRICS.md, "Series"); null when it never had one.
 */
export async function readFirstActive(db: Queryable, area: SeriesArea, service: string): Promise<string | null> {
  const read = async () => {
    const within =
      area.kind === 'council' ? sql`and c.council_code = ${area.code}::text` : area.kind === 'region' ? sql`and c.region_code = ${area.code}::text` : empty;
    const [{ first_active: firstActive }] = await query(
      db,
      sql`select min(c.month_end)::text as first_active from reporting.rollup_council_month c
        where c.service = ${service}::text ${within}
          and (c.children_matched > 0 or c.waiting > 0 or coalesce(c.referrals_received, 0) > 0
               or coalesce(c.matches_started, 0) > 0 or coalesce(c.matches_ended, 0) > 0)`,
      firstActiveRow,
    );
    return firstActive;
  };
  return whenBuilt(read, null);
}
