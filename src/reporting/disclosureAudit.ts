import loadHighs from 'highs';
import type { AreaFigures, ComparisonTable, CouncilFigures, CouncilSuppression, Figure, ProtectedMetric, SuppressionStep } from './disclosure';
import { ENGLAND_CODE, PROTECTED_METRICS, publishTable, ratePercent, REFERRAL_BREAKDOWN } from './disclosure';
import { FigureStatus } from './figure.type';
import { computeInsights } from './insights';

/**
 * The intruder audit of reports/METRICS.md ("Protection requirement and audit"). For one
 * disclosure-controlled table (a service at a reporting date) it asks, of every suppressed council
 * count, what an intruder who knows the rules could deduce from everything published for that
 * table: the smallest and largest values consistent with
 * - the council counts shown, and the rule that a suppressed count is at least 1 and no larger
 *   than the smallest non-zero count shown in its region (suppression always takes the smallest);
 * - England and region counts rounded to 10 (or `LOW`: 1 to 4), which councils sum to;
 * - England and region coverage rates, which with the public official denominator bound the
 *   children matched in the councils that have an official figure.
 * - for the referrals of the 12 months (the insights), the council counts as exactly known where
 *   shown (their rate per 100 looked after and share come from them), the England and region
 *   counts as their rounded values (their rates come from those), the rate per 100 as an interval
 *   on the councils with an official figure, a withheld breakdown cell (social worker or not) as
 *   anything from 0 up to the council's total (boundBreakdown), and the breakdown's complement of an area as the
 *   difference of the two rounded intervals.
 * Ranks, quartiles, neighbours' medians and area ratios are computed from published values only
 * (disclosure.ts), so they add nothing. Each bound is an integer programme solved by HiGHS. A
 * value is protected when its range spans at least 5 consecutive integers and includes 5 or more;
 * where one is not, the next smallest non-zero council of its region is suppressed and the table
 * audited again.
 */

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let highs: Promise<Highs> | null = null;
/** The solver, loaded once per process (a WebAssembly build of HiGHS). */
export const loadSolver = (): Promise<Highs> => (highs ??= loadHighs());

export const PROTECTION = { span: 5, reaches: 5 };

export type Interval = { lo: number; hi: number };

export type CellRange = { metric: ProtectedMetric; councilCode: string; regionCode: string; step: SuppressionStep; lo: number; hi: number };

export const isProtected = (range: Interval): boolean => range.hi >= PROTECTION.reaches && range.hi - range.lo + 1 >= PROTECTION.span;

/** What a published England or region count says of the true count. */
export function intervalOfCount(figure: Figure | undefined): Interval | null {
  if (!figure) return null;
  if (figure.status === FigureStatus.LOW) return { lo: 1, hi: 4 };
  if (figure.status !== FigureStatus.OK || figure.value === null) return null;
  return figure.value === 0 ? { lo: 0, hi: 0 } : { lo: figure.value - 5, hi: figure.value + 4 };
}

/**
 * What a published area rate says of its numerator: the rate is 100 × (numerator rounded to 10) /
 * base, so every multiple of 10 giving that rate is possible, each standing for itself ± rounding.
 */
export function intervalOfRate(rate: Figure, base: number | null): Interval | null {
  if (rate.status === FigureStatus.LOW) return { lo: 1, hi: 4 };
  if (rate.status !== FigureStatus.OK || rate.value === null || !base) return null;
  const centre = (rate.value * base) / 100;
  const spread = (0.05 * base) / 100;
  let lo = Infinity;
  let hi = -Infinity;
  for (let tens = Math.max(0, Math.floor((centre - spread) / 10) - 1); tens * 10 <= centre + spread + 10; tens += 1) {
    const rounded = tens * 10;
    if (ratePercent(rounded, base) !== rate.value) continue;
    lo = Math.min(lo, rounded === 0 ? 0 : rounded - 5);
    hi = Math.max(hi, rounded === 0 ? 0 : rounded + 4);
  }
  // No multiple of 10 fits (cannot happen for a rate Tandem published): the rate says nothing.
  return lo === Infinity ? null : { lo, hi };
}

