import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { QueryRunner } from 'typeorm';
import sql, { raw, Sql } from 'sql-template-tag';
import { z } from 'zod';
import { rowParser } from '../database/rows';
import { execute, query, queryUnchecked } from '../database/sql';
import type { Logger } from '../logger';
import { AreaRow, AuditRow, comparisonTable, CouncilRow, groupByTable, readNeighbours } from './coverage.queries';
import type { ComparisonTable, CouncilSuppression, ProtectedMetric } from './disclosure';
import { PROTECTED_METRICS, publishTable } from './disclosure';
import { auditTable, CellRange, loadSolver } from './disclosureAudit';
import type { BuiltTable, ModelOutcome } from './refresh';
import { record } from './refresh';
import type { CouncilPoolRow, RegionPoolRow } from './volunteerPool';

/**
 * The refresh's last step before publication: the intruder audit (disclosureAudit.ts) of every
 * disclosure-controlled table, one per service and reporting date, on the rollups this refresh
 * built. Its outcome is two more tables, built and published with the rollups:
 * - reporting.disclosure_suppressions: every suppressed council cell, with the step that
 *   suppressed it (PRIMARY, SECONDARY, AUDIT); serving applies the AUDIT cells;
 * - reporting.disclosure_audit: per table and metric, the cells suppressed by each step, the
 *   narrowest range an intruder is left with, and any cell still short of the requirement.
 * A cell short of the requirement with no council left to suppress fails the audit, and so the
 * refresh publishes nothing new.
 *
 * A table whose figures are exactly those the last published audit saw, under the same rules (the
 * source of disclosure.ts and disclosureAudit.ts is part of the fingerprint), keeps that audit's
 * outcome instead of solving again: a nightly refresh re-audits only the months that changed.
 */

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The table a model has in this run: its build when built, otherwise the live one. */
export function source(built: BuiltTable[], name: string): string {
  return built.some((table) => table.name === name) ? `reporting.${quote(`${name}__build`)}` : `reporting.${quote(name)}`;
}

type Keyed<T> = T & { service: string; month_end: string };

const existsRow = rowParser(z.object({ exists: z.boolean() }));

/** Whether `table` (schema-qualified, quoted or not) exists: before the first refresh, a reporting table does not. */
export async function tableExists(runner: QueryRunner, table: string): Promise<boolean> {
  const [{ exists }] = await query(runner, sql`select to_regclass(${table.replace(/"/g, '')}::text) is not null as exists`, existsRow);
  return exists;
}

async function readAll<T>(runner: QueryRunner, table: string, columns: string): Promise<Keyed<T>[]> {
  if (!(await tableExists(runner, table))) return [];
  // Rollup rows as typed in coverage.queries.ts (columns of the reports' own models).
  return (await queryUnchecked(runner, raw(`select ${columns}, service, month_end::text as month_end from ${table}`))) as Keyed<T>[];
}

/** The columns the insights are computed from (insights.ts), of every rollup row and of areas. */
const INSIGHT_COLUMNS = 'referrals_12_months, social_worker_referrals_12_months, waiting_6_months_earlier, coverage_rate_12_months_earlier';
const AREA_INSIGHT_COLUMNS = 'referrals_12_months_with_figure, children_matched_with_figure_12_months_earlier, children_looked_after_12_months_earlier';

export type AuditSummary = {
  tables: number;
  /** Tables whose fingerprint matched the last published audit, which was kept. */
  reused: number;
  cells: Record<'PRIMARY' | 'SECONDARY' | 'AUDIT', number>;
  narrowestRange: number | null;
  unresolved: CellRange[];
  solves: number;
};

