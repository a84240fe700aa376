import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two tables the refresh's disclosure audit publishes with the rollups
 * (src/reporting/publication.ts). Created empty here so that the national views can read them
 * before the first audited refresh; every refresh then replaces them like any rollup.
 */
export class DisclosureAudit1763900500000 implements MigrationInterface {
  name = 'DisclosureAudit1763900500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table if not exists reporting.disclosure_suppressions (
        service text, month_end date, metric text, area_code text, step text
      );
      create unique index if not exists disclosure_suppressions_0_idx on reporting.disclosure_suppressions (service, month_end, metric, area_code);
      create index if not exists disclosure_suppressions_1_idx on reporting.disclosure_suppressions (area_code, service, month_end);
      create table if not exists reporting.disclosure_audit (
        service text, month_end date, metric text, suppressed_primary integer, suppressed_secondary integer, suppressed_audit integer,
        narrowest_range integer, lowest_upper_bound integer, unresolved integer, input_hash text
      );
      create unique index if not exists disclosure_audit_0_idx on reporting.disclosure_audit (service, month_end, metric);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
