import DataLoader from 'dataloader';
import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { volunteerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { pgDate, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { ListSource, oneInKeyOrder } from '../graphql/listQuery';
import type { FieldColumns } from '../graphql/lookAhead';

/** Every statement on volunteers (the capacity a match takes is in match.queries.ts, with the match). */

export const volunteerRow = z.object({
  volunteer_id: z.string(),
  provider_id: z.string(),
  home_council_code: z.string(),
  gender: z.string(),
  languages: z.array(z.string()),
  interests: z.array(z.string()),
  max_matches: z.number().int(),
  open_matches: z.number().int(),
  status: z.string(),
  applied_on: pgDate,
  dbs_issued_on: pgDate.nullable(),
  dbs_update_service: z.boolean(),
  training_completed_on: pgDate.nullable(),
  references_received: z.number().int(),
  approved_on: pgDate.nullable(),
});
export type VolunteerRow = z.infer<typeof volunteerRow>;
export const parseVolunteerRow = rowParser(volunteerRow);

export const VOLUNTEER_COLUMNS = `v.volunteer_id, v.provider_id, v.home_council_code, v.gender, v.languages, v.interests, v.max_matches,
  v.open_matches, v.status, v.applied_on, v.dbs_issued_on, v.dbs_update_service, v.training_completed_on, v.references_received,
  v.approved_on`;
const columns = raw(VOLUNTEER_COLUMNS);

/** The columns each field of Volunteer reads (Volunteer.fromRow and its field resolvers), for lists that read only those (lookAhead.ts). */
export const VOLUNTEER_FIELD_COLUMNS: FieldColumns = {
  id: ['volunteer_id'],
  gender: ['gender'],
  languages: ['languages'],
  interests: ['interests'],
  maxMatches: ['max_matches'],
  openMatches: ['open_matches'],
  status: ['status'],
  appliedOn: ['applied_on'],
  dbsIssuedOn: ['dbs_issued_on'],
  dbsUpdateService: ['dbs_update_service'],
  dbsExpiresOn: ['dbs_issued_on', 'dbs_update_service'],
  trainingCompletedOn: ['training_completed_on'],
  referencesReceived: ['references_received'],
  approvedOn: ['approved_on'],
  provider: ['provider_id'],
  homeLocalAuthority: ['home_council_code'],
};

/**
 * A statement that changes a volunteer and, when `historyOn` is a date, records the volunteer's
 * new status and capacity in volunteer_history as in force from that day, in the same statement:
 * the history row exists exactly when the change does.
 */
function withHistory(change: Sql, historyOn: string | null): Sql {
  return sql`with changed as (${change}),
     history as (
       insert into volunteer_history (volunteer_id, effective_on, status, max_matches)
       select changed.volunteer_id, ${historyOn}::date, changed.status, changed.max_matches from changed where ${historyOn}::date is not null
     )
     select * from changed`;
}

export function createVolunteerLoaders(db: Queryable, principal: Principal | null) {
  return {
    volunteerById: new DataLoader<string, VolunteerRow | null>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from volunteers v where v.volunteer_id = any(${ids}::uuid[]) and ${volunteerScope(principal, 'v')}`,
        parseVolunteerRow,
      );
      return oneInKeyOrder(ids, rows, (row) => row.volunteer_id);
    }),
  };
}

/** Volunteers the caller may see, most recent applicants first. */
export function volunteerList(principal: Principal | null, filter: { status?: string; providerId?: string }): ListSource<VolunteerRow> {
  const conditions: Sql[] = [volunteerScope(principal, 'v')];
  if (filter.status) conditions.push(sql`v.status = ${filter.status}::text`);
  if (filter.providerId !== undefined) conditions.push(sql`v.provider_id = ${filter.providerId}::uuid`);
  return {
    select: columns,
    from: raw('volunteers v'),
    conditions,
    orderBy: [
      { sql: raw('v.applied_on'), cast: 'date', key: (row) => row.applied_on },
      { sql: raw('v.volunteer_id'), cast: 'uuid', key: (row) => row.volunteer_id },
    ],
    direction: 'desc',
    row: parseVolunteerRow,
  };
}

/** A volunteer the caller may see, locked for the rest of the transaction; null when not found. */
export async function lockVolunteerRow(db: Queryable, principal: Principal | null, volunteerId: string): Promise<VolunteerRow | null> {
  const [row] = await query(
    db,
    sql`select ${columns} from volunteers v where v.volunteer_id = ${volunteerId}::uuid and ${volunteerScope(principal, 'v')} for update`,
    parseVolunteerRow,
  );
  return row ?? null;
}

/** A volunteer by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function volunteerForReplay(db: Queryable, volunteerId: string): Promise<VolunteerRow | null> {
  const [row] = await query(db, sql`select ${columns} from volunteers v where v.volunteer_id = ${volunteerId}::uuid`, parseVolunteerRow);
  return row ?? null;
}

export async function insertVolunteer(
  db: Queryable,
  v: Pick<VolunteerRow, 'provider_id' | 'home_council_code' | 'gender' | 'languages' | 'interests' | 'max_matches' | 'applied_on'>,
): Promise<VolunteerRow> {
  const [row] = await query(
    db,
    withHistory(
      sql`insert into volunteers as v (provider_id, home_council_code, gender, languages, interests, max_matches, applied_on)
       values (${v.provider_id}::uuid, ${v.home_council_code}::text, ${v.gender}::text, ${v.languages}::text[], ${v.interests}::text[], ${v.max_matches}::smallint, ${v.applied_on}::date)
       returning ${columns}`,
      v.applied_on,
    ),
    parseVolunteerRow,
  );
  return row;
}

/** `statusChangedOn`: the day a change of status took effect, null when the status stays the same. */
export async function updateVetting(
  db: Queryable,
  volunteerId: string,
  v: Pick<VolunteerRow, 'dbs_issued_on' | 'dbs_update_service' | 'training_completed_on' | 'references_received' | 'status'>,
  statusChangedOn: string | null,
): Promise<VolunteerRow> {
  const [row] = await query(
    db,
    withHistory(
      sql`update volunteers v set dbs_issued_on = ${v.dbs_issued_on}::date, dbs_update_service = ${v.dbs_update_service}::boolean, training_completed_on = ${v.training_completed_on}::date,
         references_received = ${v.references_received}::smallint, status = ${v.status}::text
       where v.volunteer_id = ${volunteerId}::uuid returning ${columns}`,
      statusChangedOn,
    ),
    parseVolunteerRow,
  );
  return row;
}

export async function markVolunteerApproved(db: Queryable, volunteerId: string, approvedOn: string): Promise<VolunteerRow> {
  const [row] = await query(
    db,
    withHistory(
      sql`update volunteers v set status = 'APPROVED', approved_on = ${approvedOn}::date where v.volunteer_id = ${volunteerId}::uuid returning ${columns}`,
      approvedOn,
    ),
    parseVolunteerRow,
  );
  return row;
}
