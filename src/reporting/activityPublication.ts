import type { QueryRunner } from 'typeorm';
import sql from 'sql-template-tag';
import { queryUnchecked } from '../database/sql';
import type { Logger } from '../logger';
import type { ActivitySuppression, ActivityTable } from './activity';
import { activityTable } from './activity';
import { groupActivityRows, readEveryActivityRow } from './activity.queries';
import type { ActivityRange } from './activityAudit';
import { ACTIVITY_FAMILIES, auditActivityTable } from './activityAudit';
import { loadSolver } from './disclosureAudit';
import { buildTable, rulesFingerprint, source, tableExists } from './publication';
import type { BuiltTable, ModelOutcome } from './refresh';
import { record } from './refresh';

/**
 * The intruder audit of the activity tables (activityAudit.ts) as a step of the refresh, beside
 * the coverage audit (publication.ts): every table of reporting.rollup_period_activity (a service
 * and a month, or a year to 31 March) is audited, and what the audit withholds beyond the rules is
 * published with the rollup:
 * - reporting.activity_suppressions: the cells the audit withheld (a council's, or an area's
 *   where no council was left), which serving applies (activity.queries.ts reads them with the
 *   rows, and serves no activity without them);
 * - reporting.activity_audit: per table and family (a one-way count, or a breakdown with its
 *   total), the cells each step withheld, the narrowest range seen and values left short.
 * A value short of the requirement with nothing left to withhold fails the refresh, which then
 * publishes nothing new. A table whose figures and rules are those the last published audit saw
 * keeps that outcome (its fingerprint), so a nightly refresh solves only the periods that changed.
 */

type TableKey = { service: string; periodType: string; periodEnd: string };
type FamilyRow = {
  family: string;
  suppressed_primary: number;
  suppressed_secondary: number;
  suppressed_audit: number;
  narrowest_range: number | null;
  unresolved: number;
};
type LastAudit = { inputHash: string; rows: FamilyRow[]; audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[] };

const keyOf = (key: TableKey) => `${key.service}|${key.periodType}|${key.periodEnd}`;

const fingerprint: (table: ActivityTable) => string = rulesFingerprint(['./activity', './activityAudit', './disclosureAudit']);

function familyRows(suppressions: ActivitySuppression[], ranges: ActivityRange[], unresolved: ActivityRange[]): FamilyRow[] {
  return ACTIVITY_FAMILIES.map((family) => {
    const mine = suppressions.filter((entry) => family.cells.includes(entry.cell));
    const spans = ranges.filter((range) => family.cells.includes(range.cell) && Number.isFinite(range.hi)).map((range) => range.hi - range.lo + 1);
    return {
      family: family.name,
      suppressed_primary: mine.filter((entry) => entry.step === 'PRIMARY').length,
      suppressed_secondary: mine.filter((entry) => entry.step === 'SECONDARY').length,
      suppressed_audit: mine.filter((entry) => entry.step === 'AUDIT').length,
      narrowest_range: spans.length ? Math.min(...spans) : null,
      unresolved: unresolved.filter((range) => family.cells.includes(range.cell)).length,
    };
  });
}

export async function auditActivityPublication(runner: QueryRunner, refreshId: string, built: BuiltTable[], logger?: Logger): Promise<ModelOutcome> {
  const startedAt = new Date();
  const t0 = Date.now();
  const name = 'audit:activity';
  try {
    const tables = groupActivityRows(await readEveryActivityRow(runner, source(built, 'rollup_period_activity')));
    const previous = await readLastAudit(runner);
    const solver = await loadSolver();
    const cells: (TableKey & Pick<ActivitySuppression, 'cell' | 'councilCode'>)[] = [];
    const summaries: (TableKey & FamilyRow & { inputHash: string })[] = [];
    const summary = { tables: 0, reused: 0, solves: 0, audited: 0, unresolved: [] as ActivityRange[] };
    for (const rows of tables.values()) {
      const key = { service: rows[0].service, periodType: rows[0].period_type, periodEnd: rows[0].period_end };
      const table = activityTable(rows);
      const inputHash = fingerprint(table);
      const last = previous.get(keyOf(key));
      let outcome: Omit<LastAudit, 'inputHash'>;
      if (last && last.inputHash === inputHash) {
        outcome = last;
        summary.reused += 1;
      } else {
        const audit = auditActivityTable(solver, table);
        outcome = { rows: familyRows(audit.suppressions, audit.ranges, audit.unresolved), audited: audit.audited };
        summary.solves += audit.solves;
        summary.unresolved.push(...audit.unresolved);
      }
      summary.tables += 1;
      summary.audited += outcome.audited.length;
      for (const cell of outcome.audited) cells.push({ ...key, cell: cell.cell, councilCode: cell.councilCode });
      for (const row of outcome.rows) summaries.push({ ...key, ...row, inputHash });
    }
    await writeBuilds(runner, built, cells, summaries);
    const unresolved = summary.unresolved.length;
    const first = summary.unresolved[0];
    const error = first
      ? `${unresolved} withheld activity value(s) an intruder could narrow below the requirement with nothing left to withhold, e.g. ${first.cell} of ${first.councilCode} lies in ${first.lo}..${first.hi}`
      : null;
    logger?.[unresolved ? 'warn' : 'info'](
      { refreshId, tables: summary.tables, reused: summary.reused, solves: summary.solves, audited: summary.audited, unresolved, durationMs: Date.now() - t0 },
      'activity disclosure audit finished',
    );
    return record(runner, refreshId, name, { status: unresolved ? 'FAILED' : 'SUCCEEDED', rows: cells.length, durationMs: Date.now() - t0, error }, startedAt);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    return record(runner, refreshId, name, { status: 'FAILED', rows: null, durationMs: Date.now() - t0, error: message }, startedAt);
  }
}

