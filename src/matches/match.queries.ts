import DataLoader from 'dataloader';
import sql, { join, raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { matchScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { pgDate, rowParser } from '../database/rows';
import { execute, query, Queryable } from '../database/sql';
import { groupInKeyOrder, ListSource, oneInKeyOrder } from '../graphql/listQuery';
import type { FieldColumns } from '../graphql/lookAhead';

/** Every statement on matches and visits (and the volunteer capacity a match takes). */

const matchRow = z.object({
  match_id: z.string(),
  referral_id: z.string(),
  volunteer_id: z.string(),
  status: z.string(),
  proposed_on: pgDate,
  started_on: pgDate.nullable(),
  ended_on: pgDate.nullable(),
  end_reason: z.string().nullable(),
  cancelled_on: pgDate.nullable(),
  cancel_reason: z.string().nullable(),
});
export type MatchRow = z.infer<typeof matchRow>;
export const parseMatchRow = rowParser(matchRow);

const visitRow = z.object({ visit_id: z.string(), match_id: z.string(), visited_on: pgDate, duration_minutes: z.number().int(), kind: z.string() });
export type VisitRow = z.infer<typeof visitRow>;
const parseVisitRow = rowParser(visitRow);
export const VISIT_COLUMNS = 'vi.visit_id, vi.match_id, vi.visited_on, vi.duration_minutes, vi.kind';
const visitColumns = raw(VISIT_COLUMNS);

export const MATCH_COLUMNS = `m.match_id, m.referral_id, m.volunteer_id, m.status, m.proposed_on, m.started_on, m.ended_on, m.end_reason,
  m.cancelled_on, m.cancel_reason`;
const columns = raw(MATCH_COLUMNS);

/** The columns each field of Match reads (Match.fromRow and its field resolvers), for lists that read only those (lookAhead.ts). */
export const MATCH_FIELD_COLUMNS: FieldColumns = {
  id: ['match_id'],
  status: ['status'],
  proposedOn: ['proposed_on'],
  startedOn: ['started_on'],
  endedOn: ['ended_on'],
  endReason: ['end_reason'],
  cancelledOn: ['cancelled_on'],
  referral: ['referral_id'],
  volunteer: ['volunteer_id'],
  visits: ['match_id'],
};

/** A referral's open match: at most one per referral, by a partial unique index. */
export const OPEN_MATCH = raw(`m.status in ('PROPOSED', 'ACTIVE')`);

export function createMatchLoaders(db: Queryable, principal: Principal | null) {
  const scoped = () => matchScope(principal, 'm');
  return {
    matchById: new DataLoader<string, MatchRow | null>(async (ids) => {
      const rows = await query(db, sql`select ${columns} from matches m where m.match_id = any(${ids}::uuid[]) and ${scoped()}`, parseMatchRow);
      return oneInKeyOrder(ids, rows, (row) => row.match_id);
    }),
    /** The PROPOSED or ACTIVE match of each referral (at most one, by a unique index). */
    openMatchByReferral: new DataLoader<string, MatchRow | null>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from matches m where m.referral_id = any(${ids}::uuid[]) and ${OPEN_MATCH} and ${scoped()}`,
        parseMatchRow,
      );
      return oneInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    matchesByReferral: new DataLoader<string, MatchRow[]>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from matches m where m.referral_id = any(${ids}::uuid[]) and ${scoped()} order by m.referral_id, m.proposed_on, m.created_at`,
        parseMatchRow,
      );
      return groupInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    visitsByMatch: new DataLoader<string, VisitRow[]>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${visitColumns}
         from visits vi join matches m on m.match_id = vi.match_id
         where vi.match_id = any(${ids}::uuid[]) and ${scoped()} order by vi.match_id, vi.visited_on, vi.visit_id`,
        parseVisitRow,
      );
      return groupInKeyOrder(ids, rows, (row) => row.match_id);
    }),
  };
}

/** Matches the caller may see, most recently proposed first; service and council filter by the referral. */
export function matchList(principal: Principal | null, filter: { status?: string; service?: string; councilCode?: string }): ListSource<MatchRow> {
  const conditions: Sql[] = [matchScope(principal, 'm')];
  if (filter.status) conditions.push(sql`m.status = ${filter.status}::text`);
  if (filter.service || filter.councilCode !== undefined) {
    const inner: Sql[] = [];
    if (filter.service) inner.push(sql`fr.service = ${filter.service}::text`);
    if (filter.councilCode !== undefined) inner.push(sql`fr.council_code = ${filter.councilCode}::text`);
    conditions.push(sql`exists (select 1 from referrals fr where fr.referral_id = m.referral_id and ${join(inner, ' and ')})`);
  }
  return {
    select: columns,
    from: raw('matches m'),
    conditions,
    orderBy: [
      { sql: raw('m.proposed_on'), cast: 'date', key: (row) => row.proposed_on },
      { sql: raw('m.match_id'), cast: 'uuid', key: (row) => row.match_id },
    ],
    direction: 'desc',
    row: parseMatchRow,
  };
}

/** A visit the caller may see through its match (node(id)); null when not found. */
export async function findVisit(db: Queryable, principal: Principal | null, visitId: string): Promise<VisitRow | null> {
  const [row] = await query(
    db,
    sql`select ${visitColumns} from visits vi join matches m on m.match_id = vi.match_id
     where vi.visit_id = ${visitId}::uuid and ${matchScope(principal, 'm')}`,
    parseVisitRow,
  );
  return row ?? null;
}

/** A match the caller may see, locked for the rest of the transaction; null when not found. */
export async function lockMatchRow(db: Queryable, principal: Principal | null, matchId: string): Promise<MatchRow | null> {
  const [row] = await query(
    db,
    sql`select ${columns} from matches m where m.match_id = ${matchId}::uuid and ${matchScope(principal, 'm')} for update`,
    parseMatchRow,
  );
  return row ?? null;
}

const oneRow = rowParser(z.object({ one: z.number() }));

/** Whether the referral has a PROPOSED or ACTIVE match. */
export async function hasOpenMatch(db: Queryable, referralId: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 as one from matches where referral_id = ${referralId}::uuid and status in ('PROPOSED', 'ACTIVE')`, oneRow);
  return rows.length > 0;
}

const proposedRow = rowParser(z.object({ proposed: z.number().int() }));

/** How many PROPOSED matches the referral has. */
export async function countProposedMatches(db: Queryable, referralId: string): Promise<number> {
  const [{ proposed }] = await query(
    db,
    sql`select count(*)::int as proposed from matches where referral_id = ${referralId}::uuid and status = 'PROPOSED'`,
    proposedRow,
  );
  return proposed;
}

/** Whether the provider is commissioned by the council for the service on the day. */
export async function isCommissioned(db: Queryable, providerId: string, councilCode: string, service: string, on: string): Promise<boolean> {
  const rows = await query(
    db,
    sql`select 1 as one from commissions where provider_id = ${providerId}::uuid and council_code = ${councilCode}::text and service = ${service}::text
       and starts_on <= ${on}::date and (ends_on is null or ends_on >= ${on}::date)`,
    oneRow,
  );
  return rows.length > 0;
}

const volunteerIdRow = rowParser(z.object({ volunteer_id: z.string() }));

/**
 * Takes one of the volunteer's open-match places; false when they are all taken. A conditional
 * UPDATE, which PostgreSQL re-checks against the committed row after waiting for its lock.
 */
export async function takeCapacity(db: Queryable, volunteerId: string): Promise<boolean> {
  const taken = await query(
    db,
    sql`update volunteers set open_matches = open_matches + 1 where volunteer_id = ${volunteerId}::uuid and open_matches < max_matches returning volunteer_id`,
    volunteerIdRow,
  );
  return taken.length > 0;
}

export async function releaseCapacity(db: Queryable, volunteerId: string): Promise<void> {
  await execute(db, sql`update volunteers set open_matches = open_matches - 1 where volunteer_id = ${volunteerId}::uuid`);
}

export async function insertMatch(db: Queryable, referralId: string, volunteerId: string, proposedOn: string): Promise<MatchRow> {
  const [row] = await query(
    db,
    sql`insert into matches as m (referral_id, volunteer_id, proposed_on) values (${referralId}::uuid, ${volunteerId}::uuid, ${proposedOn}::date) returning ${columns}`,
    parseMatchRow,
  );
  return row;
}

export async function markMatchStarted(db: Queryable, matchId: string, startedOn: string): Promise<MatchRow> {
  const [row] = await query(
    db,
    sql`update matches m set status = 'ACTIVE', started_on = ${startedOn}::date where m.match_id = ${matchId}::uuid returning ${columns}`,
    parseMatchRow,
  );
  return row;
}

export async function markMatchEnded(db: Queryable, matchId: string, endedOn: string, reason: string): Promise<MatchRow> {
  const [row] = await query(
    db,
    sql`update matches m set status = 'ENDED', ended_on = ${endedOn}::date, end_reason = ${reason}::text where m.match_id = ${matchId}::uuid returning ${columns}`,
    parseMatchRow,
  );
  return row;
}

export async function markMatchCancelled(db: Queryable, matchId: string, reason: string | null): Promise<MatchRow> {
  const [row] = await query(
    db,
    sql`update matches m set status = 'CANCELLED', cancelled_on = greatest(current_date, m.proposed_on), cancel_reason = ${reason}::text
     where m.match_id = ${matchId}::uuid returning ${columns}`,
    parseMatchRow,
  );
  return row;
}

const lastVisitRow = rowParser(z.object({ last: pgDate.nullable() }));

/** The date of the match's last logged visit, or null. */
export async function lastVisitOn(db: Queryable, matchId: string): Promise<string | null> {
  const [row] = await query(db, sql`select max(visited_on) as last from visits where match_id = ${matchId}::uuid`, lastVisitRow);
  return row?.last ?? null;
}

export async function insertVisit(db: Queryable, visit: Omit<VisitRow, 'visit_id'>): Promise<VisitRow> {
  const [row] = await query(
    db,
    sql`insert into visits (match_id, visited_on, duration_minutes, kind) values (${visit.match_id}::uuid, ${visit.visited_on}::date, ${visit.duration_minutes}::smallint, ${visit.kind}::text)
     returning visit_id, match_id, visited_on, duration_minutes, kind`,
    parseVisitRow,
  );
  return row;
}

/** A match by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function matchForReplay(db: Queryable, matchId: string): Promise<MatchRow | null> {
  const [row] = await query(db, sql`select ${columns} from matches m where m.match_id = ${matchId}::uuid`, parseMatchRow);
  return row ?? null;
}

/** A visit by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function visitForReplay(db: Queryable, visitId: string): Promise<VisitRow | null> {
  const [row] = await query(db, sql`select ${visitColumns} from visits vi where vi.visit_id = ${visitId}::uuid`, parseVisitRow);
  return row ?? null;
}
