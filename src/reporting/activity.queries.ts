import DataLoader from 'dataloader';
import sql from 'sql-template-tag';
import { z } from 'zod';
import type { Principal } from '../auth/viewer';
import { pgDate, pgNumeric, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { ActivityRow, ActivityTable, PeriodType } from './activity';
import { activityTable, publishActivityTable } from './activity';
import { whenBuilt } from './coverage.queries';
import { audienceOf } from './coverage.resolver';

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

/** Every area's row of the given tables, in one statement (none before the first refresh builds the rollup). */
export async function readActivityRows(db: Queryable, keys: readonly ActivityTableKey[]): Promise<ActivityRow[]> {
  if (keys.length === 0) return [];
  const read = () =>
    query(
      db,
      sql`select a.geographic_level, a.area_code, a.region_code, a.service, a.period_type, a.period_start::text as period_start,
                 a.period_end::text as period_end, a.referrals_received, a.referrals_by_source, a.median_days_to_match, a.referrals_matched,
                 a.matches_started, a.matches_ended, a.matches_ended_by_reason, a.sustained_rate, a.sustained_judged, a.sustained_count,
                 a.volunteers_approved
          from reporting.rollup_period_activity a
          join unnest(${keys.map((key) => key.service)}::text[], ${keys.map((key) => key.periodType)}::text[], ${keys.map((key) => key.periodEnd)}::date[])
            as wanted (service, period_type, period_end)
            on wanted.service = a.service and wanted.period_type = a.period_type and wanted.period_end = a.period_end
          order by a.service, a.period_type, a.period_end, a.area_code`,
      activityRow,
    );
  return whenBuilt(read, []) as Promise<ActivityRow[]>;
}

/** The rows of several tables, grouped by table (an absent table has no rows). */
export function groupActivityRows(rows: ActivityRow[]): Map<string, ActivityRow[]> {
  const tables = new Map<string, ActivityRow[]>();
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
 * a series, both periods) are read in one statement; each table is published once, whole, since
 * secondary suppression needs every council of a region.
 */
export function createActivityLoaders(db: Queryable, principal: Principal | null) {
  const audience = audienceOf(principal);
  return {
    activityTable: new DataLoader<ActivityTableKey, ActivityTable | null, string>(
      async (keys) => {
        const tables = groupActivityRows(await readActivityRows(db, keys));
        return keys.map((key) => {
          const rows = tables.get(tableKey(key));
          return rows ? publishActivityTable(activityTable(rows), audience).table : null;
        });
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

/** Every activity table the rollup holds, unsuppressed, for the audit (reports:audit). */
/**
 * The activity tables the rollup holds, one per service, period type and period end; `latestOnly`
 * keeps only the latest month and the latest year to 31 March of each service.
 */
export async function readAllActivityTables(
  db: Queryable,
  { latestOnly = false }: { latestOnly?: boolean } = {},
): Promise<{ service: string; periodType: PeriodType; table: ActivityTable }[]> {
  const allKeys = await whenBuilt(
    () =>
      query(
        db,
        sql`select distinct service, period_type, period_end::text as period_end from reporting.rollup_period_activity order by 1, 2, 3`,
        rowParser(z.object({ service: z.string(), period_type: z.enum(['month', 'year']), period_end: pgDate })),
      ),
    [],
  );
  // Ordered by period end within each service and period type, so the last of each is the latest.
  const keys = latestOnly
    ? allKeys.filter((key, index) => allKeys[index + 1]?.service !== key.service || allKeys[index + 1]?.period_type !== key.period_type)
    : allKeys;
  const rows = groupActivityRows(
    await readActivityRows(
      db,
      keys.map((key) => ({ service: key.service, periodType: key.period_type, periodEnd: key.period_end })),
    ),
  );
  return keys.map((key) => ({
    service: key.service,
    periodType: key.period_type,
    table: activityTable(rows.get(`${key.service}|${key.period_type}|${key.period_end}`) ?? []),
  }));
}
