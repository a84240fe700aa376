import type { ActivityCell, ActivitySuppression, ActivityTable, AreaActivity } from './activity';
import { ACTIVITY_BREAKDOWNS, activityCell, ONE_WAY_COUNTS, publishActivityTable } from './activity';
import type { Figure } from './disclosure';
import { ENGLAND_CODE } from './disclosure';
import type { Interval } from './disclosureAudit';
import { intervalOfCount, isProtected, loadSolver, PROTECTION } from './disclosureAudit';
import { FigureStatus } from './figure.type';

/**
 * The intruder audit of reports/METRICS.md ("Protection requirement and audit") for the activity
 * tables (a service and a period: a month or a year to 31 March), as disclosureAudit.ts does for
 * coverage. Of every withheld council count it asks the smallest and largest values consistent
 * with everything published for that table:
 * - the council counts shown; a withheld count is at least 1 (only non-zero counts are withheld);
 *   a withheld one-way count (matches started, volunteers approved) is no larger than the smallest
 *   non-zero count shown in its region for it (suppression takes the smallest); a breakdown's
 *   cells and total have no such bound, as the row rule withholds them whatever their size;
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
  { exact = false, seen = new Map(), integer = false }: { exact?: boolean; seen?: Map<string, Interval>; integer?: boolean } = {},
): ActivityRange[] {
  const steps = new Map(suppressions.filter((entry) => family.cells.includes(entry.cell)).map((entry) => [`${entry.cell}|${entry.councilCode}`, entry.step]));
  const withheld = published.councils.flatMap((council) =>
    family.cells.filter((cell) => activityCell(council, cell).status === FigureStatus.SUPPRESSED).map((cell) => ({ council, cell })),
  );
  if (withheld.length === 0) return [];
  const variable = new Map(withheld.map(({ council, cell }, index) => [`${cell}|${council.code}`, `x${index}`]));
  const name = (cell: ActivityCell, council: AreaActivity) => variable.get(`${cell}|${council.code}`);
  // Each constraint: a sum of variables (a withheld total negated) within an interval.
  type Constraint = { label: string; terms: { column: string; sign: 1 | -1 }[]; lo: number; hi: number };
  const constraints: Constraint[] = [];
  const plus = (columns: string[]) => columns.map((column) => ({ column, sign: 1 as const }));
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
      if (terms.length > 0) constraints.push({ label: `c${cellIndex}_${code}`, terms: plus(terms), lo: interval.lo - known, hi: interval.hi - known });
    }
  });
  // Each council's breakdown adds up to its total.
  if (family.rows) {
    for (const council of published.councils) {
      const cells = family.rows.cells;
      const unknownCells = cells.flatMap((cell) => name(cell, council) ?? []);
      const knownCells = cells.reduce((sum, cell) => sum + (shownValue(activityCell(council, cell)) ?? 0), 0);
      const total = name(family.rows.total, council);
      const label = `r_${council.code}`;
      if (total) constraints.push({ label, terms: [...plus(unknownCells), { column: total, sign: -1 }], lo: -knownCells, hi: -knownCells });
      else if (unknownCells.length > 0) {
        const rest = (shownValue(activityCell(council, family.rows.total)) ?? 0) - knownCells;
        constraints.push({ label, terms: plus(unknownCells), lo: rest, hi: rest });
      }
    }
  }
  // What the rules say of each withheld cell: non-zero; a one-way count, the smallest of its column
  // (only the column rules withhold it). Not so a breakdown's cell or total: the row rule withholds
  // a cell beside one withheld for its column, and the total when every other cell is 0, whatever
  // their size (a council's 37 from social workers alone, withheld down its column, takes its
  // total of 37 with it), so a withheld total may exceed every total shown in its region.
  const smallestShown = (cell: ActivityCell, regionCode: string | null) =>
    Math.min(
      ...published.councils
        .filter((council) => council.regionCode === regionCode)
        .map((council) => shownValue(activityCell(council, cell)) ?? 0)
        .filter((value) => value > 0),
    );
  const limits = new Map<string, Interval>(
    withheld.map(({ council, cell }) => [name(cell, council)!, { lo: 1, hi: family.rows ? Infinity : smallestShown(cell, council.regionCode) }]),
  );
  const rows = constraints.flatMap(({ label, terms, lo, hi }) => {
    const sum = terms.map(({ column, sign }, index) => `${sign < 0 ? '-' : index > 0 ? '+' : ''} ${column}`).join(' ');
    return lo === hi ? [` ${label}: ${sum} = ${lo}`] : [` ${label}_lo: ${sum} >= ${lo}`, ` ${label}_hi: ${sum} <= ${hi}`];
  });
  const bounds = [...limits].map(([column, { lo, hi }]) => (Number.isFinite(hi) ? ` ${lo} <= ${column} <= ${hi}` : ` ${column} >= ${lo}`));
  // Bounds each constraint implies on each of its variables given the others', tightened until
  // they settle: a range outside these is impossible, so a value whose bounds already fall short
  // of the requirement fails without a programme (the programme's range lies within them).
  const outer = exact ? limits : tightened(limits, constraints);
  // No `General` section: the linear programme's optimum is already whole. Every constraint is a
  // sum over a row (a council's cells and, negated, its total) or over a column's councils (a
  // region's, or England's), so the rows and the columns are two laminar families of sets, whose
  // incidence matrix is totally unimodular (negating a withheld total's variable, and the rows of
  // its own column, keeps it so); with whole bounds every vertex is whole. A test compares both.
  // `integer` declares the variables whole anyway, for the test that compares both.
  const whole = integer ? `General\n ${[...variable.values()].join(' ')}\n` : '';
  const body = `Subject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\n${whole}End\n`;
  // Every solution is a table the intruder cannot rule out, so each variable's value in it is
  // possible: a range already seen to meet the requirement needs no programme of its own. `seen`
  // is keyed by cell and council, so a caller may carry it from round to round: withholding more
  // only relaxes the programme (a value turned variable keeps its true value as a solution), so
  // what was possible stays possible.
  const keyOf = new Map([...variable].map(([key, column]) => [column, key]));
  // Pushing the other open values up a little, while the target goes to its end, shows more of
  // them high in the same solution. The push is worth less than 1 in all, so, the vertices being
  // whole, the target's end is the same as without it.
  const nudge = (target: string, sense: 'Maximize' | 'Minimize'): string => {
    if (exact) return '';
    const others = [...outer].filter(
      ([column, range]) => column !== target && Number.isFinite(range.hi) && !isProtected(seen.get(keyOf.get(column)!) ?? { lo: 0, hi: 0 }),
    );
    if (others.length === 0) return '';
    const epsilon = 1 / (2 * (1 + others.reduce((sum, [, range]) => sum + range.hi - range.lo, 0)));
    return others.map(([column]) => ` ${sense === 'Maximize' ? '+' : '-'} ${epsilon.toPrecision(8)} ${column}`).join('');
  };
  const optimise = (sense: 'Maximize' | 'Minimize', target: string): number => {
    counter.solves += 1;
    const single = variable.size > 0 && keyOf.has(target);
    const solution = solver.solve(`${sense}\n obj: ${target}${single ? nudge(target, sense) : ''}\n${body}`);
    if (solution.Status === 'Unbounded' || solution.Status === 'Primal infeasible or unbounded') return sense === 'Maximize' ? Infinity : 1;
    if (solution.Status !== 'Optimal')
      throw new Error(`activity audit: ${family.name} ${sense.toLowerCase()} of ${target.slice(0, 40)} ended ${solution.Status}`);
    for (const [column, { Primal: value }] of Object.entries(solution.Columns)) {
      const key = keyOf.get(column)!;
      const range = seen.get(key);
      seen.set(key, { lo: Math.min(range?.lo ?? Infinity, Math.floor(value + 1e-6)), hi: Math.max(range?.hi ?? -Infinity, Math.ceil(value - 1e-6)) });
    }
    return Math.round(single ? solution.Columns[target].Primal : solution.ObjectiveValue);
  };
  if (!exact) {
    // Two programmes over every value not yet seen to be safe (the largest and the smallest sum)
    // push most of them to both ends at once, leaving few to be solved one by one.
    const open = withheld.filter(({ council, cell }) => !isProtected(seen.get(`${cell}|${council.code}`) ?? { lo: 0, hi: 0 }));
    if (open.length > 1) {
      const sum = open.map(({ council, cell }) => name(cell, council)!).join(' + ');
      optimise('Maximize', sum);
      optimise('Minimize', sum);
    }
  }
  return withheld.map(({ council, cell }) => {
    const target = name(cell, council)!;
    const key = `${cell}|${council.code}`;
    const range = (): Interval => {
      if (exact) return { lo: optimise('Minimize', target), hi: optimise('Maximize', target) };
      // What was seen lies within what is possible: a seen range that meets the requirement is
      // enough; otherwise the largest value, and then the smallest unless already far enough below.
      const known = seen.get(key);
      if (known && isProtected(known)) return known;
      if (!isProtected(outer.get(target)!)) return outer.get(target)!;
      const hi = optimise('Maximize', target);
      const below = seen.get(key)?.lo;
      // Short of 5 at the top fails whatever the bottom; else the bottom, unless seen low enough.
      if (below !== undefined && (hi < PROTECTION.reaches || isProtected({ lo: below, hi }))) return { lo: below, hi };
      const lo = optimise('Minimize', target);
      return { lo, hi };
    };
    return { cell, councilCode: council.code, regionCode: council.regionCode ?? '', step: steps.get(`${cell}|${council.code}`) ?? 'SECONDARY', ...range() };
  });
}

/**
 * Interval propagation (bound tightening) over sums: for each constraint and each of its terms,
 * the term lies within the constraint's interval less what the other terms can contribute. Whole
 * bounds stay whole (variables are whole). Stops when nothing moves, or after 50 passes, which
 * leaves valid if looser bounds.
 */
