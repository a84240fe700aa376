import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import sql, { raw } from 'sql-template-tag';
import { z } from 'zod';
import type { Principal } from '../auth/viewer';
import { pgDate, pgNumeric, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { ActivityRow, ActivitySuppression, ActivityTable, PeriodType } from './activity';
import { activityTable, publishActivityTable } from './activity';
import { whenBuilt } from './coverage.queries';
import { audienceOf } from './disclosure';
import { refreshScoped } from './generation';

/**
 * Reads of reporting.rollup_period_activity (the period metrics at every level). Like
 * coverage.queries.ts they touch only the `reporting` schema.
 */

/** One activity table: a service and a period (a month, or a year to 31 March) by its end. */
export type ActivityTableKey = { service: string; periodType: PeriodType; periodEnd: string };

const tableKey = (key: ActivityTableKey) => `${key.service}|${key.periodType}|${key.periodEnd}`;

const activityRow = rowParser(
  z.object({
    geographic_level: z.enum(['council', 'region', 'england']),
    area_code: z.string(),
    region_code: z.string().nullable(),
    service: z.string(),
    period_type: z.enum(['month', 'year']),
    period_start: pgDate,
    period_end: pgDate,
    referrals_received: z.number(),
    referrals_by_source: z.record(z.string(), z.number()),
    median_days_to_match: z.number().nullable(),
    referrals_matched: z.number(),
    matches_started: z.number(),
    matches_ended: z.number(),
    matches_ended_by_reason: z.record(z.string(), z.number()),
    sustained_rate: pgNumeric.nullable(),
    sustained_judged: z.number(),
    sustained_count: z.number(),
    volunteers_approved: z.number(),
  }),
);

const ROW_COLUMNS = sql`a.geographic_level, a.area_code, a.region_code, a.service, a.period_type, a.period_start::text as period_start,
  a.period_end::text as period_end, a.referrals_received, a.referrals_by_source, a.median_days_to_match, a.referrals_matched,
  a.matches_started, a.matches_ended, a.matches_ended_by_reason, a.sustained_rate, a.sustained_judged, a.sustained_count,
  a.volunteers_approved`;

/**
 * Every area's row of the given tables, with the cells the refresh's audit withheld for the area
 * (`audited_cells`), in one statement. None before the first refresh builds the rollup and its
 * audit: activity is not served without the audit's outcome.
 */
export async function readActivityRows(db: Queryable, keys: readonly ActivityTableKey[]): Promise<(ActivityRow & { audited_cells: string[] })[]> {
  if (keys.length === 0) return [];
  const read = () =>
    query(
      db,
      sql`select ${ROW_COLUMNS},
                 array(select s.cell from reporting.activity_suppressions s
                       where s.service = a.service and s.period_type = a.period_type and s.period_end = a.period_end and s.area_code = a.area_code) as audited_cells
          from reporting.rollup_period_activity a
          join unnest(${keys.map((key) => key.service)}::text[], ${keys.map((key) => key.periodType)}::text[], ${keys.map((key) => key.periodEnd)}::date[])
            as wanted (service, period_type, period_end)
            on wanted.service = a.service and wanted.period_type = a.period_type and wanted.period_end = a.period_end
          order by a.service, a.period_type, a.period_end, a.area_code`,
      auditedActivityRow,
    );
  return whenBuilt(read, []);
}

const auditedActivityRow = (row: unknown) => {
  const { audited_cells: cells, ...rest } = row as { audited_cells: unknown };
  return { ...(activityRow(rest) as ActivityRow), audited_cells: z.array(z.string()).parse(cells) };
};

/** Every row of every table in `table` (the live rollup or this refresh's build), unsuppressed, for the refresh's audit. */
export async function readEveryActivityRow(db: Queryable, table: string): Promise<ActivityRow[]> {
  return whenBuilt(
    () => query(db, sql`select ${ROW_COLUMNS} from ${raw(table)} a order by a.service, a.period_type, a.period_end, a.area_code`, activityRow),
    [],
  ) as Promise<ActivityRow[]>;
}

/** The audit's cells of rows read with readActivityRows, as publishActivityTable applies them. */
export const auditedActivityCells = (rows: (ActivityRow & { audited_cells: string[] })[]): Pick<ActivitySuppression, 'cell' | 'councilCode'>[] =>
  rows.flatMap((row) => row.audited_cells.map((cell) => ({ cell, councilCode: row.area_code })));

/** The rows of several tables, grouped by table (an absent table has no rows). */
export function groupActivityRows<T extends ActivityRow>(rows: T[]): Map<string, T[]> {
  const tables = new Map<string, T[]>();
  for (const row of rows) {
    const key = tableKey({ service: row.service, periodType: row.period_type, periodEnd: row.period_end });
    const list = tables.get(key);
    if (list) list.push(row);
    else tables.set(key, [row]);
  }
  return tables;
}

/**
 * `activityTable`: each activity table the request asks for, published for the caller's audience.
 * The keys of one request (every council, region and England row of a comparison, every point of
 * a series, both periods) that no earlier request has published since the last refresh are read
 * in one statement.
 *
 * Published tables are kept by refresh generation, audience and table and shared by every request
 * (reads in flight included): each is the same for everyone of an audience until the next
 * refresh, and a council's series asks for one per month end, each published whole (secondary
 * suppression needs every council of a region). About 150 KB a table; 300 tables at most.
 */
export function createActivityLoaders(db: DataSource, principal: Principal | null) {
  const audience = audienceOf(principal);
  const published = refreshScoped<ActivityTable | null>(db, 'activityTables', 300);
  return {
    activityTable: new DataLoader<ActivityTableKey, ActivityTable | null, string>(
      async (keys) => {
        const generation = await published.generation();
        const shared = keys.map((key) => `${generation}|${audience}|${tableKey(key)}`);
        const tables = shared.map((key) => published.get(key));
        const missing = keys.filter((_, index) => !tables[index]);
        if (missing.length > 0) {
          const reading = readActivityRows(db, missing).then((rows) => groupActivityRows(rows));
          keys.forEach((key, index) => {
            if (tables[index]) return;
            // A failed read is not kept: the next request reads again.
            tables[index] = published.keep(
              shared[index],
              reading.then((grouped) => {
                const rows = grouped.get(tableKey(key));
                return rows ? publishActivityTable(activityTable(rows), audience, auditedActivityCells(rows)).table : null;
              }),
            );
          });
        }
        return Promise.all(tables as Promise<ActivityTable | null>[]);
      },
      { cacheKeyFn: tableKey },
    ),
  };
}

const periodEndRow = rowParser(z.object({ service: z.string(), month_end: pgDate }));

/** The ends of every period of a type England's activity holds for these services, oldest first (the council-activity file's tables). */
export async function readActivityPeriodEnds(db: Queryable, services: string[], periodType: PeriodType): Promise<{ service: string; month_end: string }[]> {
  return whenBuilt(
    () =>
      query(
        db,
        sql`select service, period_end::text as month_end from reporting.rollup_period_activity
            where geographic_level = 'england' and period_type = ${periodType}::text and service = any(${services}::text[])
            order by period_end, service`,
        periodEndRow,
      ),
    [],
  );
}

/** Every activity table the rollup holds, unsuppressed, one per service, period type and period end (for the tests of the audit). */
export async function readAllActivityTables(db: Queryable): Promise<{ service: string; periodType: PeriodType; table: ActivityTable }[]> {
  const tables = groupActivityRows(await readEveryActivityRow(db, 'reporting.rollup_period_activity'));
  return [...tables.values()].map((rows) => ({ service: rows[0].service, periodType: rows[0].period_type, table: activityTable(rows) }));
}

const activityAuditRow = rowParser(
  z.object({
    service: z.string(),
    period_type: z.string(),
    family: z.string(),
    tables: z.number(),
    first_period_end: pgDate,
    last_period_end: pgDate,
    suppressed_primary: z.number(),
    suppressed_secondary: z.number(),
    suppressed_audit: z.number(),
    narrowest_range: z.number().nullable(),
    unresolved: z.number(),
  }),
);

/** The published activity audit summed per service, period type and family (none before the first audited refresh). */
export async function readActivityAuditSummary(db: Queryable) {
  return whenBuilt(
    () =>
      query(
        db,
        sql`select service, period_type, family, count(*)::int as tables, min(period_end)::text as first_period_end, max(period_end)::text as last_period_end,
                   sum(suppressed_primary)::int as suppressed_primary, sum(suppressed_secondary)::int as suppressed_secondary,
                   sum(suppressed_audit)::int as suppressed_audit, min(narrowest_range) as narrowest_range, sum(unresolved)::int as unresolved
            from reporting.activity_audit group by service, period_type, family order by service, period_type, family`,
        activityAuditRow,
      ),
    [],
  );
}
