import { FigureStatus } from './figure.type';
import type { ActivityKey } from './activity';
import type { InsightInputs } from './insights';
import { protectAreaInsightInputs } from './insights';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';

/**
 * Statistical disclosure control for researchers, providers and anything published without login
 * (reports/METRICS.md "Disclosure control"). Pure functions over figures already computed in SQL,
 * so one function publishes a table for GraphQL, the CSV and the intruder audit alike:
 * - primary: a council count from 1 to 4 is suppressed (0 is shown), and every figure computed
 *   from it (rates, medians, percentiles, ratios) too, unless that figure already lacks a value
 *   for a stronger reason (z, then x, then c);
 * - secondary: no region has exactly one council suppressed for a metric: the council with the
 *   next smallest non-zero count there goes too (ties: lowest code);
 * - audit: cells the refresh's intruder audit (disclosureAudit.ts) found too exposed, suppressed
 *   the same way and stored with the refresh, so serving stays a read;
 * - England and region counts are rounded to 10 (5 up), `LOW` when not 0 but rounding to 0, and
 *   their rates and ratios are computed from the rounded counts;
 * - ranks, quartiles and the neighbours' median use only the rates that are published.
 * Every rounding at a half is exact half up, in integers.
 */

export type Audience = 'FULL' | 'PUBLIC';

/** Council officers, national analysts and admins see unsuppressed figures; everyone else the published ones. */
export function audienceOf(principal: Principal | null): Audience {
  return principal && [Role.COUNCIL_OFFICER, Role.NATIONAL_ANALYST, Role.ADMIN].includes(principal.role) ? 'FULL' : 'PUBLIC';
}

export type Figure = { value: number | null; status: FigureStatus };

export const ok = (value: number | null): Figure => (value === null ? { value: null, status: FigureStatus.NOT_AVAILABLE } : { value, status: FigureStatus.OK });
export const suppressed: Figure = { value: null, status: FigureStatus.SUPPRESSED };
export const low: Figure = { value: null, status: FigureStatus.LOW };
export const notApplicable: Figure = { value: null, status: FigureStatus.NOT_APPLICABLE };

/** The figures of one council (or area) at a reporting date. */
export type CoverageFigures = {
  childrenLookedAfter: Figure;
  childrenMatched: Figure;
  coverageRate: Figure;
  waiting: Figure;
  hasWaitingList: boolean | null;
  medianWaitDays: Figure;
  p90WaitDays: Figure;
  /** The year (31 March) of the official count childrenLookedAfter and the rate use; public, never suppressed. */
  childrenLookedAfterYear?: number | null;
  /** Which area, service and date these figures describe, for their activity (activity.resolver.ts); not a figure. */
  activityKey?: ActivityKey;
};

export type PoolFigures = { volunteersAvailable: Figure; childrenWaiting: Figure; volunteersPerWaitingChild: Figure };

export type CouncilFigures = {
  councilCode: string;
  regionCode: string;
  figures: CoverageFigures;
  rank: number | null;
  quartile: number | null;
  statisticalNeighbourMedianRate: Figure;
  /** The volunteer pool, when the comparison carries it. */
  pool?: PoolFigures | null;
  /** What the insights are computed from (insights.ts), when the comparison carries them. */
  insightInputs?: InsightInputs | null;
};

/** England or a region: the figures, and the matched count behind the rate (councils with an official figure). */
export type AreaFigures = {
  figures: CoverageFigures;
  childrenMatchedWithFigure: number | null;
  pool?: PoolFigures | null;
  insightInputs?: InsightInputs | null;
  /** The count behind the rate 12 months earlier and its denominator, from which the public rate of then is worked out. */
  coverage12MonthsEarlier?: { childrenMatchedWithFigure: number | null; childrenLookedAfter: number | null } | null;
};

/** The council counts disclosure control protects. */
export type ProtectedMetric =
  'childrenMatched' | 'waiting' | 'volunteersAvailable' | 'referrals12Months' | 'socialWorkerReferrals12Months' | 'otherReferrals12Months';
