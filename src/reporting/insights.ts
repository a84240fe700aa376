import type { ComparisonTable, CoverageFigures, Figure } from './disclosure';
import { divideHalfUp, ENGLAND_CODE, ok, ratePercent, roundedCount, suppressed } from './disclosure';
import { FigureStatus } from './figure.type';

/**
 * The insights of reports/METRICS.md ("Insights"): four figures and the flags read from them, for
 * a council, a region or England at a reporting date. The rollups compute the same figures
 * (reports/models/40_rollup_council_month.sql and 50_rollup_*_month.sql); here they are worked
 * out again from their inputs, so that disclosure control only has to change the inputs (a
 * suppressed count, a rounded area count) and every audience gets the figures of what it is shown.
 * A test checks that, unsuppressed, both give the same figures on the demo data.
 */

export enum InsightFlag {
  NO_LIST_FEW_REFERRALS = 'NO_LIST_FEW_REFERRALS',
  FEW_SOCIAL_WORKER_REFERRALS = 'FEW_SOCIAL_WORKER_REFERRALS',
  LIST_GROWING = 'LIST_GROWING',
  COVERAGE_FALLING = 'COVERAGE_FALLING',
}

/** What the insights are computed from besides the coverage figures at d. */
export type InsightInputs = {
  /** Referrals received in the 12 months to d (a protected council count). */
  referrals12Months: Figure;
  /** Of those, referred by a social worker (protected, with its complement). */
  socialWorkerReferrals12Months: Figure;
  /** The complement: the other referrals of the 12 months (protected). */
  otherReferrals12Months: Figure;
  /** An area's referrals in its councils with an official figure: the rate's numerator. Councils: null. */
  referrals12MonthsWithFigure: Figure | null;
  /** The coverage rate at the month end 12 months earlier, as published to the audience. */
  coverageRate12MonthsEarlier: Figure;
  /** Waiting at the month end 6 months earlier, as published to the audience. */
  waiting6MonthsEarlier: Figure;
};

export type InsightFigures = {
  referralsPer100LookedAfter: Figure;
  socialWorkerReferralShare: Figure;
  coverageChange12Months: Figure;
  monthsToClearWaitingList: Figure;
  flags: InsightFlag[];
};

/** The insight figures with what the flags need beyond them. */
export type ComputedInsights = InsightFigures & { listGrowing: boolean };

const PRECEDENCE = [FigureStatus.NOT_APPLICABLE, FigureStatus.NOT_AVAILABLE, FigureStatus.SUPPRESSED, FigureStatus.LOW];

const isOk = (figure: Figure): figure is Figure & { value: number } => figure.status === FigureStatus.OK && figure.value !== null;

/** The status of a figure computed from `inputs` that lack a value: z, then x, then c, then low. */
function missing(inputs: Figure[]): Figure | null {
  for (const status of PRECEDENCE) if (inputs.some((input) => input.status === status)) return { value: null, status };
  return inputs.some((input) => input.value === null) ? { value: null, status: FigureStatus.NOT_AVAILABLE } : null;
}

/** A one-decimal figure as an integer number of tenths (safe: the value has one decimal). */
const tenths = (value: number): number => Math.round(value * 10);

/** The four figures from the inputs (flags follow in insightFlags, which needs England's). */
export function computeInsights(figures: CoverageFigures, inputs: InsightInputs): ComputedInsights {
  const lookedAfter = figures.childrenLookedAfter;
  const referralsForRate = inputs.referrals12MonthsWithFigure ?? inputs.referrals12Months;
  const per100 =
    missing([lookedAfter, referralsForRate]) ??
    (lookedAfter.value! > 0 ? ok(ratePercent(referralsForRate.value!, lookedAfter.value!)) : { value: null, status: FigureStatus.NOT_AVAILABLE });

  const total = inputs.referrals12Months;
  const socialWorker = inputs.socialWorkerReferrals12Months;
  // None received: no share (a total that rounds to LOW says nothing more).
  const share =
    isOk(total) && total.value === 0
      ? { value: null, status: FigureStatus.NOT_APPLICABLE }
      : (missing([total, socialWorker, inputs.otherReferrals12Months]) ?? ok(ratePercent(socialWorker.value!, total.value!)));

  const rate = figures.coverageRate;
  const earlierRate = inputs.coverageRate12MonthsEarlier;
  const change = missing([rate, earlierRate]) ?? ok((tenths(rate.value!) - tenths(earlierRate.value!)) / 10);

  const waiting = figures.waiting;
  const earlierWaiting = inputs.waiting6MonthsEarlier;
  let months: Figure;
  let listGrowing = false;
  if (isOk(waiting) && waiting.value === 0) months = ok(0);
  else {
    const gap = missing([waiting, earlierWaiting]);
    if (gap) months = gap;
    else {
      // waiting(d − 6) − waiting(d) is the net fall over the 6 months: the mean monthly fall is a
      // sixth of it, so the months to clear are 6 × waiting / fall.
      const fall = earlierWaiting.value! - waiting.value!;
      listGrowing = fall <= 0;
      months = listGrowing ? { value: null, status: FigureStatus.NOT_APPLICABLE } : ok(divideHalfUp(6 * waiting.value!, fall, 1));
    }
  }
  return {
    referralsPer100LookedAfter: per100,
    socialWorkerReferralShare: share,
    coverageChange12Months: change,
    monthsToClearWaitingList: months,
    flags: [],
    listGrowing,
  };
}

