import type { DataSource } from 'typeorm';

/**
 * Operational records for the reporting tests, inserted with plain SQL so that every date is
 * exactly the one the test's arithmetic uses (the API would refuse some of them, e.g. a referral
 * whose recorded matched_on disagrees with its match). The rows respect the tables' CHECK
 * constraints: a referral's status follows from its dates, a match's from its dates.
 */

export type Service = 'INDEPENDENT_VISITOR' | 'MENTORING';
export const IV: Service = 'INDEPENDENT_VISITOR';
export const MENTORING: Service = 'MENTORING';

export type ReferralSource =
  'SOCIAL_WORKER' | 'TEACHER' | 'FOSTER_CARER' | 'RESIDENTIAL_WORKER' | 'PERSONAL_ADVISER' | 'INDEPENDENT_REVIEWING_OFFICER' | 'SELF' | 'OTHER';

export type EndReason = 'CHILD_LEFT_CARE' | 'CHILD_OBJECTED' | 'VOLUNTEER_RESIGNED' | 'COUNCIL_ENDED' | 'PLANNED_ENDING' | 'OTHER';

/** A match: PROPOSED unless started or cancelled, ACTIVE once started, ENDED once ended. */
export type MatchFixture = { proposedOn?: string; startedOn?: string; endedOn?: string; endReason?: EndReason; cancelledOn?: string };

export type ReferralFixture = {
  council: string;
  service?: Service;
  source?: ReferralSource;
  referredOn: string;
  acceptedOn?: string;
  closedOn?: string;
  closeReason?: 'CHILD_DECLINED' | 'WITHDRAWN' | 'INELIGIBLE' | 'LEFT_CARE' | 'OTHER';
  /** What the referral row itself records as matched_on; by default its first match's start. */
  recordedMatchedOn?: string;
  matches?: MatchFixture[];
  /** A second referral of a child who already has one. */
  childId?: string;
};

export type VolunteerFixture = {
  providerId: string;
  homeCouncil: string;
  status: 'APPLIED' | 'VETTING' | 'TRAINING' | 'APPROVED' | 'INACTIVE' | 'WITHDRAWN';
  approvedOn?: string;
  dbsIssuedOn?: string;
  dbsUpdateService?: boolean;
};

/** Shared by every fixture object of a test file, so two of them on one database never repeat a case reference. */
let sequence = 0;

export class OperationalFixtures {
  private matchingVolunteer: Promise<string> | undefined;

  constructor(private readonly db: DataSource) {}

  private next(): number {
    sequence += 1;
    return sequence;
  }

  async provider(name: string, commissions: { council: string; service: Service; startsOn: string; endsOn?: string }[] = []): Promise<string> {
    const [{ provider_id: providerId }] = await this.db.query(`insert into providers (name, kind) values ($1::text, 'CHARITY') returning provider_id`, [name]);
    for (const commission of commissions) {
      await this.db.query(
        `insert into commissions (provider_id, council_code, service, starts_on, ends_on) values ($1::uuid, $2::text, $3::text, $4::date, $5::date)`,
        [providerId, commission.council, commission.service, commission.startsOn, commission.endsOn ?? null],
      );
    }
    return providerId;
  }

  async volunteer(volunteer: VolunteerFixture): Promise<string> {
    const [{ volunteer_id: volunteerId }] = await this.db.query(
      `insert into volunteers (provider_id, home_council_code, gender, status, applied_on, dbs_issued_on, dbs_update_service, approved_on)
       values ($1::uuid, $2::text, 'FEMALE', $3::text, date '2020-01-01', $4::date, $5::boolean, $6::date)
       returning volunteer_id`,
      [
        volunteer.providerId,
        volunteer.homeCouncil,
        volunteer.status,
        volunteer.dbsIssuedOn ?? null,
        volunteer.dbsUpdateService ?? false,
        volunteer.approvedOn ?? null,
      ],
    );
    // Its history as the migration records what is known of a volunteer: APPLIED on applied_on,
    // APPROVED on approved_on, and a later status (INACTIVE, WITHDRAWN) from the approval day.
    await this.db.query(
      `insert into volunteer_history (volunteer_id, effective_on, status, max_matches)
       select volunteer_id, effective_on, status, max_matches from (
         select volunteer_id, applied_on as effective_on, 'APPLIED' as status, max_matches, 1 as step from volunteers
         union all select volunteer_id, approved_on, 'APPROVED', max_matches, 2 from volunteers where approved_on is not null
         union all select volunteer_id, coalesce(approved_on, applied_on), status, max_matches, 3 from volunteers where status not in ('APPLIED', 'APPROVED')
       ) known
       where volunteer_id = $1::uuid
       order by step`,
      [volunteerId],
    );
    return volunteerId;
  }

  /**
   * The volunteer of every fixture match: INACTIVE, of a provider with no commission, so never
   * counted in volunteersApproved. (Capacity is the workflow's concern, not the reports'.)
   */
  private volunteerForMatches(): Promise<string> {
    this.matchingVolunteer ??= this.provider('Fixture matching provider').then((providerId) =>
      this.volunteer({ providerId, homeCouncil: 'E06000001', status: 'INACTIVE' }),
    );
    return this.matchingVolunteer;
  }

