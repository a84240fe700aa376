import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets as data (issue 16): a public commitment that a metric of the reporting rollups reaches a
 * value in an area (a current council, a region or England) by a date. setTarget writes them,
 * removeTarget deletes them; both audited like every mutation.
 * - One target per area, service, metric and due date (`targets_key`): setting it again replaces
 *   its name and value.
 * - `value` has at most one decimal place (a coverage rate is published to one); the range per
 *   metric is checked by the API, which names the field.
 * - `area_code` is not a foreign key: regions and England are not rows of `councils`.
 */
export class Targets1763900600000 implements MigrationInterface {
  name = 'Targets1763900600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table targets (
        target_id uuid primary key default gen_random_uuid(),
        name text not null constraint targets_name_check check (char_length(name) between 1 and 120),
        area_code text not null constraint targets_area_code_check check (area_code ~ '^E[0-9]{8}$'),
        service text not null constraint targets_service_check check (service in ('INDEPENDENT_VISITOR', 'MENTORING')),
        metric text not null constraint targets_metric_check check (metric in ('COVERAGE_RATE', 'ACTIVE_MATCHES')),
        value numeric(8, 1) not null constraint targets_value_check check (value >= 0),
        due_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint targets_key unique (area_code, service, metric, due_on)
      );
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
