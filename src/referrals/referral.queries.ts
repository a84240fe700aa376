import DataLoader from 'dataloader';
import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { referralScope, selfReferralScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { pgBigint, pgDate, pgTimestamp, rowParser } from '../database/rows';
import { execute, query, Queryable } from '../database/sql';
import { groupInKeyOrder, ListSource, oneInKeyOrder } from '../graphql/listQuery';
import { columnNames, columnsFor, FieldColumns, formsByColumns } from '../graphql/lookAhead';

/** Every statement on referrals and self-referrals. */

export const referralRow = z.object({
  referral_id: z.string(),
  child_id: z.string(),
  council_code: z.string(),
  placement_council_code: z.string(),
  service: z.string(),
  source: z.string(),
  status: z.string(),
  referred_on: pgDate,
  accepted_on: pgDate.nullable(),
  matched_on: pgDate.nullable(),
  closed_on: pgDate.nullable(),
  close_reason: z.string().nullable(),
  reason: z.string().nullable(),
  preferred_volunteer_gender: z.string().nullable(),
  volunteer_gender_required: z.boolean(),
  preferred_languages: z.array(z.string()),
  language_required: z.boolean(),
  self_referral_id: z.string().nullable(),
});
export type ReferralRow = z.infer<typeof referralRow>;
export const parseReferralRow = rowParser(referralRow);

export const REFERRAL_COLUMNS = `r.referral_id, r.child_id, r.council_code, r.placement_council_code, r.service, r.source, r.status,
  r.referred_on, r.accepted_on, r.matched_on, r.closed_on, r.close_reason, r.reason, r.preferred_volunteer_gender,
  r.volunteer_gender_required, r.preferred_languages, r.language_required, r.self_referral_id`;
const columns = raw(REFERRAL_COLUMNS);
const ALL_COLUMNS = columnNames(REFERRAL_COLUMNS);

/** The columns each field of Referral reads (Referral.fromRow and its field resolvers), for lists that read only those (lookAhead.ts). */
export const REFERRAL_FIELD_COLUMNS: FieldColumns = {
  id: ['referral_id'],
  service: ['service'],
  source: ['source'],
  status: ['status'],
  referredOn: ['referred_on'],
  acceptedOn: ['accepted_on'],
  matchedOn: ['matched_on'],
  closedOn: ['closed_on'],
  closeReason: ['close_reason'],
  reason: ['reason'],
  preferences: ['preferred_volunteer_gender', 'volunteer_gender_required', 'preferred_languages', 'language_required'],
  daysWaiting: ['status', 'accepted_on'],
  child: ['child_id'],
  localAuthority: ['council_code'],
  placementLocalAuthority: ['placement_council_code'],
  currentMatch: ['referral_id'],
  matches: ['referral_id'],
};

/** A list's select list and row parser for a set of columns, built once per set. */
const listForm = formsByColumns((names): { select: Sql; row: (raw: unknown) => ReferralRow } =>
  names.length === ALL_COLUMNS.length
    ? { select: columns, row: parseReferralRow }
    : // A narrowed row has only the selected fields' columns: Referral.fromRow leaves the others undefined, and no resolver reads them.
      { select: raw(names.map((name) => `r.${name}`).join(', ')), row: parseReferralRow.pick(names) as (raw: unknown) => ReferralRow },
);
listForm(ALL_COLUMNS); // the whole row first, so that it is always kept

/**
 * A list's select list and row parser for the fields its client selected (`fields`; every column
 * when undefined), with the key and the sort column that cursors are made of.
 */
function listColumns(fields: Iterable<string> | undefined, sortColumn: string): { select: Sql; row: (raw: unknown) => ReferralRow } {
  return listForm(fields ? columnsFor(ALL_COLUMNS, ['referral_id', sortColumn], fields, REFERRAL_FIELD_COLUMNS) : ALL_COLUMNS);
}

export function createReferralLoaders(db: Queryable, principal: Principal | null) {
  return {
    referralById: new DataLoader<string, ReferralRow | null>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from referrals r where r.referral_id = any(${ids}::uuid[]) and ${referralScope(principal, 'r')}`,
        parseReferralRow,
      );
      return oneInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    referralsByChild: new DataLoader<string, ReferralRow[]>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${columns} from referrals r where r.child_id = any(${ids}::uuid[]) and ${referralScope(principal, 'r')}
         order by r.child_id, r.referred_on, r.referral_id`,
        parseReferralRow,
      );
      return groupInKeyOrder(ids, rows, (row) => row.child_id);
    }),
  };
}

const REFERRALS = raw('referrals r');