  async child(council: string): Promise<string> {
    const [{ child_id: childId }] = await this.db.query(
      `insert into children (council_code, case_reference, birth_month, gender, ethnicity, placement_type, placed_out_of_area, looked_after_since)
       values ($1::text, $2::text, date '2010-01-01', 'FEMALE', 'WHITE', 'FOSTER_CARE', false, date '2018-01-01')
       returning child_id`,
      [council, `FIXTURE-${this.next()}`],
    );
    return childId;
  }

  async referral(referral: ReferralFixture): Promise<{ referralId: string; childId: string }> {
    const childId = referral.childId ?? (await this.child(referral.council));
    const matches = referral.matches ?? [];
    const starts = matches.flatMap((match) => (match.startedOn ? [match.startedOn] : [])).sort();
    const status = referral.closedOn ? 'CLOSED' : starts.length > 0 || referral.recordedMatchedOn ? 'MATCHED' : referral.acceptedOn ? 'ACCEPTED' : 'NEW';
    const recordedMatchedOn = status === 'MATCHED' ? (referral.recordedMatchedOn ?? starts[0]) : null;
    const [{ referral_id: referralId }] = await this.db.query(
      `insert into referrals (child_id, council_code, placement_council_code, service, source, status, referred_on, accepted_on, matched_on, closed_on, close_reason)
       values ($1::uuid, $2::text, $2::text, $3::text, $4::text, $5::text, $6::date, $7::date, $8::date, $9::date, $10::text)
       returning referral_id`,
      [
        childId,
        referral.council,
        referral.service ?? IV,
        referral.source ?? 'SOCIAL_WORKER',
        status,
        referral.referredOn,
        referral.acceptedOn ?? null,
        recordedMatchedOn,
        referral.closedOn ?? null,
        referral.closedOn ? (referral.closeReason ?? 'WITHDRAWN') : null,
      ],
    );
    const volunteerId = matches.length > 0 ? await this.volunteerForMatches() : null;
    for (const match of matches) {
      const matchStatus = match.endedOn ? 'ENDED' : match.startedOn ? 'ACTIVE' : match.cancelledOn ? 'CANCELLED' : 'PROPOSED';
      await this.db.query(
        `insert into matches (referral_id, volunteer_id, status, proposed_on, started_on, ended_on, end_reason, cancelled_on, cancel_reason)
         values ($1::uuid, $2::uuid, $3::text, $4::date, $5::date, $6::date, $7::text, $8::date, $9::text)`,
        [
          referralId,
          volunteerId,
          matchStatus,
          match.proposedOn ?? match.startedOn ?? match.cancelledOn ?? referral.acceptedOn,
          match.startedOn ?? null,
          match.endedOn ?? null,
          match.endedOn ? (match.endReason ?? 'PLANNED_ENDING') : null,
          match.cancelledOn ?? null,
          match.cancelledOn ? 'fixture: proposal withdrawn' : null,
        ],
      );
    }
    return { referralId, childId };
  }

  /** `count` children of the council, each with a referral whose match is active from `startedOn`. */
  async matchedChildren(council: string, count: number, startedOn: string, service: Service = IV): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      await this.referral({ council, service, referredOn: '2024-07-25', acceptedOn: '2024-08-01', matches: [{ startedOn }] });
    }
  }
}

/** A rollup row as JSON: numeric columns become numbers, dates stay 'YYYY-MM-DD'. */
export type Row = Record<string, unknown>;

export async function rollupRow(db: DataSource, model: string, where: Record<string, string>): Promise<Row> {
  const columns = Object.keys(where);
  const condition = columns.map((column, index) => `r.${column}::text = $${index + 1}::text`).join(' and ');
  const found: { row: Row }[] = await db.query(`select to_jsonb(r) as row from reporting.${model} r where ${condition}`, Object.values(where));
  if (found.length !== 1) throw new Error(`expected one ${model} row for ${JSON.stringify(where)}; found ${found.length}`);
  return found[0].row;
}

export function councilMonth(db: DataSource, councilCode: string, service: Service, monthEnd: string): Promise<Row> {
  return rollupRow(db, 'rollup_council_month', { council_code: councilCode, service, month_end: monthEnd });
}

export function regionMonth(db: DataSource, regionCode: string, service: Service, monthEnd: string): Promise<Row> {
  return rollupRow(db, 'rollup_region_month', { region_code: regionCode, service, month_end: monthEnd });
}

export function englandMonth(db: DataSource, service: Service, monthEnd: string): Promise<Row> {
  return rollupRow(db, 'rollup_england_month', { service, month_end: monthEnd });
}

export function councilYear(db: DataSource, councilCode: string, service: Service, yearEnding: string): Promise<Row> {
  return rollupRow(db, 'rollup_council_year', { council_code: councilCode, service, year_ending: yearEnding });
}

/** The official count of children looked after at 31 March, read straight from the reference data. */
export async function officialCount(db: DataSource, councilCode: string, year: number): Promise<number | null> {
  const [{ children_count: count }] = await db.query(
    `select children_count from official_statistics
     where geographic_level = 'Local authority' and measure = 'Children looked after on 31 March each year'
       and council_code = $1::text and time_period = $2::integer`,
    [councilCode, year],
  );
  return count;
}

/** Lower median and nearest-rank 90th percentile, as METRICS.md defines them for waits. */
export function lowerMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

export function nearestRankP90(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((9 * sorted.length) / 10) - 1];
}

export function roundTo1dp(value: number): number {
  return Math.round(value * 10) / 10;
}
