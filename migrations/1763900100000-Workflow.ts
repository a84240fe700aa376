import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operational heart: providers and their commissions, children (pseudonymous), referrals,
 * volunteers, matches, visits, self-referrals and the audit trail. Rules that must hold under
 * concurrency are constraints here, not only checks in code:
 * - one open (NEW or ACCEPTED) referral per child and service (partial unique index);
 * - one PROPOSED or ACTIVE match per referral (partial unique index);
 * - a volunteer's open matches never exceed their capacity (counter with a check constraint,
 *   incremented by a conditional UPDATE that takes the row lock).
 * Constraint names are stable: src/graphql/userErrors.ts maps them back to input fields.
 */
export class Workflow1763900100000 implements MigrationInterface {
  name = 'Workflow1763900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table providers (
        provider_id uuid primary key default gen_random_uuid(),
        name text not null constraint providers_name_check check (char_length(btrim(name)) between 1 and 200),
        kind text not null constraint providers_kind_check check (kind in ('CHARITY', 'COUNCIL_TEAM', 'OTHER')),
        created_at timestamptz not null default now(),
        constraint providers_name_key unique (name)
      );

      create table commissions (
        commission_id uuid primary key default gen_random_uuid(),
        provider_id uuid not null references providers (provider_id) on delete cascade,
        council_code text not null references councils (code) on delete restrict,
        service text not null constraint commissions_service_check check (service in ('INDEPENDENT_VISITOR', 'MENTORING')),
        starts_on date not null,
        ends_on date,
        created_at timestamptz not null default now(),
        constraint commissions_dates_check check (ends_on is null or ends_on >= starts_on),
        constraint commissions_key unique (provider_id, council_code, service, starts_on)
      );
      create index commissions_council_idx on commissions (council_code, service, provider_id);

      -- No names, addresses or case notes: the council's own case reference and what matching and
      -- equality reporting need.
      create table children (
        child_id uuid primary key default gen_random_uuid(),
        council_code text not null references councils (code) on delete restrict,
        case_reference text not null constraint children_case_reference_check check (case_reference ~ '^[A-Za-z0-9/_-]{1,40}$'),
        birth_month date not null constraint children_birth_month_check check (extract(day from birth_month) = 1),
        gender text not null constraint children_gender_check check (gender in ('FEMALE', 'MALE', 'NON_BINARY', 'NOT_STATED')),
        ethnicity text not null constraint children_ethnicity_check check (ethnicity in ('WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'NOT_STATED')),
        placement_type text not null constraint children_placement_type_check
          check (placement_type in ('FOSTER_CARE', 'KINSHIP_CARE', 'RESIDENTIAL', 'SEMI_INDEPENDENT', 'PLACED_WITH_PARENTS', 'OTHER')),
        placed_out_of_area boolean not null,
        looked_after_since date not null,
        interests text[] not null default '{}',
        languages text[] not null default '{}',
        created_at timestamptz not null default now(),
        constraint children_case_reference_key unique (council_code, case_reference),
        constraint children_looked_after_since_check check (looked_after_since >= birth_month)
      );
      create index children_council_idx on children (council_code, created_at, child_id);

      create table self_referrals (
        self_referral_id uuid primary key default gen_random_uuid(),
        receipt_number text not null constraint self_referrals_receipt_number_key unique,
        council_code text not null references councils (code) on delete restrict,
        service text not null constraint self_referrals_service_check check (service in ('INDEPENDENT_VISITOR', 'MENTORING')),
        age_years smallint not null constraint self_referrals_age_years_check check (age_years between 5 and 25),
        message text constraint self_referrals_message_check check (char_length(message) <= 1000),
        contact text constraint self_referrals_contact_check check (char_length(contact) <= 200),
        status text not null default 'NEW' constraint self_referrals_status_check check (status in ('NEW', 'CONVERTED', 'DISMISSED')),
        submitted_at timestamptz not null default now(),
        resolved_at timestamptz,
        referral_id uuid
      );
      create index self_referrals_inbox_idx on self_referrals (council_code, status, submitted_at, self_referral_id);

      create table referrals (
        referral_id uuid primary key default gen_random_uuid(),
        child_id uuid not null references children (child_id) on delete restrict,
        -- the responsible council, copied from the child so scoping and reporting need no join
        council_code text not null references councils (code) on delete restrict,
        placement_council_code text not null references councils (code) on delete restrict,
        service text not null constraint referrals_service_check check (service in ('INDEPENDENT_VISITOR', 'MENTORING')),
        source text not null constraint referrals_source_check check (source in
          ('SOCIAL_WORKER', 'TEACHER', 'FOSTER_CARER', 'RESIDENTIAL_WORKER', 'PERSONAL_ADVISER', 'INDEPENDENT_REVIEWING_OFFICER', 'SELF', 'OTHER')),
        status text not null default 'NEW' constraint referrals_status_check check (status in ('NEW', 'ACCEPTED', 'MATCHED', 'CLOSED')),
        referred_on date not null,
        accepted_on date,
        matched_on date,
        closed_on date,
        close_reason text constraint referrals_close_reason_check check (close_reason in ('CHILD_DECLINED', 'WITHDRAWN', 'INELIGIBLE', 'LEFT_CARE', 'OTHER')),
        reason text constraint referrals_reason_check check (char_length(reason) <= 2000),
        preferred_volunteer_gender text constraint referrals_preferred_volunteer_gender_check check (preferred_volunteer_gender in ('FEMALE', 'MALE', 'NON_BINARY')),
        volunteer_gender_required boolean not null default false,
        preferred_languages text[] not null default '{}',
        language_required boolean not null default false,
        self_referral_id uuid references self_referrals (self_referral_id) on delete set null,
        created_at timestamptz not null default now(),
        constraint referrals_accepted_on_check check (accepted_on >= referred_on),
        constraint referrals_closed_on_check check (closed_on >= referred_on),
        constraint referrals_matched_on_check check (matched_on >= accepted_on),
        constraint referrals_status_dates_check check (
          (status = 'NEW' and accepted_on is null and closed_on is null and matched_on is null)
          or (status = 'ACCEPTED' and accepted_on is not null and closed_on is null and matched_on is null)
          or (status = 'MATCHED' and accepted_on is not null and matched_on is not null and closed_on is null)
          or (status = 'CLOSED' and closed_on is not null and close_reason is not null))
      );
      create unique index referrals_one_open_per_service on referrals (child_id, service) where status in ('NEW', 'ACCEPTED');
      create index referrals_council_idx on referrals (council_code, referred_on desc, referral_id);
      create index referrals_waiting_idx on referrals (council_code, service, accepted_on, referral_id) where status = 'ACCEPTED';
      create index referrals_child_idx on referrals (child_id);
      alter table self_referrals add constraint self_referrals_referral_id_fkey foreign key (referral_id) references referrals (referral_id) on delete set null;

      create table volunteers (
        volunteer_id uuid primary key default gen_random_uuid(),
        provider_id uuid not null references providers (provider_id) on delete restrict,
        home_council_code text not null references councils (code) on delete restrict,
        gender text not null constraint volunteers_gender_check check (gender in ('FEMALE', 'MALE', 'NON_BINARY', 'NOT_STATED')),
        languages text[] not null default '{}',
        interests text[] not null default '{}',
        max_matches smallint not null default 1 constraint volunteers_max_matches_check check (max_matches between 1 and 10),
        -- PROPOSED plus ACTIVE matches; the check below is what makes capacity race-proof
        open_matches smallint not null default 0,
        status text not null default 'APPLIED' constraint volunteers_status_check
          check (status in ('APPLIED', 'VETTING', 'TRAINING', 'APPROVED', 'INACTIVE', 'WITHDRAWN')),
        applied_on date not null default current_date,
        dbs_issued_on date,
        dbs_update_service boolean not null default false,
        training_completed_on date,
        references_received smallint not null default 0 constraint volunteers_references_received_check check (references_received between 0 and 10),
        approved_on date,
        created_at timestamptz not null default now(),
        constraint volunteers_capacity_check check (open_matches between 0 and max_matches)
      );
      create index volunteers_provider_idx on volunteers (provider_id, created_at, volunteer_id);
      create index volunteers_approved_idx on volunteers (home_council_code) where status = 'APPROVED';

      create table matches (
        match_id uuid primary key default gen_random_uuid(),
        referral_id uuid not null references referrals (referral_id) on delete restrict,
        volunteer_id uuid not null references volunteers (volunteer_id) on delete restrict,
        status text not null default 'PROPOSED' constraint matches_status_check check (status in ('PROPOSED', 'ACTIVE', 'ENDED', 'CANCELLED')),
        proposed_on date not null,
        started_on date,
        ended_on date,
        end_reason text constraint matches_end_reason_check check (end_reason in
          ('CHILD_LEFT_CARE', 'CHILD_OBJECTED', 'VOLUNTEER_RESIGNED', 'COUNCIL_ENDED', 'PLANNED_ENDING', 'OTHER')),
        cancelled_on date,
        cancel_reason text constraint matches_cancel_reason_check check (char_length(cancel_reason) <= 500),
        created_at timestamptz not null default now(),
        constraint matches_started_on_check check (started_on >= proposed_on),
        constraint matches_ended_on_check check (ended_on >= started_on),
        constraint matches_status_dates_check check (
          (status = 'PROPOSED' and started_on is null and ended_on is null and cancelled_on is null)
          or (status = 'ACTIVE' and started_on is not null and ended_on is null)
          or (status = 'ENDED' and started_on is not null and ended_on is not null and end_reason is not null)
          or (status = 'CANCELLED' and started_on is null and cancelled_on is not null))
      );
      create unique index matches_one_open_per_referral on matches (referral_id) where status in ('PROPOSED', 'ACTIVE');
      create index matches_referral_idx on matches (referral_id, proposed_on);
      create index matches_volunteer_idx on matches (volunteer_id, created_at, match_id);

      create table visits (
        visit_id uuid primary key default gen_random_uuid(),
        match_id uuid not null references matches (match_id) on delete cascade,
        visited_on date not null,
        duration_minutes smallint not null constraint visits_duration_minutes_check check (duration_minutes between 1 and 1440),
        kind text not null constraint visits_kind_check check (kind in ('IN_PERSON', 'PHONE', 'VIDEO')),
        created_at timestamptz not null default now()
      );
      create index visits_match_idx on visits (match_id, visited_on, visit_id);

      -- Who did what to which record and which fields changed; never the values, which can be personal.
      create table audit_events (
        audit_event_id bigint generated always as identity primary key,
        occurred_at timestamptz not null default now(),
        actor_id text,
        actor_role text,
        actor_council_code text,
        actor_provider_id text,
        action text not null,
        record_type text not null,
        record_id text not null,
        changed_fields text[] not null default '{}'
      );
      create index audit_events_record_idx on audit_events (record_type, record_id);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