/** Referrals the caller may see, most recent first, with optional equality filters. */
export function referralList(
  principal: Principal | null,
  filter: { status?: string; service?: string; source?: string; councilCode?: string },
  fields?: Iterable<string>,
): ListSource<ReferralRow> {
  const conditions: Sql[] = [referralScope(principal, 'r')];
  if (filter.status) conditions.push(sql`r.status = ${filter.status}::text`);
  if (filter.service) conditions.push(sql`r.service = ${filter.service}::text`);
  if (filter.source) conditions.push(sql`r.source = ${filter.source}::text`);
  if (filter.councilCode !== undefined) conditions.push(sql`r.council_code = ${filter.councilCode}::text`);
  return {
    ...listColumns(fields, 'referred_on'),
    from: REFERRALS,
    conditions,
    orderBy: [
      { sql: raw('r.referred_on'), cast: 'date', key: (row) => row.referred_on },
      { sql: raw('r.referral_id'), cast: 'uuid', key: (row) => row.referral_id },
    ],
    direction: 'desc',
  };
}

// Open matches of an ACCEPTED referral are PROPOSED ones (starting a match marks it MATCHED).
const HAS_PROPOSAL = raw(`exists (select 1 from matches pm where pm.referral_id = r.referral_id and pm.status in ('PROPOSED', 'ACTIVE'))`);
const HAS_NO_PROPOSAL = raw(`not exists (select 1 from matches pm where pm.referral_id = r.referral_id and pm.status in ('PROPOSED', 'ACTIVE'))`);

/** A council's waiting list for a service: ACCEPTED referrals the caller may see, longest waiting first. */
export function waitingList(
  principal: Principal | null,
  filter: { councilCode: string; service: string; hasProposal?: boolean; source?: string; placementCouncilCode?: string },
  fields?: Iterable<string>,
): ListSource<ReferralRow> {
  const conditions: Sql[] = [
    sql`r.council_code = ${filter.councilCode}::text`,
    sql`r.service = ${filter.service}::text`,
    sql`r.status = 'ACCEPTED'`,
    referralScope(principal, 'r'),
  ];
  if (filter.hasProposal !== undefined) conditions.push(filter.hasProposal ? HAS_PROPOSAL : HAS_NO_PROPOSAL);
  if (filter.source) conditions.push(sql`r.source = ${filter.source}::text`);
  if (filter.placementCouncilCode !== undefined) conditions.push(sql`r.placement_council_code = ${filter.placementCouncilCode}::text`);
  return {
    ...listColumns(fields, 'accepted_on'),
    from: REFERRALS,
    conditions,
    orderBy: [
      { sql: raw('r.accepted_on'), cast: 'date', key: (row) => row.accepted_on! },
      { sql: raw('r.referral_id'), cast: 'uuid', key: (row) => row.referral_id },
    ],
    direction: 'asc',
  };
}

/** A referral the caller may see, locked for the rest of the transaction; null when not found. */
export async function lockReferralRow(db: Queryable, principal: Principal | null, referralId: string): Promise<ReferralRow | null> {
  const [row] = await query(
    db,
    sql`select ${columns} from referrals r where r.referral_id = ${referralId}::uuid and ${referralScope(principal, 'r')} for update`,
    parseReferralRow,
  );
  return row ?? null;
}

/** A referral's status, locked (starting a match moves it on); null when there is none. */
export async function lockReferralStatus(db: Queryable, referralId: string): Promise<string | null> {
  const [row] = await query(db, sql`select status from referrals where referral_id = ${referralId}::uuid for update`, statusRow);
  return row?.status ?? null;
}
const statusRow = rowParser(z.object({ status: z.string() }));

/** A referral by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function referralForReplay(db: Queryable, referralId: string): Promise<ReferralRow | null> {
  const [row] = await query(db, sql`select ${columns} from referrals r where r.referral_id = ${referralId}::uuid`, parseReferralRow);
  return row ?? null;
}

export type NewReferral = {
  child_id: string;
  council_code: string;
  placement_council_code: string;
  service: string;
  source: string;
  referred_on: string;
  reason: string | null;
  preferred_volunteer_gender: string | null;
  volunteer_gender_required: boolean;
  preferred_languages: string[];
  language_required: boolean;
  self_referral_id: string | null;
};

export async function insertReferral(db: Queryable, r: NewReferral): Promise<ReferralRow> {
  const [row] = await query(
    db,
    sql`insert into referrals as r (child_id, council_code, placement_council_code, service, source, referred_on, reason,
       preferred_volunteer_gender, volunteer_gender_required, preferred_languages, language_required, self_referral_id)
     values (${r.child_id}::uuid, ${r.council_code}::text, ${r.placement_council_code}::text, ${r.service}::text, ${r.source}::text, ${r.referred_on}::date,
       ${r.reason}::text, ${r.preferred_volunteer_gender}::text, ${r.volunteer_gender_required}::boolean, ${r.preferred_languages}::text[],
       ${r.language_required}::boolean, ${r.self_referral_id}::uuid)
     returning ${columns}`,
    parseReferralRow,
  );
  return row;
}

export async function markReferralAccepted(db: Queryable, referralId: string, acceptedOn: string): Promise<ReferralRow> {
  const [row] = await query(
    db,
    sql`update referrals r set status = 'ACCEPTED', accepted_on = ${acceptedOn}::date where r.referral_id = ${referralId}::uuid returning ${columns}`,
    parseReferralRow,
  );
  return row;
}

export async function markReferralClosed(db: Queryable, referralId: string, closedOn: string, reason: string): Promise<ReferralRow> {
  const [row] = await query(
    db,
    sql`update referrals r set status = 'CLOSED', closed_on = ${closedOn}::date, close_reason = ${reason}::text where r.referral_id = ${referralId}::uuid returning ${columns}`,
    parseReferralRow,
  );
  return row;
}

/** The first meeting is when the referral counts as matched (reports/METRICS.md). */
export async function markReferralMatched(db: Queryable, referralId: string, matchedOn: string): Promise<void> {
  await execute(db, sql`update referrals set status = 'MATCHED', matched_on = ${matchedOn}::date where referral_id = ${referralId}::uuid`);
}

