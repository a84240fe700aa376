import DataLoader from 'dataloader';
import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { providerKey, referralScope } from '../auth/scope';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { REFERRAL_COLUMNS, referralRow } from '../referrals/referral.queries';
import { VOLUNTEER_COLUMNS, volunteerRow } from '../volunteers/volunteer.queries';
import type { PlanReferral } from './plan';
import { type Candidate, type ExclusionCounts, HardConstraint, type Place } from './scoring';

/**
 * The two reads matching needs, each one statement whatever the number of children or volunteers:
 * the referrals (with their child's interests and languages, the placement's centroid and the
 * volunteers the child objected to) and the candidate volunteers, prefiltered in SQL by every
 * constraint that depends on the volunteer alone.
 */

// council_centroids columns are double precision: numbers; null when the council has no centroid.
const located = z.object({ latitude: z.number().nullable(), longitude: z.number().nullable(), area_km2: z.number().nullable() });
type Located = z.infer<typeof located>;

const matchingReferralRow = referralRow.extend({
  ...located.shape,
  child_interests: z.array(z.string()),
  child_languages: z.array(z.string()),
  objected_volunteer_ids: z.array(z.string()),
  has_open_match: z.boolean(),
});
export type MatchingReferralRow = z.infer<typeof matchingReferralRow>;
const parseMatchingReferralRow = rowParser(matchingReferralRow);

/** Interests and languages compared case-insensitively (the API stores them lower-cased; imported data may not be). */
const lowered = (values: string[]) => values.map((value) => value.toLowerCase());

const place = (row: Located): Place | null =>
  row.latitude === null || row.longitude === null || row.area_km2 === null ? null : { latitude: row.latitude, longitude: row.longitude, areaKm2: row.area_km2 };

export function toPlanReferral(row: MatchingReferralRow): PlanReferral {
  return {
    referralId: row.referral_id,
    childId: row.child_id,
    acceptedOn: row.accepted_on,
    placementCouncilCode: row.placement_council_code,
    placement: place(row),
    childInterests: lowered(row.child_interests),
    childLanguages: lowered(row.child_languages),
    preferredGender: row.preferred_volunteer_gender,
    genderRequired: row.volunteer_gender_required,
    preferredLanguages: lowered(row.preferred_languages),
    languageRequired: row.language_required,
    objectedVolunteerIds: new Set(row.objected_volunteer_ids),
    hasOpenMatch: row.has_open_match,
  };
}

const MATCHING_REFERRAL_SELECT = raw(`select ${REFERRAL_COLUMNS}, c.interests as child_interests, c.languages as child_languages,
    pc.latitude, pc.longitude, pc.area_km2,
    array(select om.volunteer_id from matches om join referrals orf on orf.referral_id = om.referral_id
          where orf.child_id = r.child_id and om.end_reason = 'CHILD_OBJECTED') as objected_volunteer_ids,
    exists (select 1 from matches pm where pm.referral_id = r.referral_id and pm.status in ('PROPOSED', 'ACTIVE')) as has_open_match
  from referrals r
  join children c on c.child_id = r.child_id
  left join council_centroids pc on pc.council_code = r.placement_council_code`);

/** One referral the caller may see, or null. */
export async function readMatchingReferral(db: Queryable, principal: Principal | null, referralKey: string): Promise<MatchingReferralRow | null> {
  const [row] = await query(
    db,
    sql`${MATCHING_REFERRAL_SELECT} where r.referral_id = ${referralKey}::uuid and ${referralScope(principal, 'r')}`,
    parseMatchingReferralRow,
  );
  return row ?? null;
}

/** A council's waiting list for a service as the caller may see it, longest waiting first. */
export async function readWaitingReferrals(db: Queryable, principal: Principal | null, councilCode: string, service: string): Promise<MatchingReferralRow[]> {
  return query(
    db,
    sql`${MATCHING_REFERRAL_SELECT}
     where r.council_code = ${councilCode}::text and r.service = ${service}::text and r.status = 'ACCEPTED' and ${referralScope(principal, 'r')}
     order by r.accepted_on, r.referral_id`,
    parseMatchingReferralRow,
  );
}

/**
 * Whose volunteers the caller may be shown as candidates: a coordinator only their own provider's
 * (other providers' volunteers are not theirs to see or propose); a council officer and an admin
 * every commissioned provider's, since choosing among providers is the council's decision.
 */
function candidateScope(principal: Principal | null): Sql {
  switch (principal?.role) {
    case Role.ADMIN:
    case Role.COUNCIL_OFFICER:
      return raw('true');
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      return provider ? sql`v.provider_id = ${provider}::uuid` : raw('false');
    }
    default:
      return raw('false');
  }
}

const parseCandidateRow = rowParser(volunteerRow.extend({ ...located.shape, matches_started: z.number().int() }));

