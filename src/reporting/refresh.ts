import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { liftClientQueryTimeout } from '../database/dataSource';
import { rows } from '../database/sql';
import type { Logger } from '../logger';
import { loadModels, loadTests, ReportModel, ReportTest } from './models';

/**
 * Builds the reporting models in dependency order without ever leaving readers without data:
 * - a view is (re)created only when its definition changed or it is missing;
 * - a table is built beside the live one (`name__build`), checked (key unique and not null), and
 *   swapped in with a rename inside a short transaction; a failure leaves the last good table.
 * A session advisory lock means two refreshes (two replicas, a cron job and a server) never
 * overlap: the second returns SKIPPED at once. Every model and data test is recorded in
 * reporting.refresh_runs, which `reportingFreshness` reads.
 */

export type ModelOutcome = { model: string; status: 'SUCCEEDED' | 'UNCHANGED' | 'FAILED' | 'SKIPPED'; rows: number | null; durationMs: number; error: string | null };
export type RefreshResult = { refreshId: string; status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED'; durationMs: number; models: ModelOutcome[] };

/** Arbitrary but fixed: the advisory lock key of "refresh reports". */
export const REFRESH_LOCK_KEY = 782_604_311;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string) => `reporting.${quote(name)}`;

export type RefreshOptions = {
  /** Build only these models (by name); the rest keep their current data. Default: all. */
  only?: string[];
  models?: ReportModel[];
  tests?: ReportTest[];
  logger?: Logger;
};

export async function refreshReports(db: DataSource, options: RefreshOptions = {}): Promise<RefreshResult> {
  const refreshId = randomUUID();
  const started = Date.now();
  const models = options.models ?? loadModels();
  const tests = options.tests ?? loadTests();
  if (options.only) {
    const unknown = options.only.filter((name) => !models.some((model) => model.name === name));
    if (unknown.length) {
      const named = unknown.slice(0, 5).map((name) => JSON.stringify(name.slice(0, 60))).join(', ');
      throw new Error(`Unknown rollup(s): ${named}; expected some of ${models.map((m) => m.name).join(', ')}`);
    }
  }
  const runner = db.createQueryRunner();
  await runner.connect();
  // Like statement_timeout below: a model may take longer than the API's client-side wait.
  const restoreQueryTimeout = liftClientQueryTimeout(runner);
  try {
    const [{ locked }] = await rows<{ locked: boolean }>(runner, 'select pg_try_advisory_lock($1::bigint) as locked', [REFRESH_LOCK_KEY]);
    if (!locked) {
      options.logger?.info({ refreshId }, 'report refresh skipped: another refresh holds the lock');
      return { refreshId, status: 'SKIPPED', durationMs: Date.now() - started, models: [] };
    }
    try {
      // Building a rollup can legitimately take longer than an API request may.
      await runner.query('set statement_timeout = 0');
      // JIT compilation cost seconds per model on these plans and never paid back.
      await runner.query('set jit = off');
      const outcomes: ModelOutcome[] = [];
      let failed = false;
      for (const model of models) {
        if (options.only && !options.only.includes(model.name)) continue;
        if (failed) {
          // Later models may read the one that failed: keep their last good data.
          outcomes.push(await record(runner, refreshId, model.name, { status: 'SKIPPED', rows: null, durationMs: 0, error: 'an earlier model failed' }));
          continue;
        }
        const outcome = await buildModel(runner, refreshId, model);
        outcomes.push(outcome);
        failed = outcome.status === 'FAILED';
      }
      if (!failed && !options.only) {
        for (const test of tests) outcomes.push(await runTest(runner, refreshId, test));
      }
      const status = outcomes.some((o) => o.status === 'FAILED') ? 'FAILED' : 'SUCCEEDED';
      const result: RefreshResult = { refreshId, status, durationMs: Date.now() - started, models: outcomes };
      options.logger?.[status === 'FAILED' ? 'warn' : 'info'](
        { refreshId, status, durationMs: result.durationMs, failed: outcomes.filter((o) => o.status === 'FAILED').map((o) => o.model) },
        'report refresh finished',
      );
      return result;
    } finally {
      await runner.query('reset statement_timeout');
      await runner.query('reset jit');
      await runner.query('select pg_advisory_unlock($1::bigint)', [REFRESH_LOCK_KEY]);
    }
  } finally {
    restoreQueryTimeout();
    await runner.release();
  }
}

/** Runs recorded by this process; the national-view cache re-reads the generation when it moves. */
let runsRecordedHere = 0;
export const refreshRunsRecordedHere = (): number => runsRecordedHere;