export async function auditPublication(runner: QueryRunner, refreshId: string, built: BuiltTable[], logger?: Logger): Promise<ModelOutcome> {
  const startedAt = new Date();
  const t0 = Date.now();
  const name = 'audit:disclosure';
  try {
    const councils = await readAll<CouncilRow>(
      runner,
      source(built, 'rollup_council_month'),
      `council_code, region_code, children_looked_after, children_looked_after_status, children_matched, coverage_rate, waiting, has_waiting_list,
       median_wait_days, p90_wait_days, rank, quartile, statistical_neighbour_median_rate, ${INSIGHT_COLUMNS}`,
    );
    const regions = await readAll<AreaRow>(
      runner,
      source(built, 'rollup_region_month'),
      `region_code, region_name, children_looked_after, children_matched, children_matched_with_figure, coverage_rate, waiting, has_waiting_list, median_wait_days, p90_wait_days,
       ${INSIGHT_COLUMNS}, ${AREA_INSIGHT_COLUMNS}`,
    );
    const england = await readAll<AreaRow>(
      runner,
      source(built, 'rollup_england_month'),
      `children_looked_after, children_matched, children_matched_with_figure, coverage_rate, waiting, has_waiting_list, median_wait_days, p90_wait_days,
       ${INSIGHT_COLUMNS}, ${AREA_INSIGHT_COLUMNS}`,
    );
    const councilPools = await readAll<CouncilPoolRow>(
      runner,
      source(built, 'rollup_council_pool'),
      'council_code, region_code, volunteers_available, children_waiting, volunteers_per_waiting_child',
    );
    const regionPools = await readAll<RegionPoolRow>(
      runner,
      source(built, 'rollup_region_pool'),
      'region_code, volunteers_available, children_waiting, volunteers_per_waiting_child',
    );
    const neighbours = await readNeighbours(runner);

    const councilGroups = groupByTable(councils);
    const regionGroups = groupByTable(regions);
    const councilPoolGroups = groupByTable(councilPools);
    const regionPoolGroups = groupByTable(regionPools);
    const solver = await loadSolver();

    const cells: { service: string; monthEnd: string; suppression: CouncilSuppression }[] = [];
    const summaries: (AuditMetricRow & { service: string; monthEnd: string; inputHash: string })[] = [];
    const summary: AuditSummary = { tables: 0, reused: 0, cells: { PRIMARY: 0, SECONDARY: 0, AUDIT: 0 }, narrowestRange: null, unresolved: [], solves: 0 };
    const previous = await readLastAudit(runner);
    for (const englandRow of england) {
      const key = `${englandRow.service}|${englandRow.month_end}`;
      const table = comparisonTable({
        councils: (councilGroups.get(key) ?? []).sort((a, b) => a.council_code.localeCompare(b.council_code)),
        regions: (regionGroups.get(key) ?? []).sort((a, b) => a.region_code.localeCompare(b.region_code)),
        england: englandRow,
        councilPools: councilPoolGroups.get(key) ?? [],
        regionPools: regionPoolGroups.get(key) ?? [],
      });
      const inputHash = fingerprint(table);
      const last = previous.get(key);
      let suppressions: CouncilSuppression[];
      let rows: AuditMetricRow[];
      if (last && last.inputHash === inputHash) {
        // The same figures under the same rules: the same suppressions, ranges and summary.
        suppressions = publishTable(table, neighbours, last.audited).suppressions;
        rows = last.rows;
        summary.reused += 1;
      } else {
        const audit = auditTable(solver, table, neighbours);
        suppressions = audit.suppressions;
        rows = PROTECTED_METRICS.map((metric) => metricSummary(metric, audit.suppressions, audit.ranges, audit.unresolved));
        summary.solves += audit.solves;
        summary.unresolved.push(...audit.unresolved);
      }
      summary.tables += 1;
      for (const suppression of suppressions) {
        cells.push({ service: englandRow.service, monthEnd: englandRow.month_end, suppression });
        summary.cells[suppression.step] += 1;
      }
      for (const row of rows) {
        summaries.push({ ...row, service: englandRow.service, monthEnd: englandRow.month_end, inputHash });
        if (row.narrowest_range !== null) summary.narrowestRange = Math.min(summary.narrowestRange ?? Infinity, row.narrowest_range);
      }
    }
    await writeBuilds(runner, built, cells, summaries);
    const unresolved = summary.unresolved.length;
    const error = unresolved
      ? `${unresolved} suppressed value(s) an intruder could narrow below the requirement with no council left to suppress, e.g. ${describe(summary.unresolved[0])}`
      : null;
    logger?.[unresolved ? 'warn' : 'info']({ refreshId, ...summary, unresolved, durationMs: Date.now() - t0 }, 'disclosure audit finished');
    return record(runner, refreshId, name, { status: unresolved ? 'FAILED' : 'SUCCEEDED', rows: cells.length, durationMs: Date.now() - t0, error }, startedAt);
  } catch (error) {
    return record(
      runner,
      refreshId,
      name,
      { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: (error instanceof Error ? error.message : String(error)).slice(0, 1000) },
      startedAt,
    );
  }
}

