import type { ActivityCell, ActivitySuppression, ActivityTable, AreaActivity } from './activity';
import { ACTIVITY_BREAKDOWNS, activityCell, ONE_WAY_COUNTS, publishActivityTable } from './activity';
import type { Figure } from './disclosure';
import { ENGLAND_CODE } from './disclosure';
import type { Interval } from './disclosureAudit';
import { intervalOfCount, isProtected, loadSolver } from './disclosureAudit';
import { FigureStatus } from './figure.type';

/**
 * The intruder audit of reports/METRICS.md ("Protection requirement and audit") for the activity
 * tables (a service and a period: a month or a year to 31 March), as disclosureAudit.ts does for
 * coverage. Of every withheld council count it asks the smallest and largest values consistent
 * with everything published for that table:
 * - the council counts shown; a withheld count is at least 1 (only non-zero counts are withheld);
 *   a withheld one-way count (matches started, volunteers approved) or breakdown total is no larger
 *   than the smallest non-zero count shown in its region for it (suppression takes the smallest);
 * - England and region counts rounded to 10 (or LOW: 1 to 4), which the councils sum to, for every
 *   count and every breakdown cell;
 * - along each council's breakdown, the cells summing to the council's total (exactly, where the
 *   total is shown; to the unknown total where it is withheld).
 * The breakdown's row sums cross its columns, so each breakdown (total and cells over every
 * council) is one integer programme; each one-way count is its own. Where a value is short of the
 * requirement, the next smallest non-zero council of its region is withheld for that cell (else
 * the region's, else England's) and the table is audited again.
 */

type Highs = Awaited<ReturnType<typeof loadSolver>>;

export type ActivityRange = { cell: ActivityCell; councilCode: string; regionCode: string; step: ActivitySuppression['step'] } & Interval;

const shownValue = (figure: Figure): number | null => (figure.status === FigureStatus.OK ? figure.value : null);

/** The cells audited together: a one-way count alone, a breakdown's total with its cells. */
export const ACTIVITY_FAMILIES: { name: string; cells: ActivityCell[]; rows: { total: ActivityCell; cells: ActivityCell[] } | null }[] = [
  ...ONE_WAY_COUNTS.map((cell) => ({ name: cell, cells: [cell], rows: null })),
  ...ACTIVITY_BREAKDOWNS.map((breakdown) => {
    const cells = breakdown.keys.map((key) => `${breakdown.total}:${key}`);
    return { name: breakdown.field, cells: [breakdown.total, ...cells], rows: { total: breakdown.total, cells } };
  }),
];