export const PROTECTED_METRICS: ProtectedMetric[] = [
  'childrenMatched',
  'waiting',
  'volunteersAvailable',
  'referrals12Months',
  'socialWorkerReferrals12Months',
  'otherReferrals12Months',
];
/** Referrals of the 12 months by source, social worker or not: a two-way breakdown of referrals12Months. */
export const REFERRAL_BREAKDOWN: ProtectedMetric[] = ['socialWorkerReferrals12Months', 'otherReferrals12Months'];
const isInsightMetric = (metric: ProtectedMetric): metric is keyof InsightInputs & ProtectedMetric =>
  metric === 'referrals12Months' || REFERRAL_BREAKDOWN.includes(metric);

export type SuppressionStep = 'PRIMARY' | 'SECONDARY' | 'AUDIT';
/** A suppressed cell: a council's count, or (by the audit, as a last resort) a region's or England's. */
export type CouncilSuppression = { metric: ProtectedMetric; councilCode: string; step: SuppressionStep };

export const ENGLAND_CODE = 'E92000001';

const isOk = (figure: Figure | undefined): figure is Figure & { value: number } => figure?.status === FigureStatus.OK && figure.value !== null;
const isSmall = (figure: Figure | undefined) => isOk(figure) && figure.value >= 1 && figure.value <= 4;

// ---------------------------------------------------------------------------------------------
// Exact rounding

/** `numerator / denominator` rounded half up to `decimals` places, exactly (non-negative integers). */
export function divideHalfUp(numerator: number, denominator: number, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const twice = 2n * BigInt(denominator);
  const scaled = (2n * BigInt(numerator) * scale + BigInt(denominator)) / twice;
  return Number(scaled) / Number(scale);
}

/** `100 × count / base`, one decimal place, half up. */
export const ratePercent = (count: number, base: number): number => divideHalfUp(100 * count, base, 1);

/** Rounds a count to the nearest 10, with 5 rounding up. */
export function roundToTen(value: number): number {
  return Math.floor((value + 5) / 10) * 10;
}

/** A published one-decimal rate as an integer number of tenths (safe: the value has one decimal). */
const tenths = (rate: number): number => Math.round(rate * 10);

/** Median of the neighbours' published rates, ignoring missing ones; an even count averages the middle two, half up. */
export function medianRate(rates: (number | null)[]): number | null {
  const values = rates
    .filter((rate): rate is number => rate !== null)
    .map(tenths)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const upper = values[Math.floor(values.length / 2)];
  if (values.length % 2 === 1) return upper / 10;
  const lower = values[values.length / 2 - 1];
  return divideHalfUp(lower + upper, 2, 0) / 10;
}

// ---------------------------------------------------------------------------------------------
// Councils

/** The figure of a metric for a council (the pool's volunteers are absent without a pool). */
function metricFigure(council: CouncilFigures, metric: ProtectedMetric): Figure | undefined {
  if (metric === 'volunteersAvailable') return council.pool?.volunteersAvailable;
  if (isInsightMetric(metric)) return council.insightInputs?.[metric] ?? undefined;
  return council.figures[metric];
}

/** Suppresses a council's count of a metric and every figure computed from it that has a value. */
function suppressMetric(council: CouncilFigures, metric: ProtectedMetric): void {
  const hide = (figure: Figure) => (figure.status === FigureStatus.OK ? suppressed : figure);
  const { figures, pool, insightInputs } = council;
  // The insights computed from these counts take their status from them (insights.ts).
  if (isInsightMetric(metric)) {
    if (insightInputs) insightInputs[metric] = suppressed;
    return;
  }
  if (metric === 'childrenMatched') {
    figures.childrenMatched = suppressed;
    figures.coverageRate = hide(figures.coverageRate);
  } else if (metric === 'waiting') {
    figures.waiting = suppressed;
    figures.medianWaitDays = hide(figures.medianWaitDays);
    figures.p90WaitDays = hide(figures.p90WaitDays);
    if (pool) pool.childrenWaiting = suppressed;
  }
  if (pool && (metric === 'waiting' || metric === 'volunteersAvailable')) {
    if (metric === 'volunteersAvailable') pool.volunteersAvailable = suppressed;
    pool.volunteersPerWaitingChild = hide(pool.volunteersPerWaitingChild);
  }
}

