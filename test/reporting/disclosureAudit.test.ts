import type { ComparisonTable, CouncilFigures, CoverageFigures } from '../../src/reporting/disclosure';
import { ENGLAND_CODE, ok, publishTable } from '../../src/reporting/disclosure';
import { auditTable, intervalOfCount, intervalOfRate, isProtected, loadSolver } from '../../src/reporting/disclosureAudit';
import { FigureStatus } from '../../src/reporting/figure.type';

/**
 * The intruder audit on hand-built tables, each with the range an intruder can deduce worked out
 * by hand in the comments.
 */

const LOOKED_AFTER = 1000;

function figures(matched: number, waiting: number, lookedAfter = LOOKED_AFTER): CoverageFigures {
  return {
    childrenLookedAfter: ok(lookedAfter),
    childrenMatched: ok(matched),
    coverageRate: ok(Math.round((1000 * matched) / lookedAfter) / 10),
    waiting: ok(waiting),
    hasWaitingList: waiting > 0,
    medianWaitDays: waiting ? ok(30) : { value: null, status: FigureStatus.NOT_APPLICABLE },
    p90WaitDays: waiting ? ok(60) : { value: null, status: FigureStatus.NOT_APPLICABLE },
  };
}

function council(code: string, region: string, matched: number, waiting = 0): CouncilFigures {
  return {
    councilCode: code,
    regionCode: region,
    figures: figures(matched, waiting),
    rank: null,
    quartile: null,
    statisticalNeighbourMedianRate: ok(null),
    pool: null,
  };
}

/** A table whose regions and England are the sums of the given councils. */
function table(councils: CouncilFigures[]): ComparisonTable {
  const sum = (list: CouncilFigures[], pick: (c: CouncilFigures) => number) => list.reduce((total, c) => total + pick(c), 0);
  const area = (list: CouncilFigures[]) => {
    const matched = sum(list, (c) => c.figures.childrenMatched.value!);
    const lookedAfter = sum(list, (c) => c.figures.childrenLookedAfter.value!);
    return {
      figures: figures(
        matched,
        sum(list, (c) => c.figures.waiting.value!),
        lookedAfter,
      ),
      childrenMatchedWithFigure: matched,
      pool: null,
    };
  };
  const regionCodes = [...new Set(councils.map((c) => c.regionCode))].sort();
  return {
    councils,
    regions: regionCodes.map((code) => ({ ...area(councils.filter((c) => c.regionCode === code)), regionCode: code, regionName: code })),
    england: area(councils),
  };
}

let solver: Awaited<ReturnType<typeof loadSolver>>;
beforeAll(async () => {
  solver = await loadSolver();
});

describe('what published area figures tell an intruder', () => {
  it('a rounded count stands for the ten values that round to it; LOW for 1 to 4; 0 for itself', () => {
    expect(intervalOfCount(ok(50))).toEqual({ lo: 45, hi: 54 });
    expect(intervalOfCount(ok(10))).toEqual({ lo: 5, hi: 14 });
    expect(intervalOfCount(ok(0))).toEqual({ lo: 0, hi: 0 });
    expect(intervalOfCount({ value: null, status: FigureStatus.LOW })).toEqual({ lo: 1, hi: 4 });
    expect(intervalOfCount({ value: null, status: FigureStatus.SUPPRESSED })).toBeNull();
  });

  it('a rate from a rounded count gives every count that rounds to a multiple of 10 with that rate', () => {
    // 100 × 50 / 1000 = 5.0: only 50 fits, so 45..54.
    expect(intervalOfRate(ok(5), 1000)).toEqual({ lo: 45, hi: 54 });
    // Over 80,000 children 3.2 (3.15 up to 3.25) is 2,520 up to 2,600: the multiples of 10 from
    // 2,520 to 2,590, which stand for 2,515 to 2,594.
    expect(intervalOfRate(ok(3.2), 80_000)).toEqual({ lo: 2515, hi: 2594 });
  });
});

