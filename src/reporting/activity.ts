import { EndReason } from '../matches/match.types';
import { ReferralSource } from '../referrals/referral.types';
import type { Audience, Figure } from './disclosure';
import { low, notApplicable, ok, ratePercent, roundedCount, roundToTen, suppressed } from './disclosure';
import { FigureStatus } from './figure.type';

/**
 * The period metrics of reports/METRICS.md ("Per council, per service, over a period") as GraphQL
 * and the council-activity file publish them, and their disclosure control. Pure functions over
 * the rows of reporting.rollup_period_activity, so GraphQL, the CSV and the audit publish one
 * table the same way.
 */

export type PeriodType = 'month' | 'year';
export type GeographicLevel = 'council' | 'region' | 'england';

export const REFERRAL_SOURCES = Object.values(ReferralSource);
export const END_REASONS = Object.values(EndReason);

/** A row of reporting.rollup_period_activity. */
export type ActivityRow = {
  geographic_level: GeographicLevel;
  area_code: string;
  region_code: string | null;
  service: string;
  period_type: PeriodType;
  period_start: string;
  period_end: string;
  referrals_received: number;
  referrals_by_source: Record<string, number>;
  median_days_to_match: number | null;
  referrals_matched: number;
  matches_started: number;
  matches_ended: number;
  matches_ended_by_reason: Record<string, number>;
  sustained_rate: number | string | null;
  sustained_judged: number;
  sustained_count: number;
  volunteers_approved: number;
};

/** One area's period activity, as published to one audience. */
export type AreaActivity = {
  level: GeographicLevel;
  code: string;
  regionCode: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  referralsReceived: Figure;
  referralsBySource: Record<ReferralSource, Figure>;
  medianDaysToMatch: Figure;
  matchesStarted: Figure;
  matchesEnded: Figure;
  endingsByReason: Record<EndReason, Figure>;
  sustainedRate: Figure;
  volunteersApproved: Figure;
  /** The bases of the median and the rate: never published, used to withhold them. */
  referralsMatched: number;
  sustainedJudged: number;
  sustainedCount: number;
};

/**
 * What a row's figures describe, for its `activity` field: set where the figures are built
 * (compareCouncils, the series) and carried on them, never published itself.
 */
export type ActivityKey = { service: string; date: string; areaCode: string; beforeService?: boolean };

/** One table: a service and period, every current council, region and England. */
export type ActivityTable = { councils: AreaActivity[]; regions: AreaActivity[]; england: AreaActivity | null };

const notAvailable: Figure = { value: null, status: FigureStatus.NOT_AVAILABLE };
const fill = <K extends string>(keys: K[], figure: (key: K) => Figure): Record<K, Figure> =>
  Object.fromEntries(keys.map((key) => [key, figure(key)])) as Record<K, Figure>;

/**
 * The end of the period a reporting date's activity covers: for a month, the month end itself; for
 * a year to 31 March, the 31 March on or before the date (the year April..March ending then).
 */
export function periodEndOf(periodType: PeriodType, date: string): string {
  if (periodType === 'month') return date;
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '03-31' ? `${year}-03-31` : `${year - 1}-03-31`;
}

/**
 * Activity with no figures: before the first year to 31 March the reports hold, or before an
 * area's service began (not 0, not yet collected: `x`). Period dates are null when the period
 * itself is not held.
 */
export function unavailableActivity(code: string, periodStart: string | null = null, periodEnd: string | null = null): AreaActivity {
  return {
    level: 'council',
    code,
    regionCode: null,
    periodStart,
    periodEnd,
    referralsReceived: notAvailable,
    referralsBySource: fill(REFERRAL_SOURCES, () => notAvailable),
    medianDaysToMatch: notAvailable,
    matchesStarted: notAvailable,
    matchesEnded: notAvailable,
    endingsByReason: fill(END_REASONS, () => notAvailable),
    sustainedRate: notAvailable,
    volunteersApproved: notAvailable,
    referralsMatched: 0,
    sustainedJudged: 0,
    sustainedCount: 0,
  };
}

