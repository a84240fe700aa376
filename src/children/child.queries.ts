import DataLoader from 'dataloader';
import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { childScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { pgDate, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import type { ListSource } from '../graphql/listQuery';
import type { FieldColumns } from '../graphql/lookAhead';
import { oneInKeyOrder } from '../graphql/listQuery';

/** Every statement on children. */

const childRow = z.object({
  child_id: z.string(),
  council_code: z.string(),
  case_reference: z.string(),
  birth_month: pgDate,
  gender: z.string(),
  ethnicity: z.string(),
  placement_type: z.string(),
  placed_out_of_area: z.boolean(),
  looked_after_since: pgDate,
  interests: z.array(z.string()),
  languages: z.array(z.string()),
});
export type ChildRow = z.infer<typeof childRow>;
export const parseChildRow = rowParser(childRow);

export const CHILD_COLUMNS =
  'c.child_id, c.council_code, c.case_reference, c.birth_month, c.gender, c.ethnicity, c.placement_type, c.placed_out_of_area, c.looked_after_since, c.interests, c.languages';
const columns = raw(CHILD_COLUMNS);

/** The columns each field of Child reads (Child.fromRow and its field resolvers), for lists that read only those (lookAhead.ts). */
export const CHILD_FIELD_COLUMNS: FieldColumns = {
  id: ['child_id'],
  caseReference: ['case_reference'],
  birthMonth: ['birth_month'],
  gender: ['gender'],
  ethnicity: ['ethnicity'],
  placementType: ['placement_type'],
  placedOutOfArea: ['placed_out_of_area'],
  lookedAfterSince: ['looked_after_since'],
  interests: ['interests'],
  languages: ['languages'],
  localAuthority: ['council_code'],
  referrals: ['child_id'],
};

export function createChildLoaders(db: Queryable, principal: Principal | null) {
  return {
    childById: new DataLoader<string, ChildRow | null>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from children c where c.child_id = any(${ids}::uuid[]) and ${childScope(principal, 'c')}`,
        parseChildRow,
      );
      return oneInKeyOrder(ids, rows, (row) => row.child_id);
    }),
  };
}

/** Children the caller may see, optionally of one council and with one case reference. */
export function childList(principal: Principal | null, filter: { councilCode?: string; caseReference?: string }): ListSource<ChildRow> {
  const conditions: Sql[] = [childScope(principal, 'c')];
  if (filter.councilCode !== undefined) conditions.push(sql`c.council_code = ${filter.councilCode}::text`);
  if (filter.caseReference !== undefined) conditions.push(sql`c.case_reference = ${filter.caseReference}::text`);
  return {
    select: columns,
    from: raw('children c'),
    conditions,
    orderBy: [
      { sql: raw('c.council_code'), cast: 'text', key: (row) => row.council_code },
      { sql: raw('c.case_reference'), cast: 'text', key: (row) => row.case_reference },
    ],
    direction: 'asc',
    row: parseChildRow,
  };
}

/** A child the caller may see, locked for the rest of the transaction; null when not found. */
export async function lockChild(db: Queryable, principal: Principal | null, childId: string): Promise<ChildRow | null> {
  const [row] = await query(
    db,
    sql`select ${columns} from children c where c.child_id = ${childId}::uuid and ${childScope(principal, 'c')} for update`,
    parseChildRow,
  );
  return row ?? null;
}

/** A child by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function childForReplay(db: Queryable, childId: string): Promise<ChildRow | null> {
  const [row] = await query(db, sql`select ${columns} from children c where c.child_id = ${childId}::uuid`, parseChildRow);
  return row ?? null;
}

export type NewChild = Omit<ChildRow, 'child_id'>;

export async function insertChild(db: Queryable, child: NewChild): Promise<ChildRow> {
  const [row] = await query(
    db,
    sql`insert into children as c (council_code, case_reference, birth_month, gender, ethnicity, placement_type, placed_out_of_area, looked_after_since, interests, languages)
     values (${child.council_code}::text, ${child.case_reference}::text, ${child.birth_month}::date, ${child.gender}::text, ${child.ethnicity}::text,
       ${child.placement_type}::text, ${child.placed_out_of_area}::boolean, ${child.looked_after_since}::date, ${child.interests}::text[], ${child.languages}::text[])
     returning ${columns}`,
    parseChildRow,
  );
  return row;
}