/** The count of `metric` in a published council or area row. */
function councilFigure(council: CouncilFigures, metric: ProtectedMetric): Figure | undefined {
  if (metric === 'volunteersAvailable') return council.pool?.volunteersAvailable ?? undefined;
  if (metric === 'childrenMatched' || metric === 'waiting') return council.figures[metric];
  return council.insightInputs?.[metric] ?? undefined;
}
function areaFigure(area: AreaFigures, metric: ProtectedMetric): Figure | undefined {
  if (metric === 'volunteersAvailable') return area.pool?.volunteersAvailable ?? undefined;
  if (metric === 'childrenMatched' || metric === 'waiting') return area.figures[metric];
  return area.insightInputs?.[metric] ?? undefined;
}

/** The interval of an area's count of referrals not from a social worker: the total's less the social worker's. */
function intervalOfComplement(area: AreaFigures): Interval | null {
  const total = intervalOfCount(area.insightInputs?.referrals12Months);
  const socialWorker = intervalOfCount(area.insightInputs?.socialWorkerReferrals12Months);
  if (!total || !socialWorker) return null;
  return { lo: Math.max(0, total.lo - socialWorker.hi), hi: total.hi - socialWorker.lo };
}

type Constraint = { name: string; members: Set<string>; interval: Interval };

/** Every published sum that involves the councils of one metric, as intervals on sums of councils. */
function constraintsOf(table: ComparisonTable, metric: ProtectedMetric): Constraint[] {
  const constraints: Constraint[] = [];
  const withFigure = (council: CouncilFigures) => council.figures.childrenLookedAfter.status === FigureStatus.OK;
  const areas: { name: string; area: AreaFigures; councils: CouncilFigures[] }[] = [
    { name: 'england', area: table.england, councils: table.councils },
    ...table.regions.map((region) => ({
      name: `region_${region.regionCode}`,
      area: region,
      councils: table.councils.filter((c) => c.regionCode === region.regionCode),
    })),
  ];
  for (const { name, area, councils } of areas) {
    const count = metric === 'otherReferrals12Months' ? intervalOfComplement(area) : intervalOfCount(areaFigure(area, metric));
    if (count) constraints.push({ name, members: new Set(councils.map((c) => c.councilCode)), interval: count });
    if (metric === 'referrals12Months' && area.insightInputs) {
      const rated = councils.filter(withFigure);
      const base = area.figures.childrenLookedAfter.status === FigureStatus.OK ? area.figures.childrenLookedAfter.value : null;
      const rate = intervalOfRate(computeInsights(area.figures, area.insightInputs).referralsPer100LookedAfter, base);
      if (rate) constraints.push({ name: `${name}_rate`, members: new Set(rated.map((c) => c.councilCode)), interval: rate });
    }
    if (metric === 'childrenMatched') {
      const rated = councils.filter(withFigure);
      const base = area.figures.childrenLookedAfter.status === FigureStatus.OK ? area.figures.childrenLookedAfter.value : null;
      const rate = intervalOfRate(area.figures.coverageRate, base);
      if (rate) constraints.push({ name: `${name}_rate`, members: new Set(rated.map((c) => c.councilCode)), interval: rate });
    }
  }
  return constraints;
}

type Unknown = { council: CouncilFigures; step: SuppressionStep; lower: number; upper: number };

/** Whether every two sets are disjoint or one holds the other. */
function isLaminar(constraints: Constraint[]): boolean {
  for (const [index, a] of constraints.entries()) {
    for (const b of constraints.slice(index + 1)) {
      const shared = [...a.members].filter((code) => b.members.has(code)).length;
      if (shared > 0 && shared < a.members.size && shared < b.members.size) return false;
    }
  }
  return true;
}

export type SolveCount = { solves: number };

/**
 * The range an intruder can deduce for each suppressed council count of one metric. Councils of a
 * region with the same bounds and the same constraints are interchangeable, so each such class is
 * solved once (twice: minimum and maximum).
 */