const copyCouncil = (council: CouncilFigures): CouncilFigures => ({
  ...council,
  figures: { ...council.figures },
  pool: council.pool ? { ...council.pool } : council.pool,
  insightInputs: council.insightInputs ? { ...council.insightInputs } : council.insightInputs,
});

/**
 * Primary, secondary and audit suppression of council rows (all councils of each region present).
 * `audited` are the cells the refresh's audit added; returns the rows and every cell suppressed.
 */
export function suppressCouncils(
  councils: CouncilFigures[],
  audited: Pick<CouncilSuppression, 'metric' | 'councilCode'>[] = [],
): { councils: CouncilFigures[]; suppressions: CouncilSuppression[] } {
  const result = councils.map(copyCouncil);
  const suppressions: CouncilSuppression[] = [];
  const byRegion = new Map<string, CouncilFigures[]>();
  for (const council of result) byRegion.set(council.regionCode, [...(byRegion.get(council.regionCode) ?? []), council]);
  const byCode = new Map(result.map((council) => [council.councilCode, council]));

  const hiddenOf = new Map<ProtectedMetric, Set<string>>();
  for (const metric of PROTECTED_METRICS) {
    const hidden = new Set<string>();
    hiddenOf.set(metric, hidden);
    const hide = (council: CouncilFigures, step: SuppressionStep) => {
      hidden.add(council.councilCode);
      suppressions.push({ metric, councilCode: council.councilCode, step });
    };
    // The next smallest non-zero count still shown in a region (ties: lowest code).
    const nextSmallest = (regionCouncils: CouncilFigures[]) =>
      regionCouncils
        .filter((council) => !hidden.has(council.councilCode) && isOk(metricFigure(council, metric)) && metricFigure(council, metric)!.value! > 0)
        .sort((a, b) => metricFigure(a, metric)!.value! - metricFigure(b, metric)!.value! || a.councilCode.localeCompare(b.councilCode))[0];
    const secondary = () => {
      for (const regionCouncils of byRegion.values()) {
        // A single suppressed council would be the region total less the others.
        if (regionCouncils.filter((council) => hidden.has(council.councilCode)).length !== 1) continue;
        const next = nextSmallest(regionCouncils);
        if (next) hide(next, 'SECONDARY');
      }
    };
    if (REFERRAL_BREAKDOWN.includes(metric)) continue;
    for (const council of result) if (isSmall(metricFigure(council, metric))) hide(council, 'PRIMARY');
    secondary();
    for (const cell of audited) {
      const council = byCode.get(cell.councilCode);
      if (cell.metric === metric && council && !hidden.has(council.councilCode) && metricFigure(council, metric)) hide(council, 'AUDIT');
    }
    secondary();
    for (const code of hidden) suppressMetric(byCode.get(code)!, metric);
  }
  suppressBreakdown(result, byRegion, hiddenOf, audited, suppressions);
  // A rate that is not published has no rank (rankPublishedRates ranks the rest again).
  for (const council of result) {
    if (!isOk(council.figures.coverageRate)) {
      council.rank = null;
      council.quartile = null;
    }
  }
  return { councils: result, suppressions };
}

/**
 * The referral breakdown (social worker or not) of the 12-month referrals. Its two cells add up
 * to the total, so they are withheld together: both where either is 1 to 4 (primary for that
 * cell), or where the total is withheld (the share would be worked out from it); then, along the
 * other direction, no region has exactly one council withheld for either cell (the next smallest
 * non-zero count goes too), repeated until nothing changes.
 */