/** The ranges of every withheld council cell of one family in a published table. */
export function rangesOfFamily(
  solver: Highs,
  published: ActivityTable,
  suppressions: ActivitySuppression[],
  family: (typeof ACTIVITY_FAMILIES)[number],
  counter: { solves: number },
): ActivityRange[] {
  const steps = new Map(suppressions.filter((entry) => family.cells.includes(entry.cell)).map((entry) => [`${entry.cell}|${entry.councilCode}`, entry.step]));
  const withheld = published.councils.flatMap((council) =>
    family.cells.filter((cell) => activityCell(council, cell).status === FigureStatus.SUPPRESSED).map((cell) => ({ council, cell })),
  );
  if (withheld.length === 0) return [];
  const variable = new Map(withheld.map(({ council, cell }, index) => [`${cell}|${council.code}`, `x${index}`]));
  const name = (cell: ActivityCell, council: AreaActivity) => variable.get(`${cell}|${council.code}`);
  const rows: string[] = [];
  const constrain = (label: string, terms: string[], interval: Interval) => {
    if (terms.length === 0) return;
    rows.push(` ${label}_lo: ${terms.join(' + ')} >= ${interval.lo}`, ` ${label}_hi: ${terms.join(' + ')} <= ${interval.hi}`);
  };
  // Each column: the region's and England's rounded counts bound the sum of their councils.
  const areas: { code: string; area: AreaActivity | null; councils: AreaActivity[] }[] = [
    { code: ENGLAND_CODE, area: published.england, councils: published.councils },
    ...published.regions.map((region) => ({ code: region.code, area: region, councils: published.councils.filter((c) => c.regionCode === region.code) })),
  ];
  family.cells.forEach((cell, cellIndex) => {
    for (const { code, area, councils } of areas) {
      const interval = area ? intervalOfCount(activityCell(area, cell)) : null;
      if (!interval) continue;
      const known = councils.reduce((sum, council) => sum + (shownValue(activityCell(council, cell)) ?? 0), 0);
      const terms = councils.flatMap((council) => name(cell, council) ?? []);
      constrain(`c${cellIndex}_${code}`, terms, { lo: interval.lo - known, hi: interval.hi - known });
    }
  });
  // Each council's breakdown adds up to its total.
  if (family.rows) {
    for (const council of published.councils) {
      const cells = family.rows.cells;
      const unknownCells = cells.flatMap((cell) => name(cell, council) ?? []);
      const knownCells = cells.reduce((sum, cell) => sum + (shownValue(activityCell(council, cell)) ?? 0), 0);
      const total = name(family.rows.total, council);
      if (total) {
        if (unknownCells.length > 0) rows.push(` r_${council.code}: ${unknownCells.join(' + ')} - ${total} = ${-knownCells}`);
        else rows.push(` r_${council.code}: ${total} = ${knownCells}`);
      } else if (unknownCells.length > 0) {
        const shown = shownValue(activityCell(council, family.rows.total)) ?? 0;
        rows.push(` r_${council.code}: ${unknownCells.join(' + ')} = ${shown - knownCells}`);
      }
    }
  }
  // What the rules say of each withheld cell: non-zero; a column's smallest, unless it may have been
  // withheld along its row (a breakdown cell).
  const smallestShown = (cell: ActivityCell, regionCode: string | null) =>
    Math.min(
      ...published.councils
        .filter((council) => council.regionCode === regionCode)
        .map((council) => shownValue(activityCell(council, cell)) ?? 0)
        .filter((value) => value > 0),
    );
  const bounds = withheld.map(({ council, cell }) => {
    const upper = family.rows && family.rows.cells.includes(cell) ? Infinity : smallestShown(cell, council.regionCode);
    return Number.isFinite(upper) ? ` 1 <= ${name(cell, council)} <= ${upper}` : ` ${name(cell, council)} >= 1`;
  });
  const body = `Subject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nGeneral\n ${[...variable.values()].join(' ')}\nEnd\n`;
  const optimise = (sense: 'Maximize' | 'Minimize', target: string): number => {
    counter.solves += 1;
    const solution = solver.solve(`${sense}\n obj: ${target}\n${body}`);
    if (solution.Status === 'Unbounded' || solution.Status === 'Primal infeasible or unbounded') return sense === 'Maximize' ? Infinity : 1;
    if (solution.Status !== 'Optimal') throw new Error(`activity audit: ${family.name} ${sense.toLowerCase()} of ${target} ended ${solution.Status}`);
    return Math.round(solution.Columns[target].Primal);
  };
  return withheld.map(({ council, cell }) => {
    const target = name(cell, council)!;
    return {
      cell,
      councilCode: council.code,
      regionCode: council.regionCode ?? '',
      step: steps.get(`${cell}|${council.code}`) ?? 'SECONDARY',
      lo: optimise('Minimize', target),
      hi: optimise('Maximize', target),
    };
  });
}

export type ActivityTableAudit = {
  audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[];
  suppressions: ActivitySuppression[];
  ranges: ActivityRange[];
  unresolved: ActivityRange[];
  solves: number;
};

/** Audits one activity table (unsuppressed figures in), withholding more until every withheld value meets the requirement. */
export function auditActivityTable(solver: Highs, table: ActivityTable): ActivityTableAudit {
  const audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[] = [];
  const counter = { solves: 0 };
  for (;;) {
    const { table: published, suppressions } = publishActivityTable(table, 'PUBLIC', audited);
    const ranges = ACTIVITY_FAMILIES.flatMap((family) => rangesOfFamily(solver, published, suppressions, family, counter));
    const failing = ranges.filter((range) => !isProtected(range));
    let added = false;
    const done = new Set<string>();
    for (const range of failing) {
      const key = `${range.cell}|${range.regionCode}`;
      if (done.has(key)) continue;
      done.add(key);
      const next = nextToWithhold(published, range);
      if (!next || audited.some((entry) => entry.cell === next.cell && entry.councilCode === next.councilCode)) continue;
      audited.push(next);
      added = true;
    }
    if (!added) return { audited, suppressions, ranges, unresolved: failing, solves: counter.solves };
  }
}