/**
 * Volunteers who could be proposed today for a child of `councilCode` needing `service`: APPROVED,
 * DBS check valid on `on` (the rule of dbsValidOn: issued by then, under three years old or on the
 * update service), spare capacity, and a provider the council commissions for the service on
 * `on`. The partial index volunteers_matchable_idx holds exactly the approved volunteers with
 * spare capacity, by provider. Ordered by volunteer ID, so equal scores keep one order.
 */
export async function readCandidates(db: Queryable, principal: Principal | null, councilCode: string, service: string, on: string): Promise<Candidate[]> {
  const rows = await query(
    db,
    sql`select ${raw(VOLUNTEER_COLUMNS)}, hc.latitude, hc.longitude, hc.area_km2,
       (select count(*) from matches em where em.volunteer_id = v.volunteer_id and em.started_on is not null)::int as matches_started
     from volunteers v
     left join council_centroids hc on hc.council_code = v.home_council_code
     where v.status = 'APPROVED' and v.open_matches < v.max_matches
       and v.provider_id in (select cm.provider_id from commissions cm
                             where cm.council_code = ${councilCode}::text and cm.service = ${service}::text
                               and cm.starts_on <= ${on}::date and (cm.ends_on is null or cm.ends_on >= ${on}::date))
       and v.dbs_issued_on <= ${on}::date and (v.dbs_update_service or ${on}::date < v.dbs_issued_on + interval '3 years')
       and ${candidateScope(principal)}
     order by v.volunteer_id`,
    parseCandidateRow,
  );
  return rows.map((row) => ({
    volunteerId: row.volunteer_id,
    homeCouncilCode: row.home_council_code,
    home: place(row),
    gender: row.gender,
    languages: lowered(row.languages),
    interests: lowered(row.interests),
    spareCapacity: row.max_matches - row.open_matches,
    matchesStarted: row.matches_started,
    row,
  }));
}

/**
 * Volunteers left out before the pair is looked at, counted under the first volunteer-level
 * constraint each breaks (HardConstraint order), as the caller may see them (candidateScope).
 * Counted among the volunteers of providers that the council has ever commissioned for the service
 * (every other provider's volunteers are not "left out", they were never in question), except
 * WITHDRAWN ones, who have left for good: PROVIDER_NOT_COMMISSIONED when no commission is in force
 * on `on`, then NOT_APPROVED (applied, in vetting or training, or inactive), DBS_NOT_VALID (the rule
 * of dbsValidOn) and NO_SPARE_CAPACITY. The volunteers who pass all four are readCandidates'.
 */
// The constraint names as SQL string literals: enum values of this code, never input.
const HARD = Object.fromEntries(Object.values(HardConstraint).map((name) => [name, raw(`'${name}'`)])) as Record<HardConstraint, Sql>;
const exclusionRow = rowParser(z.object({ hard_constraint: z.enum(HardConstraint), volunteers: z.number().int() }));

export async function readVolunteerExclusions(
  db: Queryable,
  principal: Principal | null,
  councilCode: string,
  service: string,
  on: string,
): Promise<ExclusionCounts> {
  const rows = await query(
    db,
    sql`select excluded.hard_constraint, count(*)::int as volunteers
     from (
       select case
           when not exists (select 1 from commissions cm
                            where cm.provider_id = v.provider_id and cm.council_code = ${councilCode}::text and cm.service = ${service}::text
                              and cm.starts_on <= ${on}::date and (cm.ends_on is null or cm.ends_on >= ${on}::date)) then ${HARD.PROVIDER_NOT_COMMISSIONED}
           when v.status <> 'APPROVED' then ${HARD.NOT_APPROVED}
           when not coalesce(v.dbs_issued_on <= ${on}::date and (v.dbs_update_service or ${on}::date < v.dbs_issued_on + interval '3 years'), false) then ${HARD.DBS_NOT_VALID}
           when v.open_matches >= v.max_matches then ${HARD.NO_SPARE_CAPACITY}
         end as hard_constraint
       from volunteers v
       where v.status <> 'WITHDRAWN'
         and v.provider_id in (select cp.provider_id from commissions cp where cp.council_code = ${councilCode}::text and cp.service = ${service}::text)
         and ${candidateScope(principal)}
     ) excluded
     where excluded.hard_constraint is not null
     group by excluded.hard_constraint`,
    exclusionRow,
  );
  return new Map(rows.map((row) => [row.hard_constraint, row.volunteers]));
}

export function createMatchingLoaders(db: Queryable, principal: Principal | null) {
  return {
    /** Keyed by `${councilCode}|${service}|${on}`: readVolunteerExclusions, read once per request. */
    volunteerExclusions: new DataLoader<string, ExclusionCounts>((keys) =>
      Promise.all(
        keys.map((key) => {
          const [councilCode, service, on] = key.split('|');
          return readVolunteerExclusions(db, principal, councilCode, service, on);
        }),
      ),
    ),
  };
}