/**
 * A table's fingerprint under the rules in `modules` (resolved from here): its figures and the
 * rules' source, read once, so a change to either invalidates a kept audit.
 */
export function rulesFingerprint(modules: string[]): (table: unknown) => string {
  let rulesSource: string | null = null;
  return (table) => {
    rulesSource ??= modules.map((module) => fs.readFileSync(require.resolve(module), 'utf8')).join('\n');
    return createHash('sha256').update(rulesSource).update(JSON.stringify(table)).digest('hex');
  };
}

const fingerprint: (table: ComparisonTable) => string = rulesFingerprint(['./disclosure', './disclosureAudit', './insights']);

type LastAudit = { inputHash: string | null; rows: AuditMetricRow[]; audited: CouncilSuppression[] };

/** The published audit by table (service and month end); only tables that passed are worth keeping. */
async function readLastAudit(runner: QueryRunner): Promise<Map<string, LastAudit>> {
  const last = new Map<string, LastAudit>();
  // to_jsonb: a table from before the fingerprint column reads as having none.
  const summaries = (await queryUnchecked(
    runner,
    sql`select a.service, a.month_end::text as month_end, a.metric, a.suppressed_primary, a.suppressed_secondary, a.suppressed_audit,
            a.narrowest_range, a.lowest_upper_bound, a.unresolved, to_jsonb(a) ->> 'input_hash' as input_hash
     from reporting.disclosure_audit a
     order by a.service, a.month_end, a.metric`,
  )) as (AuditMetricRow & { service: string; month_end: string; input_hash: string | null })[];
  for (const { service, month_end: monthEnd, input_hash: inputHash, ...row } of summaries) {
    const key = `${service}|${monthEnd}`;
    const entry = last.get(key) ?? { inputHash, rows: [], audited: [] };
    entry.rows.push(row);
    if (row.unresolved > 0) entry.inputHash = null;
    last.set(key, entry);
  }
  const cells = (await queryUnchecked(
    runner,
    sql`select service, month_end::text as month_end, metric, area_code from reporting.disclosure_suppressions where step = 'AUDIT'`,
  )) as { service: string; month_end: string; metric: ProtectedMetric; area_code: string }[];
  for (const cell of cells) last.get(`${cell.service}|${cell.month_end}`)?.audited.push({ metric: cell.metric, councilCode: cell.area_code, step: 'AUDIT' });
  return last;
}

const describe = (range: CellRange) => `${range.metric} of ${range.councilCode} (${range.step.toLowerCase()}) lies in ${range.lo}..${range.hi}`;

/** A row of reporting.disclosure_audit as the audit writes it. */
type AuditMetricRow = AuditRow & { metric: ProtectedMetric };