/** The published audit by table; tables with a value left short are not worth keeping. */
async function readLastAudit(runner: QueryRunner): Promise<Map<string, LastAudit>> {
  const last = new Map<string, LastAudit>();
  if (!(await tableExists(runner, 'reporting.activity_audit')) || !(await tableExists(runner, 'reporting.activity_suppressions'))) return last;
  const rows = (await queryUnchecked(
    runner,
    sql`select service, period_type, period_end::text as period_end, family, suppressed_primary, suppressed_secondary, suppressed_audit,
               narrowest_range, unresolved, input_hash
        from reporting.activity_audit order by service, period_type, period_end, family`,
  )) as (FamilyRow & { service: string; period_type: string; period_end: string; input_hash: string })[];
  const broken = new Set<string>();
  for (const { service, period_type: periodType, period_end: periodEnd, input_hash: inputHash, ...row } of rows) {
    const key = keyOf({ service, periodType, periodEnd });
    const entry = last.get(key) ?? { inputHash, rows: [], audited: [] };
    entry.rows.push(row);
    if (row.unresolved > 0) broken.add(key);
    last.set(key, entry);
  }
  for (const key of broken) last.delete(key);
  const cells = (await queryUnchecked(
    runner,
    sql`select service, period_type, period_end::text as period_end, cell, area_code from reporting.activity_suppressions`,
  )) as { service: string; period_type: string; period_end: string; cell: string; area_code: string }[];
  for (const cell of cells) {
    last
      .get(keyOf({ service: cell.service, periodType: cell.period_type, periodEnd: cell.period_end }))
      ?.audited.push({ cell: cell.cell, councilCode: cell.area_code });
  }
  return last;
}

/** Both tables, built beside the live ones and published with the rollups. */
async function writeBuilds(
  runner: QueryRunner,
  built: BuiltTable[],
  cells: (TableKey & Pick<ActivitySuppression, 'cell' | 'councilCode'>)[],
  summaries: (TableKey & FamilyRow & { inputHash: string })[],
): Promise<void> {
  await buildTable(
    runner,
    built,
    'activity_suppressions',
    cells.length,
    sql`select * from unnest(${cells.map((c) => c.service)}::text[], ${cells.map((c) => c.periodType)}::text[], ${cells.map((c) => c.periodEnd)}::date[],
          ${cells.map((c) => c.cell)}::text[], ${cells.map((c) => c.councilCode)}::text[]) as cell(service, period_type, period_end, cell, area_code)`,
    [{ name: 'activity_suppressions_0_idx', columns: 'service, period_type, period_end, area_code, cell', unique: true }],
  );
  const column = <K extends keyof FamilyRow>(key: K) => summaries.map((row) => row[key]);
  await buildTable(
    runner,
    built,
    'activity_audit',
    summaries.length,
    sql`select * from unnest(${summaries.map((row) => row.service)}::text[], ${summaries.map((row) => row.periodType)}::text[],
          ${summaries.map((row) => row.periodEnd)}::date[], ${column('family')}::text[], ${column('suppressed_primary')}::integer[],
          ${column('suppressed_secondary')}::integer[], ${column('suppressed_audit')}::integer[], ${column('narrowest_range')}::integer[],
          ${column('unresolved')}::integer[], ${summaries.map((row) => row.inputHash)}::text[])
          as audit(service, period_type, period_end, family, suppressed_primary, suppressed_secondary, suppressed_audit, narrowest_range, unresolved, input_hash)`,
    [{ name: 'activity_audit_0_idx', columns: 'service, period_type, period_end, family', unique: true }],
  );
}