export function rangesOfMetric(
  solver: Highs,
  table: ComparisonTable,
  suppressions: CouncilSuppression[],
  metric: ProtectedMetric,
  counter: SolveCount,
  options: { alwaysSolve?: boolean } = {},
): CellRange[] {
  const steps = new Map(suppressions.filter((s) => s.metric === metric).map((s) => [s.councilCode, s.step]));
  if (steps.size === 0) return [];
  const known = new Map<string, number>();
  const unknowns = new Map<string, Unknown>();
  const smallestShown = new Map<string, number>();
  for (const council of table.councils) {
    const figure = councilFigure(council, metric);
    if (figure?.status === FigureStatus.OK && figure.value !== null) {
      known.set(council.councilCode, figure.value);
      if (figure.value > 0) smallestShown.set(council.regionCode, Math.min(smallestShown.get(council.regionCode) ?? Infinity, figure.value));
    }
  }
  for (const council of table.councils) {
    const step = steps.get(council.councilCode);
    if (step) unknowns.set(council.councilCode, { council, step, lower: 1, upper: Infinity });
  }
  for (const unknown of unknowns.values()) unknown.upper = smallestShown.get(unknown.council.regionCode) ?? Infinity;
  if (REFERRAL_BREAKDOWN.includes(metric)) boundBreakdown(table, unknowns);

  const variable = new Map([...unknowns.keys()].map((code, index) => [code, `x${index}`]));
  // Each published sum as an interval on the sum of its suppressed members; sums over the same
  // suppressed councils (a region's count and its rate, usually) are one constraint.
  const bySet = new Map<string, Constraint>();
  for (const constraint of constraintsOf(table, metric)) {
    const members = [...constraint.members];
    const unknownMembers = members.filter((code) => unknowns.has(code)).sort();
    if (unknownMembers.length === 0) continue;
    const shown = members.reduce((sum, code) => sum + (known.get(code) ?? 0), 0);
    const key = unknownMembers.join(',');
    const interval = { lo: constraint.interval.lo - shown, hi: constraint.interval.hi - shown };
    const same = bySet.get(key);
    if (same) same.interval = { lo: Math.max(same.interval.lo, interval.lo), hi: Math.min(same.interval.hi, interval.hi) };
    else bySet.set(key, { name: constraint.name, members: new Set(unknownMembers), interval });
  }
  const constraints = [...bySet.values()];
  const rows = constraints.flatMap((constraint) => {
    const sum = [...constraint.members].map((code) => variable.get(code)).join(' + ');
    return [` ${constraint.name}_lo: ${sum} >= ${constraint.interval.lo}`, ` ${constraint.name}_hi: ${sum} <= ${constraint.interval.hi}`];
  });
  const bounds = [...unknowns.entries()].map(([code, unknown]) =>
    Number.isFinite(unknown.upper) ? ` ${unknown.lower} <= ${variable.get(code)} <= ${unknown.upper}` : ` ${variable.get(code)} >= ${unknown.lower}`,
  );
  // Sums over nested or disjoint sets (regions within England) with integer bounds have integral
  // vertices, so the linear programme's optimum is already the integer one; otherwise (a rate's
  // councils crossing another set) the variables are declared integer.
  const integers = isLaminar(constraints) ? '' : `General\n ${[...variable.values()].join(' ')}\n`;
  const body = `Subject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\n${integers}End\n`;

  // Interchangeable unknowns: same region, same upper bound, same constraints.
  const classOf = (code: string) => {
    const unknown = unknowns.get(code)!;
    const memberships = constraints.filter((c) => c.members.has(code)).map((c) => c.name);
    return `${unknown.council.regionCode}|${unknown.lower}|${unknown.upper}|${memberships.join(',')}`;
  };
  const solved = new Map<string, Interval>();
  const optimise = (sense: 'Maximize' | 'Minimize', name: string, lower: number): number => {
    counter.solves += 1;
    const solution = solver.solve(`${sense}\n obj: ${name}\n${body}`);
    if (solution.Status === 'Unbounded' || solution.Status === 'Primal infeasible or unbounded') return sense === 'Maximize' ? Infinity : lower;
    if (solution.Status !== 'Optimal')
      throw new Error(`disclosure audit: ${metric} ${sense.toLowerCase()} of ${name} ended ${solution.Status}; the published table contradicts itself`);
    // Integral at the optimum (see above); rounding removes the solver's tolerance.
    return Math.round(solution.Columns[name].Primal);
  };
  const ranges: CellRange[] = [];
  // The breakdown's cells each have their own upper bound (the council's total), so classes
  // rarely repeat; their sums are only regions within England, where the range has a closed form.
  const twoLevel = REFERRAL_BREAKDOWN.includes(metric) && !options.alwaysSolve ? twoLevelRanges(unknowns, constraints) : null;
  for (const [code, unknown] of unknowns) {
    const key = classOf(code);
    let range = twoLevel?.(code) ?? solved.get(key);
    if (!range && !constraints.some((constraint) => constraint.members.has(code))) {
      // In no published sum: only the rules bound it.
      range = { lo: unknown.lower, hi: unknown.upper };
      solved.set(key, range);
    }
    if (!range) {
      const name = variable.get(code)!;
      range = { lo: optimise('Minimize', name, unknown.lower), hi: optimise('Maximize', name, unknown.lower) };
      solved.set(key, range);
    }
    ranges.push({ metric, councilCode: code, regionCode: unknown.council.regionCode, step: unknown.step, ...range });
  }
  return ranges;
}