/** Whether `figure` is under half of England's `reference`, both published to one decimal. */
const underHalf = (figure: Figure, reference: Figure): boolean => isOk(figure) && isOk(reference) && 2 * tenths(figure.value) < tenths(reference.value);

/**
 * The flags, each raised only when every figure it is read from is published to the audience
 * (a flag on a withheld figure would give it away). `england` is England's insights as published
 * to the same audience.
 */
export function insightFlags(figures: CoverageFigures, insights: ComputedInsights, england: ComputedInsights): InsightFlag[] {
  const flags: InsightFlag[] = [];
  const noList = isOk(figures.waiting) && figures.waiting.value === 0;
  if (noList && underHalf(insights.referralsPer100LookedAfter, england.referralsPer100LookedAfter)) flags.push(InsightFlag.NO_LIST_FEW_REFERRALS);
  if (underHalf(insights.socialWorkerReferralShare, england.socialWorkerReferralShare)) flags.push(InsightFlag.FEW_SOCIAL_WORKER_REFERRALS);
  if (insights.listGrowing) flags.push(InsightFlag.LIST_GROWING);
  if (isOk(insights.coverageChange12Months) && tenths(insights.coverageChange12Months.value) < -5) flags.push(InsightFlag.COVERAGE_FALLING);
  return flags;
}

/** The insights of a row and its flags against England's, ready to serve. */
export function withFlags(figures: CoverageFigures, insights: ComputedInsights, england: ComputedInsights): InsightFigures {
  const { listGrowing: _listGrowing, ...published } = insights;
  return { ...published, flags: insightFlags(figures, insights, england) };
}

// ---------------------------------------------------------------------------------------------
// Rows of the rollups

const num = (value: number | string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));
const countFigure = (value: number | string | null | undefined): Figure => ok(num(value));

/** The insight columns of a rollup row (council, region or England). */
export type InsightColumns = {
  referrals_12_months: number | null;
  social_worker_referrals_12_months: number | null;
  waiting_6_months_earlier: number | null;
  coverage_rate_12_months_earlier: number | string | null;
  /** Areas only. */
  referrals_12_months_with_figure?: number | null;
  children_matched_with_figure_12_months_earlier?: number | null;
  children_looked_after_12_months_earlier?: number | null;
};

/** A council row's inputs, unsuppressed. `earlierStatus`: the status of the official figure a year before. */
export function councilInsightInputs(row: InsightColumns): InsightInputs {
  const total = num(row.referrals_12_months);
  const socialWorker = num(row.social_worker_referrals_12_months);
  return {
    referrals12Months: countFigure(total),
    socialWorkerReferrals12Months: countFigure(socialWorker),
    otherReferrals12Months: countFigure(total === null || socialWorker === null ? null : total - socialWorker),
    referrals12MonthsWithFigure: null,
    coverageRate12MonthsEarlier: ok(num(row.coverage_rate_12_months_earlier)),
    waiting6MonthsEarlier: countFigure(row.waiting_6_months_earlier),
  };
}

/** An England or region row's inputs, unsuppressed. */
export function areaInsightInputs(row: InsightColumns): InsightInputs {
  return { ...councilInsightInputs(row), referrals12MonthsWithFigure: countFigure(row.referrals_12_months_with_figure) };
}

