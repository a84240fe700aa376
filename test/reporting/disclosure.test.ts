import { CouncilFigures, CoverageFigures, medianRate, ok, protectArea, roundToTen, suppressCouncils } from '../../src/reporting/disclosure';
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

  it('rounds area counts but keeps the rate computed from unrounded counts', () => {
    const area = protectArea({
      childrenLookedAfter: ok(81766),
      childrenMatched: ok(2653),
      coverageRate: ok(3.2),
      waiting: ok(1202),
      hasWaitingList: true,
      medianWaitDays: ok(120),
      p90WaitDays: ok(400),
    });
    expect(area.childrenMatched.value).toBe(2650);
    expect(area.waiting.value).toBe(1200);
    expect(area.coverageRate.value).toBe(3.2);
    expect(area.childrenLookedAfter.value).toBe(81766);
  });

  it('suppresses pooled waits over one to four children', () => {
    const area = protectArea({
      childrenLookedAfter: ok(900),
      childrenMatched: ok(30),
      coverageRate: ok(3.3),
      waiting: ok(3),
      hasWaitingList: true,
      medianWaitDays: ok(20),
      p90WaitDays: ok(25),
    });
    expect(area.waiting.value).toBe(0);
    expect(area.medianWaitDays.status).toBe('SUPPRESSED');
  });
});

describe('medianRate', () => {
  it('ignores missing rates and averages the middle two of an even count', () => {
    expect(medianRate([3, null, 1, 2, 10])).toBe(2.5);
    expect(medianRate([4.1, 2.0, 3.3])).toBe(3.3);
    expect(medianRate([null, null])).toBeNull();
  });
});
