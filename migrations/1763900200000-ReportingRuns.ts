import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `reporting` schema holds the SQL models built from reports/ (by src/reporting/refresh.ts,
 * not by migrations: models are rebuilt on every refresh) and the two tables that track them.
 */
export class ReportingRuns1763900200000 implements MigrationInterface {
  name = 'ReportingRuns1763900200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create schema if not exists reporting;

      -- The definition each model was last built from, so an unchanged view is not rebuilt.
      create table reporting.model_state (
        model text primary key,
        sql_hash text not null,
        materialized text not null constraint model_state_materialized_check check (materialized in ('view', 'table')),
        applied_at timestamptz not null default now()
      );

      -- One row per model per refresh (and per data test, as 'test:<name>').
      create table reporting.refresh_runs (
        refresh_run_id bigint generated always as identity primary key,
        refresh_id uuid not null,
        model text not null,
        started_at timestamptz not null default clock_timestamp(),
        finished_at timestamptz,
        rows bigint,
        status text not null constraint refresh_runs_status_check check (status in ('RUNNING', 'SUCCEEDED', 'UNCHANGED', 'FAILED', 'SKIPPED')),
        error text
      );
      create index refresh_runs_model_idx on reporting.refresh_runs (model, started_at desc);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