function suppressBreakdown(
  councils: CouncilFigures[],
  byRegion: Map<string, CouncilFigures[]>,
  hiddenOf: Map<ProtectedMetric, Set<string>>,
  audited: Pick<CouncilSuppression, 'metric' | 'councilCode'>[],
  suppressions: CouncilSuppression[],
): void {
  const [first, second] = REFERRAL_BREAKDOWN;
  const hiddenTotal = hiddenOf.get('referrals12Months')!;
  const hide = (council: CouncilFigures, metric: ProtectedMetric, step: SuppressionStep): boolean => {
    const hidden = hiddenOf.get(metric)!;
    if (hidden.has(council.councilCode) || !metricFigure(council, metric)) return false;
    hidden.add(council.councilCode);
    suppressions.push({ metric, councilCode: council.councilCode, step });
    return true;
  };
  // Each half withheld takes the other (before any region is looked at, so that a cell withheld
  // with its other half counts there as withheld).
  const pair = (): boolean => {
    let changed = false;
    for (const council of councils) {
      if (hiddenOf.get(first)!.has(council.councilCode)) changed = hide(council, second, 'SECONDARY') || changed;
      if (hiddenOf.get(second)!.has(council.councilCode)) changed = hide(council, first, 'SECONDARY') || changed;
    }
    return changed;
  };
  const secondary = (metric: ProtectedMetric): boolean => {
    let changed = false;
    const hidden = hiddenOf.get(metric)!;
    for (const regionCouncils of byRegion.values()) {
      if (regionCouncils.filter((council) => hidden.has(council.councilCode)).length !== 1) continue;
      const next = regionCouncils
        .filter((council) => !hidden.has(council.councilCode) && isOk(metricFigure(council, metric)) && metricFigure(council, metric)!.value! > 0)
        .sort((a, b) => metricFigure(a, metric)!.value! - metricFigure(b, metric)!.value! || a.councilCode.localeCompare(b.councilCode))[0];
      if (next) changed = hide(next, metric, 'SECONDARY') || changed;
    }
    return changed;
  };
  const settle = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const metric of REFERRAL_BREAKDOWN) {
        pair();
        changed = secondary(metric) || changed;
      }
      changed = pair() || changed;
    }
  };
  for (const council of councils) {
    for (const metric of REFERRAL_BREAKDOWN) if (isSmall(metricFigure(council, metric))) hide(council, metric, 'PRIMARY');
  }
  for (const council of councils) {
    if (hiddenTotal.has(council.councilCode)) for (const metric of REFERRAL_BREAKDOWN) hide(council, metric, 'SECONDARY');
  }
  settle();
  const byCode = new Map(councils.map((council) => [council.councilCode, council]));
  for (const cell of audited) {
    const council = byCode.get(cell.councilCode);
    if (council && REFERRAL_BREAKDOWN.includes(cell.metric)) hide(council, cell.metric, 'AUDIT');
  }
  settle();
  for (const metric of REFERRAL_BREAKDOWN) for (const code of hiddenOf.get(metric)!) suppressMetric(byCode.get(code)!, metric);
}

/**
 * Rank and quartile among the councils whose rate is published (1 = highest, ties share the lower
 * rank: 1, 2, 2, 4; quartile = ceil(4 × rank / ranked)), so gaps say nothing of hidden rates.
 */
export function rankPublishedRates(councils: CouncilFigures[]): void {
  const rated = councils.filter((council) => isOk(council.figures.coverageRate));
  const rates = rated.map((council) => tenths(council.figures.coverageRate.value!)).sort((a, b) => b - a);
  const firstPosition = new Map<number, number>();
  rates.forEach((rate, index) => {
    if (!firstPosition.has(rate)) firstPosition.set(rate, index + 1);
  });
  for (const council of councils) {
    if (!isOk(council.figures.coverageRate)) {
      council.rank = null;
      council.quartile = null;
      continue;
    }
    const rank = firstPosition.get(tenths(council.figures.coverageRate.value!))!;
    council.rank = rank;
    council.quartile = Math.ceil((4 * rank) / rates.length);
  }
}

