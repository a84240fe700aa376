import DataLoader from 'dataloader';
import sql, { raw } from 'sql-template-tag';
import { z } from 'zod';
import type { Principal } from '../auth/viewer';
import {
  AreaRow,
  areaFigures,
  auditedCells,
  auditedMetricsSql,
  councilFigures,
  CouncilRow,
  groupByTable,
  toAreaFigures,
  toCouncilFigures,
  whenBuilt,
} from '../reporting/coverage.queries';
import { audienceOf } from '../reporting/disclosure';
import { Audience, CoverageFigures, ENGLAND_CODE, publishArea, suppressCouncils } from '../reporting/disclosure';
import { execute, query, Queryable } from '../database/sql';
import { pgDate, rowParser } from '../database/rows';
import { Service } from '../graphql/enums';
import { PROJECTION_MONTHS } from './projection';
import { TargetMetric, TargetRow } from './target.types';

/**
 * The month-end figures a target is measured against: the last PROJECTION_MONTHS month ends of
 * the rollups (reporting.rollup_council_month, rollup_region_month, rollup_england_month) for an
 * area and service, as the caller's audience sees them. For a disclosure-controlled audience a
 * council's figures are suppressed with the other councils of its region (primary, secondary and
 * the refresh's audit cells), and a region's or England's are rounded, exactly as
 * councilComparison and coverageTimeSeries publish them.
 */

/** Every statement on targets, and the rollup reads they are measured against. */

export const TARGET_COLUMNS = 't.target_id, t.name, t.area_code, t.service, t.metric, t.value::float8 as value, t.due_on::text as due_on';
const columns = raw(TARGET_COLUMNS);
// value is numeric in the table, read as float8: a number.
const targetRow: z.ZodType<TargetRow> = z.object({
  target_id: z.string(),
  name: z.string(),
  area_code: z.string(),
  service: z.enum(Service),
  metric: z.enum(TargetMetric),
  value: z.number(),
  due_on: pgDate,
});
const parseTargetRow = rowParser(targetRow);

/** A target by ID (targets are public). */
export async function findTarget(db: Queryable, targetId: string): Promise<TargetRow | null> {
  const [row] = await query(db, sql`select ${columns} from targets t where t.target_id = ${targetId}::uuid`, parseTargetRow);
  return row ?? null;
}

const TARGET_ORDER = raw(
  `case when t.area_code = 'E92000001' then 0 when t.area_code like 'E12%' then 1 else 2 end, t.area_code, t.service, t.metric, t.due_on, t.target_id`,
);

/** Targets of an area and service (each null for all), England first, then regions, then councils. */
export async function findTargets(db: Queryable, areaCode: string | null, service: string | null): Promise<TargetRow[]> {
  return query(
    db,
    sql`select ${columns} from targets t where (${areaCode}::text is null or t.area_code = ${areaCode}::text) and (${service}::text is null or t.service = ${service}::text) order by ${TARGET_ORDER}`,
    parseTargetRow,
  );
}

/** Holds the area's targets for the rest of the transaction (a transaction-scoped advisory lock). */
export async function lockAreaTargets(db: Queryable, areaCode: string): Promise<void> {
  await execute(db, sql`select pg_advisory_xact_lock(hashtext('targets:' || ${areaCode}::text))`);
}

export async function lockTarget(db: Queryable, t: { areaCode: string; service: string; metric: string; dueOn: string }): Promise<TargetRow | null> {
  const [row] = await query(
    db,
    sql`select ${columns} from targets t where t.area_code = ${t.areaCode}::text and t.service = ${t.service}::text and t.metric = ${t.metric}::text and t.due_on = ${t.dueOn}::date for update`,
    parseTargetRow,
  );
  return row ?? null;
}

export async function updateTarget(db: Queryable, targetId: string, name: string, value: number): Promise<TargetRow> {
  const [row] = await query(
    db,
    sql`update targets t set name = ${name}::text, value = ${value}::numeric, updated_at = now() where t.target_id = ${targetId}::uuid returning ${columns}`,
    parseTargetRow,
  );
  return row;
}