function metricSummary(metric: ProtectedMetric, suppressions: CouncilSuppression[], ranges: CellRange[], unresolved: CellRange[]): AuditMetricRow {
  const mine = suppressions.filter((s) => s.metric === metric);
  const myRanges = ranges.filter((range) => range.metric === metric);
  const spans = myRanges.map((range) => (Number.isFinite(range.hi) ? range.hi - range.lo + 1 : Number.MAX_SAFE_INTEGER));
  const uppers = myRanges.map((range) => (Number.isFinite(range.hi) ? range.hi : Number.MAX_SAFE_INTEGER));
  return {
    metric,
    suppressed_primary: mine.filter((s) => s.step === 'PRIMARY').length,
    suppressed_secondary: mine.filter((s) => s.step === 'SECONDARY').length,
    suppressed_audit: mine.filter((s) => s.step === 'AUDIT').length,
    narrowest_range: spans.length ? Math.min(...spans) : null,
    lowest_upper_bound: uppers.length ? Math.min(...uppers) : null,
    unresolved: unresolved.filter((range) => range.metric === metric).length,
  };
}

/**
 * Both audit tables, built beside the live ones and published with the rollups. Each joins
 * `built` as soon as it exists, so the refresh drops it whatever fails after.
 */
async function writeBuilds(
  runner: QueryRunner,
  built: BuiltTable[],
  cells: { service: string; monthEnd: string; suppression: CouncilSuppression }[],
  summaries: (AuditMetricRow & { service: string; monthEnd: string; inputHash: string })[],
): Promise<void> {
  await buildTable(
    runner,
    built,
    'disclosure_suppressions',
    cells.length,
    sql`select * from unnest(${cells.map((c) => c.service)}::text[], ${cells.map((c) => c.monthEnd)}::date[], ${cells.map((c) => c.suppression.metric)}::text[],
       ${cells.map((c) => c.suppression.councilCode)}::text[], ${cells.map((c) => c.suppression.step)}::text[]) as cell(service, month_end, metric, area_code, step)`,
    [
      { name: 'disclosure_suppressions_0_idx', columns: 'service, month_end, metric, area_code', unique: true },
      { name: 'disclosure_suppressions_1_idx', columns: 'area_code, service, month_end' },
    ],
  );
  const column = <K extends keyof AuditMetricRow>(key: K) => summaries.map((row) => row[key]);
  const capped = (values: (number | null)[]) => values.map((value) => (value === null ? null : Math.min(value, 2_000_000_000)));
  await buildTable(
    runner,
    built,
    'disclosure_audit',
    summaries.length,
    sql`select * from unnest(${summaries.map((row) => row.service)}::text[], ${summaries.map((row) => row.monthEnd)}::date[], ${column('metric')}::text[],
       ${column('suppressed_primary')}::integer[], ${column('suppressed_secondary')}::integer[], ${column('suppressed_audit')}::integer[],
       ${capped(column('narrowest_range'))}::integer[], ${capped(column('lowest_upper_bound'))}::integer[], ${column('unresolved')}::integer[],
       ${summaries.map((row) => row.inputHash)}::text[])
       as audit(service, month_end, metric, suppressed_primary, suppressed_secondary, suppressed_audit, narrowest_range, lowest_upper_bound, unresolved, input_hash)`,
    [{ name: 'disclosure_audit_0_idx', columns: 'service, month_end, metric', unique: true }],
  );
}

/**
 * An audit's table, built as `reporting.<name>__build` from `select` beside the live one and
 * published with the rollups. It joins `built` as soon as it exists, so the refresh drops it
 * whatever fails after.
 */
export async function buildTable(
  runner: QueryRunner,
  built: BuiltTable[],
  name: string,
  rows: number,
  select: Sql,
  indexes: { name: string; columns: string; unique?: boolean }[],
): Promise<void> {
  const table: BuiltTable = { name, build: `${name}__build`, indexes: indexes.map((index) => index.name), rows, durationMs: 0, startedAt: new Date() };
  await runner.query(`drop table if exists reporting.${quote(table.build)}`);
  await execute(runner, sql`create table ${raw(`reporting.${quote(table.build)}`)} as ${select}`);
  built.push(table);
  for (const index of indexes) {
    await runner.query(`create ${index.unique ? 'unique ' : ''}index ${quote(`${index.name}__build`)} on reporting.${quote(table.build)} (${index.columns})`);
  }
  table.durationMs = Date.now() - table.startedAt.getTime();
}
