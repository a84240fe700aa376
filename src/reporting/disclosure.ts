import { FigureStatus } from './figure.type';

/**
 * Statistical disclosure control for researchers and anything published without login
 * (METRICS.md "Disclosure control"). Pure functions over figures already computed in SQL, so the
 * same rules serve GraphQL and CSV:
 * - primary: a council count from 1 to 4 is suppressed (0 is shown); a rate, median or percentile
 *   computed from a suppressed count is suppressed too;
 * - secondary: where a region has exactly one council suppressed for a metric, the council with
 *   the next smallest non-zero count in that region is suppressed as well;
 * - England and region counts are rounded to the nearest 10 (5 rounds up); rates are computed
 *   from unrounded counts; official children-looked-after counts are public and never touched.
 */

export type Audience = 'FULL' | 'PUBLIC';

export type Figure = { value: number | null; status: FigureStatus };

export const ok = (value: number | null): Figure => (value === null ? { value: null, status: FigureStatus.NOT_AVAILABLE } : { value, status: FigureStatus.OK });
export const suppressed: Figure = { value: null, status: FigureStatus.SUPPRESSED };

/** The figures of one council (or area) at a reporting date. */
export type CoverageFigures = {
  childrenLookedAfter: Figure;
  childrenMatched: Figure;
  coverageRate: Figure;
  waiting: Figure;
  hasWaitingList: boolean | null;
  medianWaitDays: Figure;
  p90WaitDays: Figure;
};

export type CouncilFigures = {
  councilCode: string;
  regionCode: string;
  figures: CoverageFigures;
  rank: number | null;
  quartile: number | null;
  statisticalNeighbourMedianRate: Figure;
};

/** Counts that disclosure control protects, and the figures derived from each. */
const PROTECTED: { count: 'childrenMatched' | 'waiting'; derived: (keyof CoverageFigures)[] }[] = [
  { count: 'childrenMatched', derived: ['coverageRate'] },
  { count: 'waiting', derived: ['medianWaitDays', 'p90WaitDays'] },
];

const isSmall = (figure: Figure) => figure.status === FigureStatus.OK && figure.value !== null && figure.value >= 1 && figure.value <= 4;

/** Rounds a count to the nearest 10, with 5 rounding up. */
export function roundToTen(value: number): number {
  return Math.floor((value + 5) / 10) * 10;
}

/** Applies primary and secondary suppression to council rows (all councils of each region must be present). */
export function suppressCouncils(councils: CouncilFigures[]): CouncilFigures[] {
  const result = councils.map((council) => ({ ...council, figures: { ...council.figures } }));
  for (const { count, derived } of PROTECTED) {
    const suppress = (council: CouncilFigures) => {
      council.figures[count] = suppressed;
      for (const field of derived) (council.figures[field] as Figure) = suppressed;
    };
    const byRegion = new Map<string, CouncilFigures[]>();
    for (const council of result) {
      const list = byRegion.get(council.regionCode) ?? [];
      list.push(council);
      byRegion.set(council.regionCode, list);
    }
    for (const regionCouncils of byRegion.values()) {
      const primary = regionCouncils.filter((council) => isSmall(council.figures[count]));
      primary.forEach(suppress);
      if (primary.length === 1) {
        // A single suppressed council could be recovered by subtracting the others from the
        // region total, so the next smallest non-zero count goes too (ties: lowest code).
        const next = regionCouncils
          .filter((council) => council.figures[count].status === FigureStatus.OK && (council.figures[count].value ?? 0) > 0)
          .sort((a, b) => a.figures[count].value! - b.figures[count].value! || a.councilCode.localeCompare(b.councilCode))[0];
        if (next) suppress(next);
      }
    }
  }
  // Ranks and quartiles come from the rate: a suppressed rate has neither.
  for (const council of result) {
    if (council.figures.coverageRate.status === FigureStatus.SUPPRESSED) {
      council.rank = null;
      council.quartile = null;
    }
  }
  return result;
}

/** England and region figures for the public: counts rounded to 10, small pooled waits suppressed. */
export function protectArea(figures: CoverageFigures): CoverageFigures {
  const round = (figure: Figure): Figure => (figure.status === FigureStatus.OK && figure.value !== null ? { value: roundToTen(figure.value), status: FigureStatus.OK } : figure);
  const smallPool = isSmall(figures.waiting);
  return {
    ...figures,
    childrenMatched: round(figures.childrenMatched),
    waiting: round(figures.waiting),
    // A median over one to four waiting children would describe those children.
    medianWaitDays: smallPool ? suppressed : figures.medianWaitDays,
    p90WaitDays: smallPool ? suppressed : figures.p90WaitDays,
  };
}

/** Median of the neighbours' published rates, ignoring missing ones (percentile_cont 0.5, 1 dp). */
export function medianRate(rates: (number | null)[]): number | null {
  const values = rates.filter((rate): rate is number => rate !== null).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const middle = (values.length - 1) / 2;
  const median = (values[Math.floor(middle)] + values[Math.ceil(middle)]) / 2;
  return Math.round(median * 10) / 10;
}
