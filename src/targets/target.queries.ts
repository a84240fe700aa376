import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import { AreaRow, areaFigures, auditedCells, auditedMetricsSql, councilFigures, CouncilRow, groupByTable, toAreaFigures, toCouncilFigures, whenBuilt } from '../reporting/coverage.queries';
import { audienceOf } from '../reporting/coverage.resolver';
import { Audience, CoverageFigures, ENGLAND_CODE, publishArea, suppressCouncils } from '../reporting/disclosure';
import { PROJECTION_MONTHS } from './projection';

/**
 * The month-end figures a target is measured against: the last PROJECTION_MONTHS month ends of
 * the rollups (reporting.rollup_council_month, rollup_region_month, rollup_england_month) for an
 * area and service, as the caller's audience sees them. For a disclosure-controlled audience a
 * council's figures are suppressed with the other councils of its region (primary, secondary and
 * the refresh's audit cells), and a region's or England's are rounded, exactly as
 * councilComparison and coverageTimeSeries publish them.
 */

export const TARGET_COLUMNS = 't.target_id, t.name, t.area_code, t.service, t.metric, t.value::float8 as value, t.due_on::text as due_on';

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

async function readRollups(db: DataSource, services: string[], councils: string[], regions: string[], england: boolean, wholeRegions: boolean): Promise<Read> {
  // Before the first refresh the rollups do not exist: no figures yet.
  return whenBuilt(async () => {
    const [row] = await db.query(
      `with months as (
         select service, month_end
         from (select service, month_end, row_number() over (partition by service order by month_end desc) as position
               from reporting.rollup_england_month where service = any($1::text[])) ranked
         where position <= ${PROJECTION_MONTHS}
       )
       select
         (select coalesce(json_agg(json_build_object('service', m.service, 'monthEnd', m.month_end::text) order by m.service, m.month_end), '[]') from months m) as months,
         (select coalesce(json_agg(x), '[]') from (
            select c.*, ${auditedMetricsSql('c.council_code', 'c')} as audited_metrics
            from reporting.rollup_council_month c join months m on m.service = c.service and m.month_end = c.month_end
            where c.council_code = any($2::text[])
               or ($5::boolean and c.region_code in (select k.region_code from councils k where k.code = any($2::text[])))) x) as councils,
         (select coalesce(json_agg(x), '[]') from (
            select r.*, ${auditedMetricsSql('r.region_code', 'r')} as audited_metrics
            from reporting.rollup_region_month r join months m on m.service = r.service and m.month_end = r.month_end
            where r.region_code = any($3::text[])) x) as regions,
         (select coalesce(json_agg(x), '[]') from (
            select e.*, ${auditedMetricsSql(`'${ENGLAND_CODE}'`, 'e')} as audited_metrics
            from reporting.rollup_england_month e join months m on m.service = e.service and m.month_end = e.month_end
            where $4::boolean) x) as england`,
      [services, councils, regions, england, wholeRegions],
    );
    return row;
  }, { months: [], councils: [], regions: [], england: [] });
}

/** Figures of every requested area and service (keys `AREA|SERVICE`), in one statement. */
export async function readAreaSeries(db: DataSource, keys: readonly string[], audience: Audience): Promise<AreaSeries[]> {
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
      const suppressed = audience === 'PUBLIC' ? suppressCouncils(figures, auditedCells(rows, (row) => row.council_code)).councils : figures;
      published = new Map(suppressed.map((council) => [council.councilCode, council.figures]));
      publishedCouncils.set(key, published);
    }
    return published;
  };
  const areaAt = (rows: (AreaRow & Audited)[] | undefined, code: string): CoverageFigures | null => {
    const row = rows?.[0];
    if (!row) return null;
    if (audience === 'FULL') return areaFigures(row);
    return publishArea(toAreaFigures(row), code, auditedCells([row], () => code)).area.figures;
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
      if (level === 'REGION') return areaAt((regionsAt.get(at(service, monthEnd)) ?? []).filter((region) => region.region_code === areaCode), areaCode);
      return areaAt(englandAt.get(at(service, monthEnd)), ENGLAND_CODE);
    });
    return { monthEnds, figures, audience };
  });
}

/** Per-request loaders for targets: the figures of each area and service asked for, in one statement per tick. */
export function createTargetLoaders(db: DataSource, principal: Principal | null) {
  const audience = audienceOf(principal);
  return {
    targetSeries: new DataLoader<string, AreaSeries>((keys) => readAreaSeries(db, keys, audience)),
  };
}