const countRow = rowParser(z.object({ count: z.number().int() }));

export async function countAreaTargets(db: Queryable, areaCode: string): Promise<number> {
  const [{ count }] = await query(db, sql`select count(*)::int as count from targets where area_code = ${areaCode}::text`, countRow);
  return count;
}

export async function insertTarget(db: Queryable, t: Omit<TargetRow, 'target_id'>): Promise<TargetRow> {
  const [row] = await query(
    db,
    sql`insert into targets as t (name, area_code, service, metric, value, due_on)
     values (${t.name}::text, ${t.area_code}::text, ${t.service}::text, ${t.metric}::text, ${t.value}::numeric, ${t.due_on}::date)
     returning ${columns}`,
    parseTargetRow,
  );
  return row;
}

/** Deletes a target, only within `ownCouncil` when it is given; null when none was deleted. */
export async function deleteTarget(db: Queryable, targetId: string, ownCouncil: string | null): Promise<TargetRow | null> {
  const [row] = await query(
    db,
    sql`delete from targets t where t.target_id = ${targetId}::uuid and (${ownCouncil}::text is null or t.area_code = ${ownCouncil}::text) returning ${columns}`,
    parseTargetRow,
  );
  return row ?? null;
}

export type AreaSeries = {
  /** Oldest first; empty before the first refresh. */
  monthEnds: string[];
  /** Aligned with monthEnds; null where the rollup has no row. */
  figures: (CoverageFigures | null)[];
  audience: Audience;
};

export type AreaLevel = 'ENGLAND' | 'REGION' | 'COUNCIL';

export function areaLevel(code: string): AreaLevel {
  if (code === ENGLAND_CODE) return 'ENGLAND';
  return code.startsWith('E12') ? 'REGION' : 'COUNCIL';
}

type Audited = { audited_metrics: string[] };
type Read = {
  months: { service: string; monthEnd: string }[];
  councils: (CouncilRow & Audited)[];
  regions: (AreaRow & Audited & { region_code: string })[];
  england: (AreaRow & Audited)[];
};

// The rollup rows are built by reports/ and typed in coverage.queries.ts; here only the frame is checked.
const rollupsRow = rowParser(
  z.object({
    months: z.array(z.object({ service: z.string(), monthEnd: z.string() })),
    councils: z.array(z.custom<CouncilRow & Audited>()),
    regions: z.array(z.custom<AreaRow & Audited & { region_code: string }>()),
    england: z.array(z.custom<AreaRow & Audited>()),
  }),
);

async function readRollups(db: Queryable, services: string[], councils: string[], regions: string[], england: boolean, wholeRegions: boolean): Promise<Read> {
  // Before the first refresh the rollups do not exist: no figures yet.
  return whenBuilt(
    async () => {
      const [row] = await query(
        db,
        sql`with months as (
         select service, month_end
         from (select service, month_end, row_number() over (partition by service order by month_end desc) as position
               from reporting.rollup_england_month where service = any(${services}::text[])) ranked
         where position <= ${raw(String(PROJECTION_MONTHS))}
       )
       select
         (select coalesce(json_agg(json_build_object('service', m.service, 'monthEnd', m.month_end::text) order by m.service, m.month_end), '[]') from months m) as months,
         (select coalesce(json_agg(x), '[]') from (
            select c.*, ${auditedMetricsSql(raw('c.council_code'), raw('c'))} as audited_metrics
            from reporting.rollup_council_month c join months m on m.service = c.service and m.month_end = c.month_end
            where c.council_code = any(${councils}::text[])
               or (${wholeRegions}::boolean and c.region_code in (select k.region_code from councils k where k.code = any(${councils}::text[])))) x) as councils,
         (select coalesce(json_agg(x), '[]') from (
            select r.*, ${auditedMetricsSql(raw('r.region_code'), raw('r'))} as audited_metrics
            from reporting.rollup_region_month r join months m on m.service = r.service and m.month_end = r.month_end
            where r.region_code = any(${regions}::text[])) x) as regions,
         (select coalesce(json_agg(x), '[]') from (
            select e.*, ${auditedMetricsSql(sql`${ENGLAND_CODE}::text`, raw('e'))} as audited_metrics
            from reporting.rollup_england_month e join months m on m.service = e.service and m.month_end = e.month_end
            where ${england}::boolean) x) as england`,
        rollupsRow,
      );
      return row;
    },
    { months: [], councils: [], regions: [], england: [] },
  );
}