/**
 * The next cell to withhold for a failing range: for a breakdown cell beside a shown total, the
 * smallest non-zero cell shown in its row (the row bounds it most); otherwise the smallest
 * non-zero council shown in its region for that cell, else the region's, else England's.
 */
function nextToWithhold(published: ActivityTable, range: ActivityRange): Pick<ActivitySuppression, 'cell' | 'councilCode'> | null {
  const [total] = range.cell.split(':');
  const breakdown = ACTIVITY_BREAKDOWNS.find((candidate) => candidate.total === total && range.cell !== total);
  const owner = published.councils.find((candidate) => candidate.code === range.councilCode);
  if (breakdown && owner && activityCell(owner, total).status === FigureStatus.OK) {
    const inRow = breakdown.keys
      .map((key) => `${total}:${key}`)
      .map((cell) => ({ cell, value: shownValue(activityCell(owner, cell)) }))
      .filter(({ value }) => value !== null && value > 0)
      .sort((a, b) => a.value! - b.value!)[0];
    if (inRow) return { cell: inRow.cell, councilCode: owner.code };
  }
  const code = nextInColumn(published, range);
  return code ? { cell: range.cell, councilCode: code } : null;
}

function nextInColumn(published: ActivityTable, range: ActivityRange): string | null {
  const council = published.councils
    .filter((candidate) => candidate.regionCode === range.regionCode)
    .map((candidate) => ({ code: candidate.code, value: shownValue(activityCell(candidate, range.cell)) }))
    .filter(({ value }) => value !== null && value > 0)
    .sort((a, b) => a.value! - b.value! || a.code.localeCompare(b.code))[0];
  if (council) return council.code;
  const region = published.regions.find((candidate) => candidate.code === range.regionCode);
  if (region && activityCell(region, range.cell).status !== FigureStatus.SUPPRESSED) return region.code;
  if (published.england && activityCell(published.england, range.cell).status !== FigureStatus.SUPPRESSED) return ENGLAND_CODE;
  return null;
}

export type ActivityAuditRow = {
  service: string;
  periodType: string;
  family: string;
  tables: number;
  suppressed: Record<ActivitySuppression['step'], number>;
  narrowestRange: number | null;
  lowestUpperBound: number | null;
  unresolved: number;
};

/**
 * Audits every activity table given (unsuppressed), summed per service, period type and family:
 * the cells each step withheld (AUDIT: what the audit had to add to the rules' suppression), the
 * narrowest range and lowest upper bound an intruder is left with, and values still short.
 */
export async function auditActivityTables(tables: { service: string; periodType: string; table: ActivityTable }[]): Promise<ActivityAuditRow[]> {
  const solver = await loadSolver();
  const rows = new Map<string, ActivityAuditRow>();
  for (const { service, periodType, table } of tables) {
    const audit = auditActivityTable(solver, table);
    for (const family of ACTIVITY_FAMILIES) {
      const key = `${service}|${periodType}|${family.name}`;
      const row = rows.get(key) ?? {
        service,
        periodType,
        family: family.name,
        tables: 0,
        suppressed: { PRIMARY: 0, SECONDARY: 0, AUDIT: 0 },
        narrowestRange: null,
        lowestUpperBound: null,
        unresolved: 0,
      };
      row.tables += 1;
      for (const entry of audit.suppressions) if (family.cells.includes(entry.cell)) row.suppressed[entry.step] += 1;
      for (const range of audit.ranges.filter((candidate) => family.cells.includes(candidate.cell))) {
        const span = Number.isFinite(range.hi) ? range.hi - range.lo + 1 : Infinity;
        if (Number.isFinite(span)) row.narrowestRange = Math.min(row.narrowestRange ?? Infinity, span);
        if (Number.isFinite(range.hi)) row.lowestUpperBound = Math.min(row.lowestUpperBound ?? Infinity, range.hi);
      }
      row.unresolved += audit.unresolved.filter((range) => family.cells.includes(range.cell)).length;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}