function tightened(limits: Map<string, Interval>, constraints: { terms: { column: string; sign: 1 | -1 }[]; lo: number; hi: number }[]): Map<string, Interval> {
  const bounds = new Map([...limits].map(([column, interval]) => [column, { ...interval }]));
  const termRange = (column: string, sign: 1 | -1): Interval => {
    const { lo, hi } = bounds.get(column)!;
    return sign > 0 ? { lo, hi } : { lo: -hi, hi: -lo };
  };
  for (let pass = 0, moved = true; moved && pass < 50; pass += 1) {
    moved = false;
    for (const { terms, lo, hi } of constraints) {
      const ranges = terms.map(({ column, sign }) => termRange(column, sign));
      const sumLo = ranges.reduce((sum, range) => sum + range.lo, 0);
      const sumHi = ranges.reduce((sum, range) => sum + range.hi, 0);
      terms.forEach(({ column, sign }, index) => {
        const own = ranges[index];
        // The others' extremes; an infinite own bound makes the difference undefined, so recount.
        const othersHi = Number.isFinite(own.hi) ? sumHi - own.hi : ranges.reduce((sum, range, other) => (other === index ? sum : sum + range.hi), 0);
        const othersLo = Number.isFinite(own.lo) ? sumLo - own.lo : ranges.reduce((sum, range, other) => (other === index ? sum : sum + range.lo), 0);
        const termLo = lo - othersHi;
        const termHi = hi - othersLo;
        const current = bounds.get(column)!;
        const next =
          sign > 0
            ? { lo: Math.max(current.lo, termLo), hi: Math.min(current.hi, termHi) }
            : { lo: Math.max(current.lo, -termHi), hi: Math.min(current.hi, -termLo) };
        if (next.lo > current.lo || next.hi < current.hi) {
          bounds.set(column, next);
          moved = true;
        }
      });
    }
  }
  return bounds;
}

