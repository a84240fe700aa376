import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { liftClientQueryTimeout } from '../database/dataSource';
import sql, { raw } from 'sql-template-tag';
import { z } from 'zod';
import { pgBigint, rowParser } from '../database/rows';
import { execute, query } from '../database/sql';
import { classifyFault } from '../graphql/errors';
import { UserError, UserFacingError } from '../graphql/userErrors';
import type { Logger } from '../logger';
import { loadModels, loadTests, ReportModel, ReportTest } from './models';
import { auditActivityPublication } from './activityPublication';
import { auditPublication } from './publication';
import { noteRunRecorded } from './generation';

/**
 * Builds the reporting models in dependency order without ever leaving readers without data:
 * - a view is (re)created only when its definition changed or it is missing;
 * - a table is built beside the live one (`name__build`), checked (key unique and not null), and
 *   later models and the data tests read the builds;
 * - publication is gated: only when every model, every data test (reports/tests) and the
 *   disclosure audit (publication.ts) pass are all the builds swapped in, by renames inside one
 *   short transaction; otherwise readers keep the last good tables and the run records why.
 * A session advisory lock means two refreshes (two replicas, a cron job and a server) never
 * overlap: the second returns SKIPPED at once. Every model and data test is recorded in
 * reporting.refresh_runs, which `reportingFreshness` reads.
 */

export type ModelOutcome = {
  model: string;
  status: 'SUCCEEDED' | 'UNCHANGED' | 'FAILED' | 'SKIPPED';
  rows: number | null;
  durationMs: number;
  error: string | null;
};
export type RefreshResult = { refreshId: string; status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED'; durationMs: number; models: ModelOutcome[] };

/** Arbitrary but fixed: the advisory lock key of "refresh reports". */
export const REFRESH_LOCK_KEY = 782_604_311;

const lockedRow = rowParser(z.object({ locked: z.boolean() }));
const modelStateRow = rowParser(z.object({ sql_hash: z.string(), present: z.boolean() }));
/** count(*) is bigint: a string. */
const countRow = rowParser(z.object({ count: pgBigint }));

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string) => `reporting.${quote(name)}`;

export type RefreshOptions = {
  /** Build only these models (by name); the rest keep their current data. Default: all. */
  only?: string[];
  models?: ReportModel[];
  tests?: ReportTest[];
  logger?: Logger;
};

/**
 * What the refreshReports mutation reports when refreshReports throws: an unknown rollup is the
 * caller's VALIDATION on ["input", "rollups"]; a database that could not be reached or was lost
 * is UNAVAILABLE (nothing was published, readers keep the last good tables, and trying again
 * later is the answer). Anything else is a fault, not the caller's: it is thrown on, for the
 * error formatter to report as INTERNAL with the request id.
 */
export function refreshFailure(error: unknown): UserError {
  if (error instanceof UserFacingError) return error.toUserError();
  if (classifyFault(error).code === 'SERVICE_UNAVAILABLE') {
    return {
      code: 'UNAVAILABLE',
      field: null,
      message: 'The database is unavailable at the moment, so nothing was refreshed; readers keep the last published reports. Try again shortly.',
    };
  }
  throw error;
}