// Self-referrals

const selfReferralRow = z.object({
  self_referral_id: z.string(),
  receipt_number: z.string(),
  council_code: z.string(),
  service: z.string(),
  age_years: z.number().int(),
  message: z.string().nullable(),
  contact: z.string().nullable(),
  status: z.string(),
  submitted_at: pgTimestamp,
  referral_id: z.string().nullable(),
});
export type SelfReferralRow = z.infer<typeof selfReferralRow>;
const parseSelfReferralRow = rowParser(selfReferralRow);
const parseInboxRow = rowParser(selfReferralRow.extend({ submitted_us: pgBigint }));

export const SELF_REFERRAL_COLUMNS =
  's.self_referral_id, s.receipt_number, s.council_code, s.service, s.age_years, s.message, s.contact, s.status, s.submitted_at, s.referral_id';
const selfColumns = raw(SELF_REFERRAL_COLUMNS);

/** A self-referral the caller may see (node(id)); null when not found. */
export async function findSelfReferral(db: Queryable, principal: Principal | null, id: string): Promise<SelfReferralRow | null> {
  const [row] = await query(
    db,
    sql`select ${selfColumns} from self_referrals s where s.self_referral_id = ${id}::uuid and ${selfReferralScope(principal, 's')}`,
    parseSelfReferralRow,
  );
  return row ?? null;
}

// The submission time in microseconds: a cursor part that keeps the timestamp's full precision.
const SUBMITTED_US = raw('(extract(epoch from s.submitted_at) * 1000000)::bigint');

/** A council's self-referral inbox in one status, oldest first. */
export function selfReferralInbox(principal: Principal | null, status: string): ListSource<SelfReferralRow & { submitted_us: string }> {
  return {
    select: sql`${selfColumns}, ${SUBMITTED_US}::text as submitted_us`,
    from: raw('self_referrals s'),
    conditions: [sql`s.status = ${status}::text`, selfReferralScope(principal, 's')],
    orderBy: [
      { sql: SUBMITTED_US, cast: 'bigint', key: (row) => row.submitted_us },
      { sql: raw('s.self_referral_id'), cast: 'uuid', key: (row) => row.self_referral_id },
    ],
    direction: 'asc',
    row: parseInboxRow,
  };
}

/** A self-referral the caller may see, locked for the rest of the transaction; null when not found. */
export async function lockSelfReferralRow(db: Queryable, principal: Principal | null, id: string): Promise<SelfReferralRow | null> {
  const [row] = await query(
    db,
    sql`select ${selfColumns} from self_referrals s where s.self_referral_id = ${id}::uuid and ${selfReferralScope(principal, 's')} for update`,
    parseSelfReferralRow,
  );
  return row ?? null;
}

/** A self-referral by ID whatever the caller's scope (an idempotent replay of the caller's own write). */
export async function selfReferralForReplay(db: Queryable, id: string): Promise<SelfReferralRow | null> {
  const [row] = await query(db, sql`select ${selfColumns} from self_referrals s where s.self_referral_id = ${id}::uuid`, parseSelfReferralRow);
  return row ?? null;
}

export async function insertSelfReferral(
  db: Queryable,
  s: { receipt_number: string; council_code: string; service: string; age_years: number; message: string | null; contact: string | null },
): Promise<SelfReferralRow> {
  const [row] = await query(
    db,
    sql`insert into self_referrals as s (receipt_number, council_code, service, age_years, message, contact)
     values (${s.receipt_number}::text, ${s.council_code}::text, ${s.service}::text, ${s.age_years}::smallint, ${s.message}::text, ${s.contact}::text)
     returning ${selfColumns}`,
    parseSelfReferralRow,
  );
  return row;
}

export async function markSelfReferralConverted(db: Queryable, id: string, referralId: string): Promise<void> {
  await execute(
    db,
    sql`update self_referrals set status = 'CONVERTED', resolved_at = now(), referral_id = ${referralId}::uuid where self_referral_id = ${id}::uuid`,
  );
}

export async function markSelfReferralDismissed(db: Queryable, id: string): Promise<SelfReferralRow> {
  const [row] = await query(
    db,
    sql`update self_referrals s set status = 'DISMISSED', resolved_at = now() where s.self_referral_id = ${id}::uuid returning ${selfColumns}`,
    parseSelfReferralRow,
  );
  return row;
}