/** A rollup row as unsuppressed figures: a median over no referral and a rate over no match do not apply. */
export function activityOf(row: ActivityRow): AreaActivity {
  const count = (value: number | undefined) => ok(Number(value ?? 0));
  return {
    level: row.geographic_level,
    code: row.area_code,
    regionCode: row.region_code,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    referralsReceived: count(row.referrals_received),
    referralsBySource: fill(REFERRAL_SOURCES, (source) => count(row.referrals_by_source[source])),
    medianDaysToMatch: row.referrals_matched > 0 && row.median_days_to_match !== null ? ok(Number(row.median_days_to_match)) : notApplicable,
    matchesStarted: count(row.matches_started),
    matchesEnded: count(row.matches_ended),
    endingsByReason: fill(END_REASONS, (reason) => count(row.matches_ended_by_reason[reason])),
    sustainedRate: row.sustained_judged > 0 && row.sustained_rate !== null ? ok(Number(row.sustained_rate)) : notApplicable,
    volunteersApproved: count(row.volunteers_approved),
    referralsMatched: row.referrals_matched,
    sustainedJudged: row.sustained_judged,
    sustainedCount: row.sustained_count,
  };
}

/** The rows of one table (a service and period) as its unsuppressed figures. */
export function activityTable(rows: ActivityRow[]): ActivityTable {
  const areas = rows.map(activityOf).sort((a, b) => a.code.localeCompare(b.code));
  return {
    councils: areas.filter((area) => area.level === 'council'),
    regions: areas.filter((area) => area.level === 'region'),
    england: areas.find((area) => area.level === 'england') ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Disclosure control

/** The published counts of a council row: one-way counts, and each breakdown cell as `total:key`. */
export type ActivityCell = string;
export const ONE_WAY_COUNTS = ['matchesStarted', 'volunteersApproved'] as const;

/** A breakdown with its margin: the cells add up to the total (a two-way table with the councils). */
export const ACTIVITY_BREAKDOWNS = [
  { total: 'referralsReceived', field: 'referralsBySource', keys: REFERRAL_SOURCES as string[] },
  { total: 'matchesEnded', field: 'endingsByReason', keys: END_REASONS as string[] },
] as const;

/** Every protected council cell of an activity table, by name. */
export const ACTIVITY_CELLS: ActivityCell[] = [
  ...ONE_WAY_COUNTS,
  ...ACTIVITY_BREAKDOWNS.flatMap((breakdown) => [breakdown.total, ...breakdown.keys.map((key) => `${breakdown.total}:${key}`)]),
];

/** The figure of a named cell of an area. */
export function activityCell(area: AreaActivity, cell: ActivityCell): Figure {
  const [name, key] = cell.split(':');
  if (key === undefined) return area[name as 'matchesStarted' | 'volunteersApproved' | 'referralsReceived' | 'matchesEnded'];
  const breakdown = ACTIVITY_BREAKDOWNS.find((candidate) => candidate.total === name)!;
  return (area[breakdown.field] as Record<string, Figure>)[key];
}

function setCell(area: AreaActivity, cell: ActivityCell, figure: Figure): void {
  const [name, key] = cell.split(':');
  if (key === undefined) {
    area[name as 'matchesStarted' | 'volunteersApproved' | 'referralsReceived' | 'matchesEnded'] = figure;
    return;
  }
  const breakdown = ACTIVITY_BREAKDOWNS.find((candidate) => candidate.total === name)!;
  (area[breakdown.field] as Record<string, Figure>)[key] = figure;
}

const valueOf = (figure: Figure): number | null => (figure.status === FigureStatus.OK ? figure.value : null);
const isSmallValue = (value: number | null) => value !== null && value >= 1 && value <= 4;

const copyArea = (area: AreaActivity): AreaActivity => ({
  ...area,
  referralsBySource: { ...area.referralsBySource },
  endingsByReason: { ...area.endingsByReason },
});

export type ActivitySuppression = { cell: ActivityCell; councilCode: string; step: 'PRIMARY' | 'SECONDARY' | 'AUDIT' };

/**
 * Primary and secondary suppression of the council rows of one activity table (all councils of
 * each region present), as reports/METRICS.md asks of breakdowns: a count from 1 to 4 is
 * withheld; then, until nothing changes,
 * - along each breakdown row (a council's cells beside its total): a withheld total withholds
 *   every non-zero cell (they would add up to it); beside a published total, the withheld cells
 *   share what the shown cells leave of it, so one alone would be exactly that and k of them
 *   (each at least 1) lie within 1 to (rest − k + 1): while that spans fewer than 5 values the
 *   next smallest non-zero cell of the row is withheld too (or the total, when every other cell
 *   is 0);
 * - down each column (one cell or total over a region's councils, whose sum the region row
 *   publishes): no region has exactly one council withheld; the next smallest non-zero count there
 *   goes too (ties: lowest code).
 * `audited` cells (from the intruder audit) are withheld as a further step. The median days to
 * match and the sustained rate are withheld where their base (referrals matched, matches judged) is
 * 1 to 4: a median or a rate over so few describes those children.
 */
export function suppressActivityCouncils(
  councils: AreaActivity[],
  audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[] = [],
): { councils: AreaActivity[]; suppressions: ActivitySuppression[] } {
  const result = councils.map(copyArea);
  const suppressions: ActivitySuppression[] = [];
  const hidden = new Map<ActivityCell, Set<string>>(ACTIVITY_CELLS.map((cell) => [cell, new Set<string>()]));
  const value = (area: AreaActivity, cell: ActivityCell) => valueOf(activityCell(area, cell));
  const hide = (area: AreaActivity, cell: ActivityCell, step: ActivitySuppression['step']): boolean => {
    const set = hidden.get(cell)!;
    if (set.has(area.code) || activityCell(area, cell).status !== FigureStatus.OK) return false;
    set.add(area.code);
    suppressions.push({ cell, councilCode: area.code, step });
    return true;
  };
  const isHidden = (area: AreaActivity, cell: ActivityCell) => hidden.get(cell)!.has(area.code);
  const byRegion = new Map<string, AreaActivity[]>();
  for (const area of result) byRegion.set(area.regionCode ?? '', [...(byRegion.get(area.regionCode ?? '') ?? []), area]);
  const smallestShown = (candidates: { area: AreaActivity; cell: ActivityCell }[]) =>
    candidates
      .filter(({ area, cell }) => !isHidden(area, cell) && (value(area, cell) ?? 0) > 0)
      .sort((a, b) => value(a.area, a.cell)! - value(b.area, b.cell)! || a.area.code.localeCompare(b.area.code))[0];

  const settle = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const area of result) {
        for (const breakdown of ACTIVITY_BREAKDOWNS) {
          const cells = breakdown.keys.map((key) => `${breakdown.total}:${key}`);
          if (isHidden(area, breakdown.total)) {
            for (const cell of cells) if ((value(area, cell) ?? 0) > 0) changed = hide(area, cell, 'SECONDARY') || changed;
            continue;
          }
          // The withheld cells share what the shown ones leave of the total: one alone is exactly
          // that; k of them, each at least 1, range over 1 to (rest − k + 1), which must span 5.
          const withheld = cells.filter((cell) => isHidden(area, cell));
          const rest =
            (value(area, breakdown.total) ?? 0) - cells.filter((cell) => !isHidden(area, cell)).reduce((sum, cell) => sum + (value(area, cell) ?? 0), 0);
          if (withheld.length === 0 || (withheld.length > 1 && rest - withheld.length + 1 >= 5)) continue;
          // Cells in enum order break ties (smallestShown sorts by value, then by the same code).
          const next = smallestShown(cells.map((cell) => ({ area, cell })));
          changed = hide(area, next ? next.cell : breakdown.total, 'SECONDARY') || changed;
        }
      }
      for (const cell of ACTIVITY_CELLS) {
        for (const regionCouncils of byRegion.values()) {
          if (regionCouncils.filter((area) => isHidden(area, cell)).length !== 1) continue;
          const next = smallestShown(regionCouncils.map((area) => ({ area, cell })));
          if (next) changed = hide(next.area, cell, 'SECONDARY') || changed;
        }
      }
    }
  };

  for (const area of result) for (const cell of ACTIVITY_CELLS) if (isSmallValue(value(area, cell))) hide(area, cell, 'PRIMARY');
  settle();
  const byCode = new Map(result.map((area) => [area.code, area]));
  for (const entry of audited) {
    const area = byCode.get(entry.councilCode);
    if (area && hidden.has(entry.cell)) hide(area, entry.cell, 'AUDIT');
  }
  settle();
  for (const [cell, codes] of hidden) for (const code of codes) setCell(byCode.get(code)!, cell, suppressed);
  for (const area of result) withholdSmallBases(area);
  return { councils: result, suppressions };
}

