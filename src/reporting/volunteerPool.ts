import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { Figure, PoolFigures } from './disclosure';
import { divideHalfUp, notApplicable, ok } from './disclosure';
import { FigureStatus } from './figure.type';

/**
 * The volunteer pool beside each waiting list (reports/models/45_rollup_council_pool.sql and
 * 46_rollup_region_pool.sql). Disclosure control applies to it as to the coverage figures, in
 * disclosure.ts: a council's children waiting is exactly its published `waiting` figure, a council
 * count of volunteers is a protected count, and an area's ratio is computed from rounded counts.
 */

export type CouncilPoolRow = {
  council_code: string;
  region_code: string;
  volunteers_available: number;
  children_waiting: number;
  volunteers_per_waiting_child: number | string | null;
};
export type RegionPoolRow = {
  region_code: string;
  volunteers_available: number;
  children_waiting: number;
  volunteers_per_waiting_child: number | string | null;
};

const poolsRow = rowParser(
  z.object({
    councils: z.array(z.custom<CouncilPoolRow>((value) => typeof value === 'object' && value !== null)),
    regions: z.array(z.custom<RegionPoolRow>((value) => typeof value === 'object' && value !== null)),
  }),
);

/** Both pool rollups at one reporting date, in one statement (reporting schema only). */
export async function readVolunteerPools(db: Queryable, service: string, date: string): Promise<{ councils: CouncilPoolRow[]; regions: RegionPoolRow[] }> {
  const [row] = await query(
    db,
    sql`select
       (select coalesce(json_agg(p order by p.council_code), '[]') from reporting.rollup_council_pool p where p.service = ${service}::text and p.month_end = ${date}::date) as councils,
       (select coalesce(json_agg(p order by p.region_code), '[]') from reporting.rollup_region_pool p where p.service = ${service}::text and p.month_end = ${date}::date) as regions`,
    poolsRow,
  );
  return { councils: row.councils, regions: row.regions };
}

/**
 * A pool row's unsuppressed figures beside the area's own `waiting` figure. Children waiting is
 * that figure, not the pool row's copy, and the ratio is worked out from it (two places, half up,
 * as the rollup does): the two can never disagree, even if a refresh swapped tables between the
 * reads, so suppressing `waiting` always covers the pool.
 */
export function poolFigures(row: CouncilPoolRow | RegionPoolRow, waiting: Figure): PoolFigures {
  const volunteers = Number(row.volunteers_available);
  const children = waiting.status === FigureStatus.OK && waiting.value !== null ? waiting.value : null;
  return {
    volunteersAvailable: ok(volunteers),
    childrenWaiting: waiting,
    volunteersPerWaitingChild:
      children === null ? { value: null, status: waiting.status } : children > 0 ? ok(divideHalfUp(volunteers, children, 2)) : notApplicable,
  };
}