describe('the audit', () => {
  it('finds two suppressed councils pinned by a region total (North East, IV, 2023-03-31) and suppresses the next smallest', () => {
    // True counts 1, 1, 5, 7, 40: the region total 54 publishes as 50 (45..54). Primary
    // suppression hides the two 1s; the visible 5 + 7 + 40 = 52 leaves 45 - 52 .. 54 - 52, so the
    // two hidden councils sum to at most 2: both are 1.
    const councils = [council('N1', 'NE', 1), council('N2', 'NE', 1), council('N3', 'NE', 5), council('N4', 'NE', 7), council('N5', 'NE', 40)];
    const naive = publishTable(table(councils), new Map());
    expect(naive.table.regions[0].figures.childrenMatched).toEqual(ok(50));
    const audit = auditTable(solver, table(councils), new Map());
    // The audit suppressed N3 (the next smallest, 5). Then 5 + 7 ... the three hidden sum to
    // 45 - 47 .. 54 - 47 = at most 7, each at least 1 and at most 7 (the smallest shown): each is
    // 1..5, which spans 5 values and reaches 5.
    expect(audit.audited).toEqual([{ metric: 'childrenMatched', councilCode: 'N3', step: 'AUDIT' }]);
    const ranges = audit.ranges.filter((range) => range.metric === 'childrenMatched');
    expect(ranges.map(({ councilCode, lo, hi }) => ({ councilCode, lo, hi }))).toEqual([
      { councilCode: 'N1', lo: 1, hi: 5 },
      { councilCode: 'N2', lo: 1, hi: 5 },
      { councilCode: 'N3', lo: 1, hi: 5 },
    ]);
    expect(ranges.every(isProtected)).toBe(true);
    expect(audit.unresolved).toEqual([]);
    expect(audit.rounds).toBe(2);
  });

  it('suppresses the region count, then England, where no council is left and LOW would give the values away', () => {
    // Only two councils with anyone matched, 2 and 1: the region and England totals of 3 would be
    // LOW, 1 to 4, so each hidden council would be known to be 1 to 3.
    const councils = [council('A1', 'R1', 2), council('A2', 'R1', 1), council('A3', 'R1', 0)];
    const audit = auditTable(solver, table(councils), new Map());
    expect(audit.audited.map((cell) => cell.councilCode)).toEqual(['R1', ENGLAND_CODE]);
    const { table: published } = publishTable(table(councils), new Map(), audit.audited);
    expect(published.regions[0].figures.childrenMatched.status).toBe(FigureStatus.SUPPRESSED);
    expect(published.regions[0].figures.coverageRate.status).toBe(FigureStatus.SUPPRESSED);
    expect(published.england.figures.childrenMatched.status).toBe(FigureStatus.SUPPRESSED);
    expect(audit.unresolved).toEqual([]);
    // Nothing bounds them now but the rules: at least 1, no upper bound shown.
    expect(audit.ranges.filter((range) => range.metric === 'childrenMatched').every((range) => range.lo === 1 && range.hi === Infinity)).toBe(true);
  });

  it('leaves a well protected table as the primary and secondary rules made it', () => {
    // Hidden 2 and 3 (sum 5) beside shown 20 and 30: total 55 publishes as 60 (55..64), so the
    // hidden pair sums to 5..14; each is 1..13 (the smallest shown is 20): protected.
    const councils = [council('B1', 'R', 2), council('B2', 'R', 3), council('B3', 'R', 20), council('B4', 'R', 30)];
    const audit = auditTable(solver, table(councils), new Map());
    expect(audit.audited).toEqual([]);
    expect(audit.ranges.map(({ lo, hi }) => ({ lo, hi }))).toEqual([
      { lo: 1, hi: 13 },
      { lo: 1, hi: 13 },
    ]);
    expect(audit.rounds).toBe(1);
  });

  it('counts an England rate against the councils that have an official figure', () => {
    // Region X: X1 (3) hidden, and X2 (30) with it as its only other council. Region Y: Y1 (2) and
    // Y2 (4) hidden, Y3 (8) shown. England's 47 publishes as 50, and its rate 100 × 50 / 5000 =
    // 1.0 allows the same 45..54.
    const councils = [council('X1', 'X', 3), council('X2', 'X', 30), council('Y1', 'Y', 2), council('Y2', 'Y', 4), council('Y3', 'Y', 8)];
    const audit = auditTable(solver, table(councils), new Map());
    const range = (code: string) => audit.ranges.find((r) => r.councilCode === code && r.metric === 'childrenMatched')!;
    expect(audit.unresolved).toEqual([]);
    expect(audit.ranges.every(isProtected)).toBe(true);
    // Y1 and Y2 share region Y's total (6 + 8 = 14 publishes as 10: 5..14) so Y1 + Y2 is at most
    // 6 and each at most 5: exactly the requirement.
    expect({ lo: range('Y1').lo, hi: range('Y1').hi }).toEqual({ lo: 1, hi: 5 });
  });
});

describe('ranks among published rates', () => {
  it('leaves no gap where a council is suppressed (Rutland, IV, 2025-03-31: 65 then 73 gave its count away)', () => {
    const councils = [council('C1', 'R', 40), council('C2', 'R', 1), council('C3', 'R', 20), council('C4', 'R', 20), council('C5', 'R', 10)];
    const published = publishTable(table(councils), new Map()).table.councils;
    const ranks = Object.fromEntries(published.map((c) => [c.councilCode, [c.rank, c.quartile]]));
    // C2's 1 is suppressed; its secondary (C5, 10) too. The rest rank 1, 2, 2 among three.
    expect(ranks).toEqual({ C1: [1, 2], C2: [null, null], C3: [2, 3], C4: [2, 3], C5: [null, null] });
  });
});
