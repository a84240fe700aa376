import {
  CouncilFigures,
  CoverageFigures,
  divideHalfUp,
  medianRate,
  ok,
  protectArea,
  roundToTen,
  suppressCouncils as suppress,
} from '../../src/reporting/disclosure';
import { FigureStatus } from '../../src/reporting/figure.type';

/** A council with the given matched and waiting counts (and a rate and waits derived from them). */
function council(code: string, region: string, matched: number, waiting: number): CouncilFigures {
  const figures: CoverageFigures = {
    childrenLookedAfter: ok(200),
    childrenMatched: ok(matched),
    coverageRate: ok(Math.round((1000 * matched) / 200) / 10),
    waiting: ok(waiting),
    hasWaitingList: waiting > 0,
    medianWaitDays: waiting ? ok(40) : { value: null, status: FigureStatus.NOT_APPLICABLE },
    p90WaitDays: waiting ? ok(90) : { value: null, status: FigureStatus.NOT_APPLICABLE },
  };
  return { councilCode: code, regionCode: region, figures, rank: 1, quartile: 1, statisticalNeighbourMedianRate: ok(3) };
}

const suppressCouncils = (councils: CouncilFigures[]) => suppress(councils).councils;

const byCode = (councils: CouncilFigures[]) => new Map(councils.map((c) => [c.councilCode, c]));

describe('primary suppression', () => {
  it('suppresses council counts of 1 to 4 and what is computed from them, shows 0 and 5', () => {
    const result = byCode(
      suppressCouncils([council('A0', 'R', 0, 0), council('A1', 'R', 1, 4), council('A4', 'R', 4, 1), council('A5', 'R', 5, 5), council('A9', 'R', 9, 9)]),
    );
    expect(result.get('A0')!.figures.childrenMatched).toEqual({ value: 0, status: 'OK' });
    for (const code of ['A1', 'A4']) {
      const { figures, rank, quartile } = result.get(code)!;
      expect(figures.childrenMatched.status).toBe('SUPPRESSED');
      expect(figures.coverageRate).toEqual({ value: null, status: 'SUPPRESSED' });
      expect(figures.waiting.status).toBe('SUPPRESSED');
      expect(figures.medianWaitDays.status).toBe('SUPPRESSED');
      expect(figures.p90WaitDays.status).toBe('SUPPRESSED');
      expect({ rank, quartile }).toEqual({ rank: null, quartile: null });
      // The official denominator is public and never suppressed.
      expect(figures.childrenLookedAfter).toEqual({ value: 200, status: 'OK' });
    }
    expect(result.get('A5')!.figures.childrenMatched).toEqual({ value: 5, status: 'OK' });
  });
});

describe('secondary suppression', () => {
  it('where a region has exactly one suppressed council, also suppresses the next smallest non-zero count there', () => {
    const result = byCode(
      suppressCouncils([
        council('N1', 'North', 2, 10), // primary for matched
        council('N2', 'North', 0, 10), // zero: never the secondary
        council('N3', 'North', 7, 10), // next smallest non-zero: secondary
        council('N4', 'North', 12, 10),
        council('S1', 'South', 6, 10), // another region: untouched
      ]),
    );
    expect(result.get('N1')!.figures.childrenMatched.status).toBe('SUPPRESSED');
    expect(result.get('N2')!.figures.childrenMatched).toEqual({ value: 0, status: 'OK' });
    expect(result.get('N3')!.figures.childrenMatched.status).toBe('SUPPRESSED');
    expect(result.get('N3')!.figures.coverageRate.status).toBe('SUPPRESSED');
    expect(result.get('N4')!.figures.childrenMatched).toEqual({ value: 12, status: 'OK' });
    expect(result.get('S1')!.figures.childrenMatched).toEqual({ value: 6, status: 'OK' });
    // Waiting counts of 10 are not small: nothing suppressed for that metric.
    expect([...result.values()].every((c) => c.figures.waiting.status === 'OK')).toBe(true);
  });

  it('adds nothing where two or more councils in the region are already suppressed', () => {
    const result = byCode(suppressCouncils([council('N1', 'North', 2, 0), council('N2', 'North', 3, 0), council('N3', 'North', 7, 0)]));
    expect(result.get('N3')!.figures.childrenMatched).toEqual({ value: 7, status: 'OK' });
  });

  it('breaks ties for the next smallest by council code', () => {
    const result = byCode(suppressCouncils([council('N1', 'North', 1, 0), council('N3', 'North', 8, 0), council('N2', 'North', 8, 0)]));
    expect(result.get('N2')!.figures.childrenMatched.status).toBe('SUPPRESSED');
    expect(result.get('N3')!.figures.childrenMatched.status).toBe('OK');
  });

  it('applies to each metric separately', () => {
    const result = byCode(suppressCouncils([council('N1', 'North', 20, 3), council('N2', 'North', 30, 6), council('N3', 'North', 40, 9)]));
    expect(result.get('N1')!.figures.waiting.status).toBe('SUPPRESSED');
    expect(result.get('N2')!.figures.waiting.status).toBe('SUPPRESSED');
    expect(result.get('N2')!.figures.childrenMatched).toEqual({ value: 30, status: 'OK' });
    expect(result.get('N3')!.figures.waiting).toEqual({ value: 9, status: 'OK' });
  });
});

