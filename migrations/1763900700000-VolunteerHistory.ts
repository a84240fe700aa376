import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer history (issue 14): each change of a volunteer's status or capacity (`max_matches`)
 * with the day it took effect, so that a past month's volunteer pool and `volunteersApproved`
 * describe that month rather than today (METRICS.md, "Volunteer pool").
 * - A row is the volunteer's whole state (status and max_matches) from `effective_on`. The state
 *   on a day d is the row recorded last (highest `volunteer_history_id`) among those effective on
 *   or before d: a later entry with an earlier date (an approval recorded today with last month's
 *   approvedOn) overrides an earlier entry from its date on. No date is in the future, so the
 *   state today is always the volunteer's current row.
 * - The volunteer mutations write it in the mutation's transaction (src/volunteers/volunteer.service.ts),
 *   the demo loader with the rest of the demo data.
 * - Backfill from what is known: APPLIED on applied_on; APPROVED on approved_on; a VETTING or
 *   TRAINING status from applied_on (no date is kept; such volunteers count in no figure). The
 *   day an INACTIVE or WITHDRAWN volunteer left is not known: it is taken as their approval day
 *   (applied_on if never approved), which is what the reports assumed before this table, so no
 *   figure already published changes. Every backfilled row is marked `backfilled`.
 */
export class VolunteerHistory1763900700000 implements MigrationInterface {
  name = 'VolunteerHistory1763900700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table volunteer_history (
        volunteer_history_id bigint generated always as identity primary key,
        volunteer_id uuid not null references volunteers (volunteer_id) on delete cascade,
        effective_on date not null,
        status text not null constraint volunteer_history_status_check
          check (status in ('APPLIED', 'VETTING', 'TRAINING', 'APPROVED', 'INACTIVE', 'WITHDRAWN')),
        max_matches smallint not null constraint volunteer_history_max_matches_check check (max_matches between 1 and 10),
        backfilled boolean not null default false,
        recorded_at timestamptz not null default now()
      );
      comment on table volunteer_history is 'Each change of a volunteer''s status or capacity with the day it took effect; the state on d is the last-recorded row effective on or before d.';
      create index volunteer_history_volunteer_idx on volunteer_history (volunteer_id, effective_on, volunteer_history_id);

      insert into volunteer_history (volunteer_id, effective_on, status, max_matches, backfilled)
      select volunteer_id, effective_on, status, max_matches, true
      from (
        select volunteer_id, applied_on as effective_on, 'APPLIED' as status, max_matches, 1 as step from volunteers
        union all
        select volunteer_id, approved_on, 'APPROVED', max_matches, 2 from volunteers where approved_on is not null
        union all
        select volunteer_id, coalesce(approved_on, applied_on), status, max_matches, 3 from volunteers
        where status not in ('APPLIED', 'APPROVED')
      ) known
      order by volunteer_id, step;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