/**
 * The range of each unknown where every published sum is either over all the unknowns (England)
 * or over all those of one region: null when the sums are shaped otherwise (then the linear
 * programme decides). With integer bounds every integer between a sum's least and greatest value
 * is reachable, so for a cell x of region r, with y the sum of r's other unknowns and z the sum
 * over the other regions (each region's sum within its own interval),
 *   x ≥ max(lower, L_r − max y, L_E − max z − max y),  x ≤ min(upper, H_r − min y, H_E − min z − min y),
 * which is exactly what the linear programme finds (a missing sum is −∞ to ∞).
 */
function twoLevelRanges(unknowns: Map<string, Unknown>, constraints: Constraint[]): ((code: string) => Interval | undefined) | null {
  const regionOf = (code: string) => unknowns.get(code)!.council.regionCode;
  const byRegion = new Map<string, string[]>();
  for (const code of unknowns.keys()) byRegion.set(regionOf(code), [...(byRegion.get(regionOf(code)) ?? []), code]);
  let all: Interval = { lo: -Infinity, hi: Infinity };
  const regional = new Map<string, Interval>();
  for (const constraint of constraints) {
    const members = [...constraint.members];
    const region = regionOf(members[0]);
    const wholeRegion = members.every((code) => regionOf(code) === region) && members.length === byRegion.get(region)!.length;
    if (members.length === unknowns.size) all = { lo: Math.max(all.lo, constraint.interval.lo), hi: Math.min(all.hi, constraint.interval.hi) };
    if (wholeRegion) regional.set(region, constraint.interval);
    else if (members.length !== unknowns.size) return null;
  }
  const sum = (codes: string[], bound: 'lower' | 'upper') => codes.reduce((total, code) => total + unknowns.get(code)![bound], 0);
  // Each region's sum: within its boxes and its published interval.
  const span = new Map<string, Interval>();
  for (const [region, codes] of byRegion) {
    const published = regional.get(region) ?? { lo: -Infinity, hi: Infinity };
    span.set(region, { lo: Math.max(published.lo, sum(codes, 'lower')), hi: Math.min(published.hi, sum(codes, 'upper')) });
  }
  return (code) => {
    const unknown = unknowns.get(code)!;
    const region = regionOf(code);
    const published = regional.get(region) ?? { lo: -Infinity, hi: Infinity };
    const others = byRegion.get(region)!.filter((other) => other !== code);
    const y = { lo: sum(others, 'lower'), hi: sum(others, 'upper') };
    let zLo = 0;
    let zHi = 0;
    for (const [other, interval] of span) {
      if (other === region) continue;
      zLo += interval.lo;
      zHi += interval.hi;
    }
    if (!constraints.some((constraint) => constraint.members.has(code))) return undefined;
    return {
      lo: Math.max(unknown.lower, published.lo - y.hi, all.lo - zHi - y.hi),
      hi: Math.min(unknown.upper, published.hi - y.lo, all.hi - zLo - y.lo),
    };
  };
}

/**
 * What the rules say of a withheld breakdown cell (social worker or not): it may be withheld with
 * its other half or its total rather than for itself, so it may be 0 and need not be the smallest
 * in its region; it is no more than the council's total where that is shown, nor, where the total
 * is withheld, than the smallest total shown in the region (totals are withheld smallest first).
 */