async function record(runner: QueryRunner, refreshId: string, model: string, outcome: Omit<ModelOutcome, 'model'>, startedAt?: Date): Promise<ModelOutcome> {
  runsRecordedHere += 1;
  await runner.query(
    `insert into reporting.refresh_runs (refresh_id, model, started_at, finished_at, rows, status, error)
     values ($1::uuid, $2::text, coalesce($3::timestamptz, clock_timestamp()), clock_timestamp(), $4::bigint, $5::text, $6::text)`,
    [refreshId, model, startedAt ?? null, outcome.rows, outcome.status, outcome.error],
  );
  return { model, ...outcome };
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

async function buildModel(runner: QueryRunner, refreshId: string, model: ReportModel): Promise<ModelOutcome> {
  const startedAt = new Date();
  const t0 = Date.now();
  try {
    if (model.materialized === 'view') {
      const [state] = await rows<{ sql_hash: string; present: boolean }>(
        runner,
        `select sql_hash, to_regclass($2::text) is not null as present from reporting.model_state where model = $1::text`,
        [model.name, `reporting.${model.name}`],
      );
      if (state?.present && state.sql_hash === model.hash) {
        return await record(runner, refreshId, model.name, { status: 'UNCHANGED', rows: null, durationMs: Date.now() - t0, error: null }, startedAt);
      }
      await runner.startTransaction();
      try {
        // cascade drops views built on this one; they are missing afterwards, so they are rebuilt too.
        await runner.query(`drop view if exists ${qualified(model.name)} cascade`);
        await runner.query(`create view ${qualified(model.name)} as ${model.sql}`);
        await saveState(runner, model);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      return await record(runner, refreshId, model.name, { status: 'SUCCEEDED', rows: null, durationMs: Date.now() - t0, error: null }, startedAt);
    }

    const build = `${model.name}__build`;
    await runner.query(`drop table if exists ${qualified(build)}`);
    await runner.query(`create table ${qualified(build)} as ${model.sql}`);
    await checkKey(runner, build, model);
    const indexNames: string[] = [];
    for (const [index, columns] of [model.key, ...model.indexes].entries()) {
      const name = `${model.name}_${index}_idx`;
      indexNames.push(name);
      const unique = index === 0 ? 'unique ' : '';
      await runner.query(`create ${unique}index ${quote(`${name}__build`)} on ${qualified(build)} (${columns.map(quote).join(', ')})`);
    }
    await runner.query(`analyze ${qualified(build)}`);
    const [{ count }] = await rows<{ count: string }>(runner, `select count(*) as count from ${qualified(build)}`);
    // The swap: readers see the old table until commit and the new one after, never neither.
    await runner.startTransaction();
    try {
      await runner.query(`drop table if exists ${qualified(model.name)}`);
      await runner.query(`alter table ${qualified(build)} rename to ${quote(model.name)}`);
      for (const name of indexNames) await runner.query(`alter index reporting.${quote(`${name}__build`)} rename to ${quote(name)}`);
      await saveState(runner, model);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    return await record(runner, refreshId, model.name, { status: 'SUCCEEDED', rows: Number(count), durationMs: Date.now() - t0, error: null }, startedAt);
  } catch (error) {
    await runner.query(`drop table if exists ${qualified(`${model.name}__build`)}`).catch(() => undefined);
    return record(runner, refreshId, model.name, { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: message(error) }, startedAt);
  }
}

async function saveState(runner: QueryRunner, model: ReportModel): Promise<void> {
  await runner.query(
    `insert into reporting.model_state (model, sql_hash, materialized) values ($1::text, $2::text, $3::text)
     on conflict (model) do update set sql_hash = excluded.sql_hash, materialized = excluded.materialized, applied_at = now()`,
    [model.name, model.hash, model.materialized],
  );
}

/** The declared key must be unique and never null, or the new data is not swapped in. */
async function checkKey(runner: QueryRunner, table: string, model: ReportModel): Promise<void> {
  const key = model.key.map(quote).join(', ');
  const [nulls] = await rows<{ count: string }>(
    runner,
    `select count(*) as count from ${qualified(table)} where ${model.key.map((column) => `${quote(column)} is null`).join(' or ')}`,
  );
  if (Number(nulls.count) > 0) throw new Error(`${model.name}: ${nulls.count} row(s) have a null in the key (${model.key.join(', ')})`);
  const [duplicates] = await rows<{ count: string }>(runner, `select count(*) as count from (select 1 from ${qualified(table)} group by ${key} having count(*) > 1) d`);
  if (Number(duplicates.count) > 0) throw new Error(`${model.name}: ${duplicates.count} key value(s) repeat (${model.key.join(', ')}); the grain is one row per key`);
}

async function runTest(runner: QueryRunner, refreshId: string, test: ReportTest): Promise<ModelOutcome> {
  const startedAt = new Date();
  const t0 = Date.now();
  try {
    const [{ count }] = await rows<{ count: string }>(runner, `select count(*) as count from (${test.sql}) failing`);
    const failing = Number(count);
    return await record(
      runner,
      refreshId,
      `test:${test.name}`,
      { status: failing ? 'FAILED' : 'SUCCEEDED', rows: failing, durationMs: Date.now() - t0, error: failing ? `${failing} row(s) break this invariant` : null },
      startedAt,
    );
  } catch (error) {
    return record(runner, refreshId, `test:${test.name}`, { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: message(error) }, startedAt);
  }
}