export async function refreshReports(db: DataSource, options: RefreshOptions = {}): Promise<RefreshResult> {
  const refreshId = randomUUID();
  const started = Date.now();
  const models = options.models ?? loadModels();
  const tests = options.tests ?? loadTests();
  if (options.only) {
    const unknown = options.only.filter((name) => !models.some((model) => model.name === name));
    if (unknown.length) {
      const named = unknown
        .slice(0, 5)
        .map((name) => JSON.stringify(name.slice(0, 60)))
        .join(', ');
      throw new UserFacingError('VALIDATION', `Unknown rollup(s): ${named}; expected some of ${models.map((m) => m.name).join(', ')}`, 'rollups');
    }
  }
  const runner = db.createQueryRunner();
  await runner.connect();
  // Like statement_timeout below: a model may take longer than the API's client-side wait.
  const restoreQueryTimeout = liftClientQueryTimeout(runner);
  try {
    const [{ locked }] = await query(runner, sql`select pg_try_advisory_lock(${REFRESH_LOCK_KEY}::bigint) as locked`, lockedRow);
    if (!locked) {
      options.logger?.info({ refreshId }, 'report refresh skipped: another refresh holds the lock');
      return { refreshId, status: 'SKIPPED', durationMs: Date.now() - started, models: [] };
    }
    const built: BuiltTable[] = [];
    try {
      // Building a rollup can legitimately take longer than an API request may.
      await runner.query('set statement_timeout = 0');
      // JIT compilation cost seconds per model on these plans and never paid back.
      await runner.query('set jit = off');
      const outcomes: ModelOutcome[] = [];
      let failed: string | null = null;
      for (const model of models) {
        if (options.only && !options.only.includes(model.name)) continue;
        if (failed) {
          // Later models may read the one that failed: keep their last good data.
          outcomes.push(await record(runner, refreshId, model.name, { status: 'SKIPPED', rows: null, durationMs: 0, error: 'an earlier model failed' }));
          continue;
        }
        // Tables built earlier in this run are read from their build, not the live table.
        const outcome = await buildModel(runner, refreshId, { ...model, sql: readBuilds(model.sql, built) }, built);
        if (outcome) outcomes.push(outcome);
        if (outcome?.status === 'FAILED') failed = model.name;
      }
      if (!failed && !options.only) {
        for (const test of tests) {
          const outcome = await runTest(runner, refreshId, { ...test, sql: readBuilds(test.sql, built) });
          outcomes.push(outcome);
          if (outcome.status === 'FAILED') failed ??= outcome.model;
        }
      }
      if (!failed && (!options.only || options.only.some((name) => PUBLISHED_ROLLUPS.includes(name)))) {
        const audit = await auditPublication(runner, refreshId, built, options.logger);
        outcomes.push(audit);
        if (audit.status === 'FAILED') failed = audit.model;
      }
      if (!failed && (!options.only || options.only.includes(ACTIVITY_ROLLUP))) {
        const audit = await auditActivityPublication(runner, refreshId, built, options.logger);
        outcomes.push(audit);
        if (audit.status === 'FAILED') failed = audit.model;
      }
      // Publication: every new table at once, and only when every model, data test and the
      // disclosure audit passed; otherwise readers keep the last good tables.
      if (failed) {
        // The builds are dropped below, in `finally`, with those of any other way out.
        for (const table of built) {
          outcomes.push(
            await record(runner, refreshId, table.name, {
              status: 'SKIPPED',
              rows: table.rows,
              durationMs: table.durationMs,
              error: `built but not published: ${failed} failed`,
            }),
          );
        }
      } else {
        await swapIn(runner, built);
        for (const table of built.splice(0)) {
          outcomes.push(
            await record(runner, refreshId, table.name, { status: 'SUCCEEDED', rows: table.rows, durationMs: table.durationMs, error: null }, table.startedAt),
          );
        }
      }
      const status = outcomes.some((o) => o.status === 'FAILED') ? 'FAILED' : 'SUCCEEDED';
      const result: RefreshResult = { refreshId, status, durationMs: Date.now() - started, models: orderLike(outcomes, models) };
      options.logger?.[status === 'FAILED' ? 'warn' : 'info'](
        { refreshId, status, durationMs: result.durationMs, failed: outcomes.filter((o) => o.status === 'FAILED').map((o) => o.model) },
        'report refresh finished',
      );
      return result;
    } finally {
      for (const table of built) await runner.query(`drop table if exists ${qualified(table.build)}`).catch(() => undefined);
      // The lock first, whatever else fails: a pooled connection still holding it would make
      // every later refresh SKIPPED until the process restarts.
      await execute(runner, sql`select pg_advisory_unlock(${REFRESH_LOCK_KEY}::bigint)`);
      await runner.query('reset statement_timeout');
      await runner.query('reset jit');
    }
  } finally {
    restoreQueryTimeout();
    await runner.release();
  }
}

/** The activity rollup, whose every table the activity audit reads (activityPublication.ts). */
const ACTIVITY_ROLLUP = 'rollup_period_activity';

/** The comparison rollups the disclosure audit reads; refreshing any of them audits again. */
const PUBLISHED_ROLLUPS = ['rollup_council_month', 'rollup_region_month', 'rollup_england_month', 'rollup_council_pool', 'rollup_region_pool'];

/** A table built beside the live one in this run, waiting for publication. */
export type BuiltTable = { name: string; build: string; indexes: string[]; rows: number; durationMs: number; startedAt: Date; model?: ReportModel };

/** `reporting.name` of every table built so far in this run becomes `reporting.name__build`. */
export function readBuilds(sql: string, built: Pick<BuiltTable, 'name' | 'build'>[]): string {
  return built.reduce((text, table) => text.replace(new RegExp(`\\breporting\\.${table.name}\\b(?!__build)`, 'g'), `reporting.${table.build}`), sql);
}

/** Outcomes in model order (tables are recorded at publication, after the data tests). */
function orderLike(outcomes: ModelOutcome[], models: ReportModel[]): ModelOutcome[] {
  const position = (name: string) => {
    const index = models.findIndex((model) => model.name === name);
    return index >= 0 ? index : models.length;
  };
  return outcomes
    .map((outcome, index) => ({ outcome, index }))
    .sort((a, b) => position(a.outcome.model) - position(b.outcome.model) || a.index - b.index)
    .map(({ outcome }) => outcome);
}