function boundBreakdown(table: ComparisonTable, unknowns: Map<string, Unknown>): void {
  const smallestTotal = (regionCode: string) =>
    Math.min(
      ...table.councils
        .filter((council) => council.regionCode === regionCode)
        .map((council) => councilFigure(council, 'referrals12Months'))
        .filter((figure): figure is Figure & { value: number } => figure?.status === FigureStatus.OK && figure.value !== null && figure.value > 0)
        .map((figure) => figure.value),
    );
  for (const unknown of unknowns.values()) {
    const total = councilFigure(unknown.council, 'referrals12Months');
    unknown.lower = 0;
    unknown.upper = total?.status === FigureStatus.OK && total.value !== null ? total.value : smallestTotal(unknown.council.regionCode);
  }
}

export type TableAudit = {
  /** The cells the audit suppressed beyond the primary and secondary rules. */
  audited: CouncilSuppression[];
  suppressions: CouncilSuppression[];
  ranges: CellRange[];
  /** Ranges still short of the requirement where no council was left to suppress. */
  unresolved: CellRange[];
  rounds: number;
  solves: number;
};

/**
 * Audits one table, suppressing more until every suppressed value meets the requirement: the next
 * smallest non-zero council of the region where a value fails, or where none is left, the
 * region's count, then England's.
 */
export function auditTable(solver: Highs, table: ComparisonTable, neighbours: Map<string, string[]>): TableAudit {
  const audited: CouncilSuppression[] = [];
  const counter = { solves: 0 };
  const ranges = new Map<ProtectedMetric, CellRange[]>();
  let changed = new Set<ProtectedMetric>(PROTECTED_METRICS);
  for (let round = 1; ; round += 1) {
    const { table: published, suppressions } = publishTable(table, neighbours, audited);
    // A metric's ranges depend only on that metric's cells: solve again only what changed.
    for (const metric of changed) ranges.set(metric, rangesOfMetric(solver, published, suppressions, metric, counter));
    const all = PROTECTED_METRICS.flatMap((metric) => ranges.get(metric) ?? []);
    const failing = all.filter((range) => !isProtected(range));
    changed = new Set();
    const done = new Set<string>();
    // The breakdown's cells are withheld together, with their total: audit them again together.
    const together = (metric: ProtectedMetric) =>
      (metric === 'referrals12Months' || REFERRAL_BREAKDOWN.includes(metric) ? ['referrals12Months', ...REFERRAL_BREAKDOWN] : [metric]) as ProtectedMetric[];
    for (const range of failing) {
      const key = `${range.metric}|${range.regionCode}`;
      if (done.has(key)) continue;
      done.add(key);
      const next = nextToSuppress(published, suppressions, range);
      if (!next || audited.some((cell) => cell.metric === range.metric && cell.councilCode === next)) continue;
      for (const metric of together(range.metric)) changed.add(metric);
      audited.push({ metric: range.metric, councilCode: next, step: 'AUDIT' });
    }
    if (changed.size === 0) {
      return { audited, suppressions, ranges: all, unresolved: failing, rounds: round, solves: counter.solves };
    }
  }
}

/** The next cell to suppress for a failing range: a council of its region, else the region, else England. */
function nextToSuppress(published: ComparisonTable, suppressions: CouncilSuppression[], range: CellRange): string | null {
  const council = published.councils
    .filter((c) => c.regionCode === range.regionCode)
    .map((c) => ({ code: c.councilCode, figure: councilFigure(c, range.metric) }))
    .filter(({ figure }) => figure?.status === FigureStatus.OK && figure.value! > 0)
    .sort((a, b) => a.figure!.value! - b.figure!.value! || a.code.localeCompare(b.code))[0];
  if (council) return council.code;
  const hidden = (code: string) => suppressions.some((s) => s.metric === range.metric && s.councilCode === code);
  const region = published.regions.find((r) => r.regionCode === range.regionCode);
  if (region && areaFigure(region, range.metric) && !hidden(range.regionCode)) return range.regionCode;
  if (areaFigure(published.england, range.metric) && !hidden(ENGLAND_CODE)) return ENGLAND_CODE;
  return null;
}
