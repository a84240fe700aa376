import type { DataSource } from 'typeorm';
import type { Audience, Figure } from './disclosure';
import { ok, roundToTen, suppressed } from './disclosure';
import { FigureStatus } from './figure.type';

/**
 * The volunteer pool beside each waiting list (reports/models/45_rollup_council_pool.sql and
 * 46_rollup_region_pool.sql), with the disclosure control of METRICS.md applied the same way as
 * to the coverage figures:
 * - a council's children waiting is exactly its published `waiting` figure (suppressed with it);
 * - a council count of volunteers from 1 to 4 is suppressed, and where a region has exactly one
 *   such council, the next smallest non-zero count in the region goes too;
 * - the ratio is suppressed when either count is; regions' counts are rounded to 10 and their
 *   ratio computed from the unrounded counts, suppressed when either count is from 1 to 4.
 */

export type CouncilPoolRow = { council_code: string; region_code: string; volunteers_available: number; children_waiting: number; volunteers_per_waiting_child: number | string | null };
export type RegionPoolRow = { region_code: string; volunteers_available: number; children_waiting: number; volunteers_per_waiting_child: number | string | null };

export type VolunteerPoolFigures = { volunteersAvailable: Figure; childrenWaiting: Figure; volunteersPerWaitingChild: Figure };

/** Both pool rollups at one reporting date, in one statement (reporting schema only). */
export async function readVolunteerPools(db: DataSource, service: string, date: string): Promise<{ councils: CouncilPoolRow[]; regions: RegionPoolRow[] }> {
  const [row] = await db.query(
    `select
       (select coalesce(json_agg(p order by p.council_code), '[]') from reporting.rollup_council_pool p where p.service = $1::text and p.month_end = $2::date) as councils,
       (select coalesce(json_agg(p order by p.region_code), '[]') from reporting.rollup_region_pool p where p.service = $1::text and p.month_end = $2::date) as regions`,
    [service, date],
  );
  return { councils: row.councils, regions: row.regions };
}

const ratio = (row: { children_waiting: number; volunteers_per_waiting_child: number | string | null }): Figure =>
  Number(row.children_waiting) > 0 ? ok(row.volunteers_per_waiting_child === null ? null : Number(row.volunteers_per_waiting_child)) : { value: null, status: FigureStatus.NOT_APPLICABLE };

const isSmall = (value: number) => value >= 1 && value <= 4;

/**
 * Each council's pool for the audience, by council code. `publishedWaiting` is each council's
 * waiting figure as the comparison publishes it (after its own suppression).
 */
export function councilPools(rows: CouncilPoolRow[], audience: Audience, publishedWaiting: Map<string, Figure>): Map<string, VolunteerPoolFigures> {
  const pools = new Map<string, VolunteerPoolFigures>();
  for (const row of rows) {
    pools.set(row.council_code, {
      volunteersAvailable: ok(Number(row.volunteers_available)),
      childrenWaiting: ok(Number(row.children_waiting)),
      volunteersPerWaitingChild: ratio(row),
    });
  }
  if (audience === 'FULL') return pools;

  const byRegion = new Map<string, CouncilPoolRow[]>();
  for (const row of rows) byRegion.set(row.region_code, [...(byRegion.get(row.region_code) ?? []), row]);
  const hide = new Set<string>();
  for (const regionRows of byRegion.values()) {
    const primary = regionRows.filter((row) => isSmall(Number(row.volunteers_available)));
    primary.forEach((row) => hide.add(row.council_code));
    if (primary.length === 1) {
      const next = regionRows
        .filter((row) => Number(row.volunteers_available) > 0 && !hide.has(row.council_code))
        .sort((a, b) => Number(a.volunteers_available) - Number(b.volunteers_available) || a.council_code.localeCompare(b.council_code))[0];
      if (next) hide.add(next.council_code);
    }
  }
  for (const [code, pool] of pools) {
    const waiting = publishedWaiting.get(code) ?? suppressed;
    const volunteers = hide.has(code) ? suppressed : pool.volunteersAvailable;
    const either = volunteers.status === FigureStatus.SUPPRESSED || waiting.status === FigureStatus.SUPPRESSED;
    pools.set(code, {
      volunteersAvailable: volunteers,
      childrenWaiting: waiting,
      volunteersPerWaitingChild: either && pool.volunteersPerWaitingChild.status === FigureStatus.OK ? suppressed : pool.volunteersPerWaitingChild,
    });
  }
  return pools;
}

/** Each region's pool for the audience, by region code. */
export function regionPools(rows: RegionPoolRow[], audience: Audience): Map<string, VolunteerPoolFigures> {
  const round = (value: number) => (audience === 'PUBLIC' ? roundToTen(value) : value);
  return new Map(
    rows.map((row) => [
      row.region_code,
      {
        volunteersAvailable: ok(round(Number(row.volunteers_available))),
        childrenWaiting: ok(round(Number(row.children_waiting))),
        // As protectArea does for pooled waits: a ratio over one to four children (or volunteers) would describe them.
        volunteersPerWaitingChild:
          audience === 'PUBLIC' && (isSmall(Number(row.children_waiting)) || isSmall(Number(row.volunteers_available))) ? suppressed : ratio(row),
      },
    ]),
  );
}
