/**
 * When a target's metric is projected to reach its value (reports/METRICS.md, "Targets"): the
 * ordinary least-squares line through the last month-end values (x = the month's position, 0 for
 * the oldest), and the first month end after the latest on which the line is at or above the
 * value. Both metrics count something Tandem wants more of (children matched, coverage), so a
 * target is a level to reach from below.
 *
 * Exact: values are whole numbers of the metric's unit (children, or tenths of a percentage point
 * for a rate published to one decimal), so every sum is an integer and the test "line(k) >= value"
 * is decided in BigInt arithmetic, never in binary floating point.
 */

/** How many month ends the line is fitted through. */
export const PROJECTION_MONTHS = 12;

/** How far ahead the line is followed: beyond it, it "never" reaches the value. */
export const PROJECTION_HORIZON_MONTHS = 1200;

export type ProjectionInput = {
  /** The metric at consecutive month ends, oldest first, the latest last; null where it has no value. */
  values: (number | null)[];
  /** The month end of the last value. */
  latestMonthEnd: string;
  /** The target value, in the same unit as `values`. */
  value: number;
  dueOn: string;
  /** Whole units per value: 10 for a one-decimal rate, 1 for a count. */
  scale: number;
};

export type Projection = {
  projectedOn: string | null;
  /** False when the line never reaches the value; null when there is too little to tell. */
  onTrack: boolean | null;
  /** Why: MET (already there), PROJECTED, NEVER (the line does not get there) or TOO_FEW_VALUES. */
  outcome: 'MET' | 'PROJECTED' | 'NEVER' | 'TOO_FEW_VALUES';
};

/** The month end `months` after `monthEnd` (YYYY-MM-DD). */
export function monthEndAfter(monthEnd: string, months: number): string {
  const [year, month] = monthEnd.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // Day 0 of the next month is the last day of this one (years here are far above 100).
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ceil(p / q) for q > 0, in integers. */
function ceilDiv(p: bigint, q: bigint): bigint {
  return p >= 0n ? (p + q - 1n) / q : -(-p / q);
}

/** The least-squares line through (x, y) with integer sums: slope = b / d, intercept = (sy·d − b·sx) / (m·d). */
export function leastSquares(points: { x: number; y: bigint }[]): { m: bigint; sx: bigint; sy: bigint; b: bigint; d: bigint } {
  const m = BigInt(points.length);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  for (const { x, y } of points) {
    const bx = BigInt(x);
    sx += bx;
    sy += y;
    sxx += bx * bx;
    sxy += bx * y;
  }
  return { m, sx, sy, b: m * sxy - sx * sy, d: m * sxx - sx * sx };
}

export function projectTarget(input: ProjectionInput): Projection {
  const { values, latestMonthEnd, dueOn, scale } = input;
  const n = values.length;
  const units = (value: number) => BigInt(Math.round(value * scale));
  const target = units(input.value);
  const current = n > 0 ? values[n - 1] : null;
  if (current !== null && units(current) >= target) return { projectedOn: latestMonthEnd, onTrack: latestMonthEnd <= dueOn, outcome: 'MET' };
  const points = values.flatMap((value, x) => (value === null ? [] : [{ x, y: units(value) }]));
  if (points.length < 2) return { projectedOn: null, onTrack: null, outcome: 'TOO_FEW_VALUES' };
  const { m, sx, sy, b, d } = leastSquares(points);
  // line(k) >= target  <=>  sy·d − b·sx + m·b·k >= m·target·d   (both sides times m·d > 0)
  const needed = m * target * d - sy * d + b * sx;
  const first = BigInt(n); // the first month end after the latest (index n − 1)
  let k: bigint | null;
  if (b > 0n) {
    const reach = ceilDiv(needed, m * b);
    k = reach > first ? reach : first;
  } else {
    // Flat or falling: after the latest month end the line only gets further away.
    k = m * b * first >= needed ? first : null;
  }
  if (k === null || k - first + 1n > BigInt(PROJECTION_HORIZON_MONTHS)) return { projectedOn: null, onTrack: false, outcome: 'NEVER' };
  const projectedOn = monthEndAfter(latestMonthEnd, Number(k - first + 1n));
  return { projectedOn, onTrack: projectedOn <= dueOn, outcome: 'PROJECTED' };
}