/** A median over one to four matched referrals, or a rate over one to four judged matches, describes them: withheld. */
function withholdSmallBases(area: AreaActivity): void {
  if (isSmallValue(area.referralsMatched) && area.medianDaysToMatch.status === FigureStatus.OK) area.medianDaysToMatch = suppressed;
  if (isSmallValue(area.sustainedJudged) && area.sustainedRate.status === FigureStatus.OK) area.sustainedRate = suppressed;
}

/**
 * A region or England row for disclosure-controlled audiences: every count and breakdown cell
 * rounded to 10 (LOW when not 0 but rounding to 0); the sustained rate recomputed from the rounded
 * counts; the median and the rate withheld over a base of 1 to 4.
 */
export function protectActivityArea(area: AreaActivity, audited: ActivityCell[] = []): AreaActivity {
  const published = copyArea(area);
  for (const cell of ACTIVITY_CELLS) setCell(published, cell, roundedCount(activityCell(area, cell)));
  if (area.sustainedRate.status === FigureStatus.OK) {
    const sustained = roundToTen(area.sustainedCount);
    const judged = roundToTen(area.sustainedJudged);
    published.sustainedRate = judged === 0 ? low : sustained === 0 && area.sustainedCount > 0 ? low : ok(ratePercent(sustained, judged));
  }
  withholdSmallBases(published);
  // The audit's last resort: an area's own rounded count, and, for a total, its cells.
  for (const cell of audited) {
    setCell(published, cell, suppressed);
    const breakdown = ACTIVITY_BREAKDOWNS.find((candidate) => candidate.total === cell);
    if (breakdown) for (const key of breakdown.keys) setCell(published, `${cell}:${key}`, suppressed);
  }
  return published;
}