describe('England and region rounding', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 10],
    [14, 10],
    [15, 20],
    [2653, 2650],
    [1205, 1210],
  ])('rounds %i to %i (5 rounds up)', (value, rounded) => {
    expect(roundToTen(value)).toBe(rounded);
  });

  it('rounds area counts and computes the rate from the rounded count of children matched where the official figure is known', () => {
    const { figures: area } = protectArea({
      figures: {
        childrenLookedAfter: ok(81766),
        childrenMatched: ok(2653),
        coverageRate: ok(3.2),
        waiting: ok(1202),
        hasWaitingList: true,
        medianWaitDays: ok(120),
        p90WaitDays: ok(400),
      },
      childrenMatchedWithFigure: 2644,
    });
    expect(area.childrenMatched.value).toBe(2650);
    expect(area.waiting.value).toBe(1200);
    // 100 × 2640 / 81766 = 3.2287...
    expect(area.coverageRate).toEqual({ value: 3.2, status: 'OK' });
    expect(area.childrenLookedAfter.value).toBe(81766);
  });

  it('shows a count that rounds to 0 but is not 0 as LOW, and what is computed from it', () => {
    const { figures: area, pool } = protectArea({
      figures: {
        childrenLookedAfter: ok(900),
        childrenMatched: ok(3),
        coverageRate: ok(0.3),
        waiting: ok(3),
        hasWaitingList: true,
        medianWaitDays: ok(20),
        p90WaitDays: ok(25),
      },
      childrenMatchedWithFigure: 3,
      pool: { volunteersAvailable: ok(12), childrenWaiting: ok(3), volunteersPerWaitingChild: ok(4) },
    });
    expect(area.childrenMatched).toEqual({ value: null, status: 'LOW' });
    expect(area.coverageRate).toEqual({ value: null, status: 'LOW' });
    expect(area.waiting).toEqual({ value: null, status: 'LOW' });
    expect(area.medianWaitDays.status).toBe('SUPPRESSED');
    expect(pool).toEqual({
      volunteersAvailable: ok(10),
      childrenWaiting: { value: null, status: 'LOW' },
      volunteersPerWaitingChild: { value: null, status: 'LOW' },
    });
  });

  it('computes an area ratio from the rounded counts (West Midlands, mentoring, 2026-06-30: 54 / 35 would publish 1.54)', () => {
    const { pool } = protectArea({
      figures: {
        childrenLookedAfter: ok(9000),
        childrenMatched: ok(100),
        coverageRate: ok(1.1),
        waiting: ok(35),
        hasWaitingList: true,
        medianWaitDays: ok(50),
        p90WaitDays: ok(90),
      },
      childrenMatchedWithFigure: 100,
      pool: { volunteersAvailable: ok(54), childrenWaiting: ok(35), volunteersPerWaitingChild: ok(1.54) },
    });
    expect(pool).toEqual({ volunteersAvailable: ok(50), childrenWaiting: ok(40), volunteersPerWaitingChild: ok(1.25) });
  });
});

describe('exact half-up rounding', () => {
  it.each([
    [625, 100, 1, 6.3],
    [135, 100, 1, 1.4],
    [1, 32, 3, 0.031],
    [100, 32, 1, 3.1],
    [2, 3, 2, 0.67],
    [77, 50, 2, 1.54],
  ])('%i / %i to %i places is %d', (numerator, denominator, decimals, expected) => {
    expect(divideHalfUp(numerator, denominator, decimals)).toBe(expected);
  });
});

describe('medianRate', () => {
  it('ignores missing rates and averages the middle two of an even count', () => {
    expect(medianRate([3, null, 1, 2, 10])).toBe(2.5);
    expect(medianRate([4.1, 2.0, 3.3])).toBe(3.3);
    expect(medianRate([null, null])).toBeNull();
  });

  it('rounds a median at a half up, exactly (0.3 and 2.4: 1.35 is 1.4, not binary 1.3)', () => {
    expect(medianRate([0.3, 2.4])).toBe(1.4);
    expect(medianRate([0.1, 0.2])).toBe(0.2);
  });
});