/**
 * An area's inputs for disclosure-controlled audiences: counts rounded to 10 (LOW when they round
 * to 0 but are not), and the rate of a year earlier worked out, as it was published then, from
 * the rounded count of children matched (`matchedEarlier`) over the official figure of that time.
 */
export function protectAreaInsightInputs(inputs: InsightInputs, matchedEarlier: number | null, lookedAfterEarlier: number | null): InsightInputs {
  let earlierRate: Figure = inputs.coverageRate12MonthsEarlier;
  if (isOk(earlierRate)) {
    const rounded = roundedCount(ok(matchedEarlier));
    earlierRate =
      lookedAfterEarlier === null || lookedAfterEarlier <= 0 || matchedEarlier === null
        ? suppressed
        : isOk(rounded)
          ? ok(ratePercent(rounded.value, lookedAfterEarlier))
          : rounded;
  }
  return {
    referrals12Months: roundedCount(inputs.referrals12Months),
    socialWorkerReferrals12Months: roundedCount(inputs.socialWorkerReferrals12Months),
    // Not published for areas: the share is worked out from the two rounded counts above.
    otherReferrals12Months: ok(0),
    referrals12MonthsWithFigure: inputs.referrals12MonthsWithFigure ? roundedCount(inputs.referrals12MonthsWithFigure) : null,
    coverageRate12MonthsEarlier: earlierRate,
    waiting6MonthsEarlier: roundedCount(inputs.waiting6MonthsEarlier),
  };
}

// ---------------------------------------------------------------------------------------------
// Earlier month ends, and whole tables

/** A cell suppressed at the month end the insights read: childrenMatched a year before d, waiting half a year before. */
export type EarlierSuppression = { metric: string; areaCode: string };

/**
 * For disclosure-controlled audiences: an input read from an earlier month end is withheld where
 * that month's table withheld it (reporting.disclosure_suppressions), so the coverage change and
 * the months to clear are withheld with it.
 */
export function hideEarlier(inputs: InsightInputs | null | undefined, metrics: string[]): void {
  if (!inputs) return;
  const hide = (figure: Figure): Figure => (figure.status === FigureStatus.OK || figure.status === FigureStatus.LOW ? suppressed : figure);
  if (metrics.includes('childrenMatched')) inputs.coverageRate12MonthsEarlier = hide(inputs.coverageRate12MonthsEarlier);
  if (metrics.includes('waiting')) inputs.waiting6MonthsEarlier = hide(inputs.waiting6MonthsEarlier);
}

/** hideEarlier for every area of a published table, from the earlier months' withheld cells (readComparison's `earlier`). */
export function hideEarlierInTable(table: ComparisonTable, earlier: EarlierSuppression[]): void {
  const metricsOf = (code: string) => earlier.filter((cell) => cell.areaCode === code).map((cell) => cell.metric);
  for (const council of table.councils) hideEarlier(council.insightInputs, metricsOf(council.councilCode));
  for (const region of table.regions) hideEarlier(region.insightInputs, metricsOf(region.regionCode));
  hideEarlier(table.england.insightInputs, metricsOf(ENGLAND_CODE));
}

type Row = { figures: CoverageFigures; insightInputs?: InsightInputs | null };

const noInputs: InsightInputs = {
  referrals12Months: { value: null, status: FigureStatus.NOT_AVAILABLE },
  socialWorkerReferrals12Months: { value: null, status: FigureStatus.NOT_AVAILABLE },
  otherReferrals12Months: { value: null, status: FigureStatus.NOT_AVAILABLE },
  referrals12MonthsWithFigure: null,
  coverageRate12MonthsEarlier: { value: null, status: FigureStatus.NOT_AVAILABLE },
  waiting6MonthsEarlier: { value: null, status: FigureStatus.NOT_AVAILABLE },
};

const computeRow = (row: Row): ComputedInsights => computeInsights(row.figures, row.insightInputs ?? noInputs);

/** England's insights and a function giving any row's, with flags against England's (the same audience). */
export function insightsAgainst(england: Row): { england: InsightFigures; of: (row: Row) => InsightFigures } {
  const reference = computeRow(england);
  return { england: withFlags(england.figures, reference, reference), of: (row) => withFlags(row.figures, computeRow(row), reference) };
}