/** Each council's neighbours' median over the rates as published. */
export function republishNeighbourMedians(councils: CouncilFigures[], neighbours: Map<string, string[]>): void {
  const published = new Map(councils.map((council) => [council.councilCode, council.figures.coverageRate]));
  for (const council of councils) {
    const rates = (neighbours.get(council.councilCode) ?? []).map((code) => {
      const rate = published.get(code);
      return isOk(rate) ? rate.value : null;
    });
    council.statisticalNeighbourMedianRate = ok(medianRate(rates));
  }
}

// ---------------------------------------------------------------------------------------------
// England and regions

/** A count rounded to 10 for the public: `LOW` when it is not 0 but rounds to 0. */
export function roundedCount(figure: Figure): Figure {
  if (!isOk(figure)) return figure;
  const rounded = roundToTen(figure.value);
  return rounded === 0 && figure.value > 0 ? low : { value: rounded, status: FigureStatus.OK };
}

/** A rate or ratio recomputed from rounded counts: LOW (or SUPPRESSED) inputs give that status. */
function fromRounded(numerator: Figure, denominator: Figure, compute: (n: number, d: number) => number | null): Figure {
  for (const status of [FigureStatus.NOT_APPLICABLE, FigureStatus.NOT_AVAILABLE, FigureStatus.SUPPRESSED, FigureStatus.LOW]) {
    if (numerator.status === status || denominator.status === status) return { value: null, status };
  }
  const value = compute(numerator.value!, denominator.value!);
  return value === null ? notApplicable : ok(value);
}

/**
 * England and region figures for the public: counts rounded to 10, the coverage rate recomputed
 * from the rounded count of children matched in councils with an official figure (over the public
 * official denominator), pooled waits suppressed when one to four children wait.
 */
export function protectArea(area: AreaFigures): AreaFigures {
  const { figures } = area;
  const waiting = roundedCount(figures.waiting);
  const smallPool = isSmall(figures.waiting);
  let coverageRate = figures.coverageRate;
  if (isOk(figures.coverageRate)) {
    // Without the count behind it the exact rate would be published: withhold it instead.
    coverageRate =
      isOk(figures.childrenLookedAfter) && area.childrenMatchedWithFigure !== null
        ? fromRounded(roundedCount(ok(area.childrenMatchedWithFigure)), figures.childrenLookedAfter, (n, d) => (d > 0 ? ratePercent(n, d) : null))
        : suppressed;
  }
  const pool = area.pool ? protectAreaPool(area.pool) : area.pool;
  const earlier = area.coverage12MonthsEarlier;
  const insightInputs = area.insightInputs
    ? protectAreaInsightInputs(area.insightInputs, earlier?.childrenMatchedWithFigure ?? null, earlier?.childrenLookedAfter ?? null)
    : area.insightInputs;
  return {
    childrenMatchedWithFigure: null,
    pool,
    insightInputs,
    coverage12MonthsEarlier: null,
    figures: {
      ...figures,
      childrenMatched: roundedCount(figures.childrenMatched),
      coverageRate,
      waiting,
      // A median over one to four waiting children would describe those children.
      medianWaitDays: smallPool ? suppressed : figures.medianWaitDays,
      p90WaitDays: smallPool ? suppressed : figures.p90WaitDays,
    },
  };
}

/** An area's pool: both counts rounded, the ratio from the rounded counts. */
function protectAreaPool(pool: PoolFigures): PoolFigures {
  const volunteersAvailable = roundedCount(pool.volunteersAvailable);
  const childrenWaiting = roundedCount(pool.childrenWaiting);
  const waitingNone = isOk(pool.childrenWaiting) && pool.childrenWaiting.value === 0;
  return {
    volunteersAvailable,
    childrenWaiting,
    volunteersPerWaitingChild: waitingNone
      ? notApplicable
      : fromRounded(volunteersAvailable, childrenWaiting, (v, w) => (w > 0 ? divideHalfUp(v, w, 2) : null)),
  };
}