export type ActivityTableAudit = {
  audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[];
  suppressions: ActivitySuppression[];
  ranges: ActivityRange[];
  unresolved: ActivityRange[];
  solves: number;
};

/**
 * Audits one activity table (unsuppressed figures in), withholding more until every withheld value
 * meets the requirement. `exact` solves both bounds of every withheld value, for the ranges the
 * audit command reports; otherwise a value seen to meet the requirement in earlier solutions is
 * not solved again (the outcome is the same, the ranges reported may be narrower than possible).
 */
export function auditActivityTable(solver: Highs, table: ActivityTable, options: { exact?: boolean } = {}): ActivityTableAudit {
  const audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[] = [];
  const counter = { solves: 0 };
  const ranges = new Map<string, ActivityRange[]>();
  // Families share no variable: after a round, solve again only those that withheld more.
  let changed = new Set(ACTIVITY_FAMILIES.map((family) => family.name));
  // The true table is one the intruder cannot rule out: its values are the first seen.
  const truth = (cells: ActivityCell[]) =>
    new Map<string, Interval>(
      table.councils.flatMap((council) =>
        cells.flatMap((cell) => {
          const value = shownValue(activityCell(council, cell));
          return value === null ? [] : [[`${cell}|${council.code}`, { lo: value, hi: value }] as const];
        }),
      ),
    );
  const seen = new Map(ACTIVITY_FAMILIES.map((family) => [family.name, truth(family.cells)]));
  for (;;) {
    const { table: published, suppressions } = publishActivityTable(table, 'PUBLIC', audited);
    for (const family of ACTIVITY_FAMILIES) {
      if (changed.has(family.name))
        ranges.set(family.name, rangesOfFamily(solver, published, suppressions, family, counter, { exact: options.exact, seen: seen.get(family.name) }));
    }
    const all = ACTIVITY_FAMILIES.flatMap((family) => ranges.get(family.name) ?? []);
    const failing = all.filter((range) => !isProtected(range));
    changed = new Set();
    const done = new Set<string>();
    for (const range of failing) {
      const key = `${range.cell}|${range.regionCode}`;
      if (done.has(key)) continue;
      done.add(key);
      const next = nextToWithhold(published, range);
      if (!next || audited.some((entry) => entry.cell === next.cell && entry.councilCode === next.councilCode)) continue;
      audited.push(next);
      changed.add(ACTIVITY_FAMILIES.find((family) => family.cells.includes(next.cell))!.name);
    }
    if (changed.size === 0) return { audited, suppressions, ranges: all, unresolved: failing, solves: counter.solves };
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
  if (code) return { cell: range.cell, councilCode: code };
  // A cell beside a withheld total is bounded by that total, which is no larger than the smallest
  // total shown in the region (three withheld cells of a withheld total under 3 are 1 each):
  // withholding that total lifts the bound.
  const bound = breakdown ? nextInColumn(published, { ...range, cell: total }) : null;
  return bound ? { cell: total, councilCode: bound } : null;
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
