import sql from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { badInput } from '../graphql/relay';
import type { CouncilRow } from './council.queries';
import { CHILDREN_LOOKED_AFTER_MEASURE } from './officialStatistics.import';

/**
 * Council codes given to the national views and lists: an unknown code is an error saying what
 * was expected, and an abolished council (Cumbria, Northamptonshire) an error saying when it was
 * abolished and which councils replaced it, never an empty answer.
 */

export const COUNCIL_EXPECTED = 'expected the ONS code of a current English council, such as E06000001';

const abolitionRow = rowParser(
  z.object({
    code: z.string(),
    name: z.string(),
    last_year: z.number().int().nullable(),
    successors: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
);

export type Abolition = { code: string; name: string; abolishedOn: string | null; successors: { code: string; name: string }[] };

/**
 * When an abolished council stopped existing and who took over, from the official statistics the
 * reference data holds: its last 31 March count is that of the year it was abolished in (it was
 * abolished on the next 1 April), and its successors are the current councils of its region that
 * are `z` (did not exist) in that year and have a figure the year after. Cumbria: counted on
 * 31 March 2023, abolished 1 April 2023, succeeded by Cumberland and Westmorland and Furness.
 */
export async function findAbolition(db: Queryable, code: string): Promise<Abolition | null> {
  const measure = CHILDREN_LOOKED_AFTER_MEASURE;
  const [row] = await query(
    db,
    sql`with abolished as (
          select c.code, c.name, c.region_code,
                 (select max(s.time_period) from official_statistics s
                   where s.council_code = c.code and s.measure = ${measure}::text and s.children_count_symbol is distinct from 'z') as last_year
          from councils c
          where c.code = ${code}::text and not c.is_current
        )
        select a.code, a.name, a.last_year,
               coalesce((
                 select json_agg(json_build_object('code', n.code, 'name', n.name) order by n.code)
                 from councils n
                 where n.is_current and n.region_code = a.region_code
                   and exists (select 1 from official_statistics s where s.council_code = n.code and s.measure = ${measure}::text
                                 and s.time_period = a.last_year and s.children_count_symbol = 'z')
                   and exists (select 1 from official_statistics s where s.council_code = n.code and s.measure = ${measure}::text
                                 and s.time_period = a.last_year + 1 and s.children_count_symbol is distinct from 'z')
               ), '[]'::json) as successors
        from abolished a`,
    abolitionRow,
  );
  if (!row) return null;
  return { code: row.code, name: row.name, abolishedOn: row.last_year === null ? null : `${row.last_year}-04-01`, successors: row.successors };
}

/** "Cumbria (E10000006) was abolished on 2023-04-01; its successors are Cumberland (E06000063) and ...". */
export function abolitionMessage(abolition: Abolition, what: string): string {
  const names = abolition.successors.map((successor) => `${successor.name} (${successor.code})`);
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const when = abolition.abolishedOn ? ` on ${abolition.abolishedOn}` : '';
  const successors = names.length === 0 ? '' : names.length === 1 ? `; its successor is ${list}` : `; its successors are ${list}`;
  return `${abolition.name} (${abolition.code}) was abolished${when}${successors}. ${what}`;
}

/**
 * The current council `given` names (trimmed, upper-cased), or a BAD_USER_INPUT error naming
 * `argument`: unknown codes say what was expected, abolished councils when and who replaced them.
 */
export async function requireCurrentCouncil(
  db: Queryable,
  load: (code: string) => Promise<CouncilRow | null>,
  given: string,
  argument: string,
  abolishedWhat = "Tandem's figures cover current councils only: ask for its successors.",
  expected = COUNCIL_EXPECTED,
): Promise<CouncilRow> {
  const code = given.trim().toUpperCase();
  const council = await load(code);
  if (!council) throw badInput(`Unknown council code ${JSON.stringify(given.slice(0, 20))}: ${expected}.`, argument);
  if (!council.is_current) {
    const abolition = await findAbolition(db, code);
    throw badInput(abolition ? abolitionMessage(abolition, abolishedWhat) : `Council ${code} no longer exists. ${abolishedWhat}`, argument);
  }
  return council;
}