// ---------------------------------------------------------------------------------------------
// One table

export type ComparisonTable = {
  councils: CouncilFigures[];
  regions: (AreaFigures & { regionCode: string; regionName?: string })[];
  england: AreaFigures;
};

/**
 * The disclosure-controlled version of one table (a service at a reporting date): what GraphQL,
 * the CSV and the audit all publish. `neighbours` gives each council's statistical neighbours.
 */
export function publishTable(
  table: ComparisonTable,
  neighbours: Map<string, string[]>,
  audited: Pick<CouncilSuppression, 'metric' | 'councilCode'>[] = [],
): { table: ComparisonTable; suppressions: CouncilSuppression[] } {
  const { councils, suppressions } = suppressCouncils(table.councils, audited);
  rankPublishedRates(councils);
  republishNeighbourMedians(councils, neighbours);
  const area = <T extends AreaFigures>(figures: T, code: string): T => {
    const published = publishArea(figures, code, audited);
    suppressions.push(...published.suppressions);
    return published.area;
  };
  return {
    table: {
      councils,
      regions: table.regions.map((region) => area(region, region.regionCode)),
      england: area(table.england, ENGLAND_CODE),
    },
    suppressions,
  };
}

/**
 * An England or region row as the disclosure-controlled audiences get it: rounded (protectArea),
 * then the cells the refresh's audit suppressed for that area (`code`: E92000001 or a region).
 */
export function publishArea<T extends AreaFigures>(
  figures: T,
  code: string,
  audited: Pick<CouncilSuppression, 'metric' | 'councilCode'>[] = [],
): { area: T; suppressions: CouncilSuppression[] } {
  const published = { ...figures, ...protectArea(figures) };
  const suppressions: CouncilSuppression[] = [];
  for (const cell of audited.filter((cell) => cell.councilCode === code)) {
    suppressAreaMetric(published, cell.metric);
    suppressions.push({ metric: cell.metric, councilCode: code, step: 'AUDIT' });
  }
  return { area: published, suppressions };
}

/**
 * The audit's last resort, where a region has no council left to suppress: the area's rounded
 * count itself, and what is computed from it (hasWaitingList stays: that anyone waits is known).
 */
function suppressAreaMetric(area: AreaFigures, metric: ProtectedMetric): void {
  const hide = (figure: Figure) => (figure.status === FigureStatus.OK || figure.status === FigureStatus.LOW ? suppressed : figure);
  const figures = (area.figures = { ...area.figures });
  const pool = area.pool ? (area.pool = { ...area.pool }) : null;
  if (isInsightMetric(metric)) {
    const inputs = area.insightInputs ? (area.insightInputs = { ...area.insightInputs }) : null;
    if (!inputs) return;
    if (metric === 'referrals12Months') {
      inputs.referrals12Months = hide(inputs.referrals12Months);
      if (inputs.referrals12MonthsWithFigure) inputs.referrals12MonthsWithFigure = hide(inputs.referrals12MonthsWithFigure);
    }
    // An area's breakdown is published only as its share, from the social-worker count.
    inputs.socialWorkerReferrals12Months = hide(inputs.socialWorkerReferrals12Months);
    return;
  }
  if (metric === 'childrenMatched') {
    figures.childrenMatched = hide(figures.childrenMatched);
    figures.coverageRate = hide(figures.coverageRate);
  } else if (metric === 'waiting') {
    figures.waiting = hide(figures.waiting);
    figures.medianWaitDays = hide(figures.medianWaitDays);
    figures.p90WaitDays = hide(figures.p90WaitDays);
    if (pool) pool.childrenWaiting = hide(pool.childrenWaiting);
  } else if (pool) {
    pool.volunteersAvailable = hide(pool.volunteersAvailable);
  }
  if (pool && metric !== 'childrenMatched') pool.volunteersPerWaitingChild = hide(pool.volunteersPerWaitingChild);
}