/** The swap: readers see the old tables until commit and the new ones after, never a mixture. */
async function swapIn(runner: QueryRunner, built: BuiltTable[]): Promise<void> {
  if (built.length === 0) return;
  await runner.startTransaction();
  try {
    for (const table of built) {
      await runner.query(`drop table if exists ${qualified(table.name)}`);
      await runner.query(`alter table ${qualified(table.build)} rename to ${quote(table.name)}`);
      for (const name of table.indexes) await runner.query(`alter index reporting.${quote(`${name}__build`)} rename to ${quote(name)}`);
      if (table.model) await saveState(runner, table.model);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

export async function record(
  runner: QueryRunner,
  refreshId: string,
  model: string,
  outcome: Omit<ModelOutcome, 'model'>,
  startedAt?: Date,
): Promise<ModelOutcome> {
  noteRunRecorded();
  await execute(
    runner,
    sql`insert into reporting.refresh_runs (refresh_id, model, started_at, finished_at, rows, status, error)
     values (${refreshId}::uuid, ${model}::text, coalesce(${startedAt ?? null}::timestamptz, clock_timestamp()), clock_timestamp(), ${outcome.rows}::bigint,
       ${outcome.status}::text, ${outcome.error}::text)`,
  );
  return { model, ...outcome };
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Builds a model: a view at once (they hold no data), a table beside the live one for publication. */
async function buildModel(runner: QueryRunner, refreshId: string, model: ReportModel, built: BuiltTable[]): Promise<ModelOutcome | null> {
  const startedAt = new Date();
  const t0 = Date.now();
  try {
    if (model.materialized === 'view') {
      const [state] = await query(
        runner,
        sql`select sql_hash, to_regclass(${`reporting.${model.name}`}::text) is not null as present from reporting.model_state where model = ${model.name}::text`,
        modelStateRow,
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
    const [{ count }] = await query(runner, raw(`select count(*) as count from ${qualified(build)}`), countRow);
    built.push({ name: model.name, build, indexes: indexNames, rows: Number(count), durationMs: Date.now() - t0, startedAt, model });
    return null;
  } catch (error) {
    await runner.query(`drop table if exists ${qualified(`${model.name}__build`)}`).catch(() => undefined);
    return record(runner, refreshId, model.name, { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: message(error) }, startedAt);
  }
}

async function saveState(runner: QueryRunner, model: ReportModel): Promise<void> {
  await execute(
    runner,
    sql`insert into reporting.model_state (model, sql_hash, materialized) values (${model.name}::text, ${model.hash}::text, ${model.materialized}::text)
     on conflict (model) do update set sql_hash = excluded.sql_hash, materialized = excluded.materialized, applied_at = now()`,
  );
}

/** The declared key must be unique and never null, or the new data is not swapped in. */
async function checkKey(runner: QueryRunner, table: string, model: ReportModel): Promise<void> {
  const key = model.key.map(quote).join(', ');
  const [nulls] = await query(
    runner,
    raw(`select count(*) as count from ${qualified(table)} where ${model.key.map((column) => `${quote(column)} is null`).join(' or ')}`),
    countRow,
  );
  if (Number(nulls.count) > 0) throw new Error(`${model.name}: ${nulls.count} row(s) have a null in the key (${model.key.join(', ')})`);
  const [duplicates] = await query(
    runner,
    raw(`select count(*) as count from (select 1 from ${qualified(table)} group by ${key} having count(*) > 1) d`),
    countRow,
  );
  if (Number(duplicates.count) > 0)
    throw new Error(`${model.name}: ${duplicates.count} key value(s) repeat (${model.key.join(', ')}); the grain is one row per key`);
}

async function runTest(runner: QueryRunner, refreshId: string, test: ReportTest): Promise<ModelOutcome> {
  const startedAt = new Date();
  const t0 = Date.now();
  try {
    const [{ count }] = await query(runner, raw(`select count(*) as count from (${test.sql}) failing`), countRow);
    const failing = Number(count);
    return await record(
      runner,
      refreshId,
      `test:${test.name}`,
      {
        status: failing ? 'FAILED' : 'SUCCEEDED',
        rows: failing,
        durationMs: Date.now() - t0,
        error: failing ? `${failing} row(s) break this invariant` : null,
      },
      startedAt,
    );
  } catch (error) {
    return record(runner, refreshId, `test:${test.name}`, { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: message(error) }, startedAt);
  }
}