/** One table as an audience gets it: unsuppressed for FULL, disclosure-controlled for PUBLIC. */
export function publishActivityTable(
  table: ActivityTable,
  audience: Audience,
  audited: Pick<ActivitySuppression, 'cell' | 'councilCode'>[] = [],
): { table: ActivityTable; suppressions: ActivitySuppression[] } {
  if (audience === 'FULL') return { table, suppressions: [] };
  const { councils, suppressions } = suppressActivityCouncils(table.councils, audited);
  const withheldByArea = new Map<string, ActivityCell[]>();
  for (const entry of audited) withheldByArea.set(entry.councilCode, [...(withheldByArea.get(entry.councilCode) ?? []), entry.cell]);
  // A region whose only withheld council for a cell had no other non-zero council to hide with
  // it: the region's rounded count would bound that council's (e.g. LOW: 1 to 4), so the region's
  // cell is withheld instead, as the audit's last resort does for coverage.
  for (const region of table.regions) {
    const members = councils.filter((council) => council.regionCode === region.code);
    for (const cell of ACTIVITY_CELLS) {
      if (members.filter((council) => activityCell(council, cell).status === FigureStatus.SUPPRESSED).length !== 1) continue;
      const cells = withheldByArea.get(region.code) ?? [];
      if (!cells.includes(cell)) withheldByArea.set(region.code, [...cells, cell]);
    }
  }
  const areaAudited = (code: string) => withheldByArea.get(code) ?? [];
  for (const area of [...table.regions, ...(table.england ? [table.england] : [])]) {
    for (const cell of areaAudited(area.code)) {
      const step = audited.some((entry) => entry.councilCode === area.code && entry.cell === cell) ? 'AUDIT' : 'SECONDARY';
      suppressions.push({ cell, councilCode: area.code, step });
    }
  }
  return {
    table: {
      councils,
      regions: table.regions.map((region) => protectActivityArea(region, areaAudited(region.code))),
      england: table.england ? protectActivityArea(table.england, areaAudited(table.england.code)) : null,
    },
    suppressions,
  };
}