/** Figures of every requested area and service (keys `AREA|SERVICE`), in one statement. */
export async function readAreaSeries(db: Queryable, keys: readonly string[], audience: Audience): Promise<AreaSeries[]> {
  const parsed = keys.map((key) => {
    const [areaCode, service] = key.split('|');
    return { areaCode, service, level: areaLevel(areaCode) };
  });
  const services = [...new Set(parsed.map((key) => key.service))];
  const codes = (level: AreaLevel) => [...new Set(parsed.filter((key) => key.level === level).map((key) => key.areaCode))];
  const read = await readRollups(db, services, codes('COUNCIL'), codes('REGION'), codes('ENGLAND').length > 0, audience === 'PUBLIC');
  const at = (service: string, monthEnd: string) => `${service}|${monthEnd}`;
  const councilsAt = groupByTable(read.councils);
  const regionsAt = groupByTable(read.regions);
  const englandAt = groupByTable(read.england);

  // Controlled council figures depend on the whole region that month: computed once per month.
  const publishedCouncils = new Map<string, Map<string, CoverageFigures>>();
  const councilFiguresAt = (service: string, monthEnd: string): Map<string, CoverageFigures> => {
    const key = at(service, monthEnd);
    let published = publishedCouncils.get(key);
    if (!published) {
      const rows = councilsAt.get(key) ?? [];
      const figures = rows.map((row) => toCouncilFigures(row));
      const suppressed =
        audience === 'PUBLIC'
          ? suppressCouncils(
              figures,
              auditedCells(rows, (row) => row.council_code),
            ).councils
          : figures;
      published = new Map(suppressed.map((council) => [council.councilCode, council.figures]));
      publishedCouncils.set(key, published);
    }
    return published;
  };
  const areaAt = (rows: (AreaRow & Audited)[] | undefined, code: string): CoverageFigures | null => {
    const row = rows?.[0];
    if (!row) return null;
    if (audience === 'FULL') return areaFigures(row);
    return publishArea(
      toAreaFigures(row),
      code,
      auditedCells([row], () => code),
    ).area.figures;
  };

  return parsed.map(({ areaCode, service, level }) => {
    const monthEnds = read.months.filter((month) => month.service === service).map((month) => month.monthEnd);
    const figures = monthEnds.map((monthEnd) => {
      if (level === 'COUNCIL') {
        if (audience === 'FULL') {
          const row = (councilsAt.get(at(service, monthEnd)) ?? []).find((council) => council.council_code === areaCode);
          return row ? councilFigures(row) : null;
        }
        return councilFiguresAt(service, monthEnd).get(areaCode) ?? null;
      }
      if (level === 'REGION')
        return areaAt(
          (regionsAt.get(at(service, monthEnd)) ?? []).filter((region) => region.region_code === areaCode),
          areaCode,
        );
      return areaAt(englandAt.get(at(service, monthEnd)), ENGLAND_CODE);
    });
    return { monthEnds, figures, audience };
  });
}

/** Per-request loaders for targets: the figures of each area and service asked for, in one statement per tick. */
export function createTargetLoaders(db: Queryable, principal: Principal | null) {
  const audience = audienceOf(principal);
  return {
    targetSeries: new DataLoader<string, AreaSeries>((keys) => readAreaSeries(db, keys, audience)),
  };
}
