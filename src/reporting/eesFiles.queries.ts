import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { whenBuilt } from './coverage.queries';

/** Reads for the downloadable files (eesFiles.ts): which month ends the published rollups hold. */

const monthEndRow = rowParser(z.object({ service: z.string(), month_end: z.string() }));

/** Every month end England's rollup holds for these services, oldest first; none before the first refresh. */
export async function readMonthEnds(db: Queryable, services: string[]): Promise<{ service: string; month_end: string }[]> {
  return whenBuilt(
    () =>
      query(
        db,
        sql`select service, month_end::text as month_end from reporting.rollup_england_month
            where service = any(${services}::text[]) order by month_end, service`,
        monthEndRow,
      ),
    [],
  );
}
