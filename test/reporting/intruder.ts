/**
 * An intruder who knows the published disclosure-control rules (METRICS.md "Disclosure control",
 * "Rounding", "Comparisons") and attacks the public outputs of ONE table (one service, one month
 * end): the anonymous council-coverage CSV plus the anonymous `councilComparison` volunteer pools.
 *
 * Independent of the product: no import from src/, no LP solver. Every unknown council count is a
 * finite set of integers, and constraints are propagated to a fixed point with exact set arithmetic
 * (sumsets), so each single constraint is enforced exactly (generalised arc consistency), not just
 * on interval bounds:
 * - bounds: a suppressed council count is >= 1 (0 is shown) and no larger than the smallest
 *   non-zero count shown in its region for that metric (suppression always takes the smallest);
 * - difference: region and England counts rounded to 10 (5 up; `low` = 1..4; 0 = exactly 0 when
 *   the rules have `low`, else 0..4); councils sum to regions, regions to England; statuses that
 *   betray a size (a pooled median or a region ratio suppressed "because 1 to 4", NOT_APPLICABLE
 *   because nobody waits);
 * - rate: England and region coverage rates (1 dp, half up) over their public denominators
 *   constrain the sum of matched counts of the councils whose official figure is available;
 * - ratio: region volunteers per waiting child (2 dp, half up) constrains the pair (volunteers,
 *   waiting) jointly;
 * - rank: published ranks (competition ranking, 1 = highest rate) and public denominators: a gap
 *   between ranks says how many hidden councils have a rate in that band; hidden councils are
 *   assigned to bands by a bipartite matching, and a council keeps only the counts whose rate falls
 *   in a band it can occupy in SOME complete assignment (alternating-path reachability).
 * The rules changed (METRICS.md now: `low`, England and region rates and ratios from the rounded
 * counts, ranks among published rates only), so the intruder is told which rules are in force
 * (OLD_RULES, NEW_RULES) and reasons exactly under them; when it is not told, it uses an old-rule
 * leak only where the table proves that rule (a region rate its rounded count cannot give, a rank
 * gap), so it stays sound under either. The demo test checks soundness against the true counts.
 */

export type Status = 'OK' | 'SUPPRESSED' | 'NOT_APPLICABLE' | 'NOT_AVAILABLE' | 'LOW';
export type Cell = { value: number | null; status: Status };
export type Metric = 'childrenMatched' | 'waiting' | 'volunteersAvailable';
export const METRICS: Metric[] = ['childrenMatched', 'waiting', 'volunteersAvailable'];
export type AttackKind = 'difference' | 'rate' | 'ratio' | 'rank';
export const ATTACK_KINDS: AttackKind[] = ['difference', 'rate', 'ratio', 'rank'];

export type PublishedCouncil = {
  code: string;
  region: string;
  childrenLookedAfter: Cell;
  childrenMatched: Cell;
  coverageRate: Cell;
  waiting: Cell;
  rank: number | null;
  quartile?: number | null;
  volunteersAvailable?: Cell;
};

export type PublishedArea = {
  code: string;
  childrenLookedAfter: Cell;
  childrenMatched: Cell;
  coverageRate: Cell;
  waiting: Cell;
  medianWaitDays?: Cell;
  volunteersAvailable?: Cell;
  /** The pool's children waiting (the same count as `waiting`). */
  childrenWaiting?: Cell;
  volunteersPerWaitingChild?: Cell;
};

export type PublishedTable = { label: string; councils: PublishedCouncil[]; regions: PublishedArea[]; england: PublishedArea };

/**
 * The published rules the intruder assumes. Left undefined, each is inferred from the table where
 * the table proves it, and otherwise the constraint is not used (sound either way).
 */
export type Rules = {
  /** `low` exists, so a published 0 is exactly 0 (otherwise 0 means 0..4). Default: true when any cell is `low`. */
  zeroIsExact?: boolean;
  /** England and region rates and ratios are computed from the rounded counts (else from the unrounded ones). */
  areaFiguresFromRounded?: boolean;
  /** Ranks are among the published rates only (else among all rates, hidden ones included). */
  ranksAmongPublished?: boolean;
};
/** The rules of the code before the rewrite. */
export const OLD_RULES: Required<Rules> = { zeroIsExact: false, areaFiguresFromRounded: false, ranksAmongPublished: false };
/** METRICS.md as it stands: `low`, area rates and ratios from rounded counts, ranks among published rates. */
export const NEW_RULES: Required<Rules> = { zeroIsExact: true, areaFiguresFromRounded: true, ranksAmongPublished: true };

export type AttackOptions = { kinds?: AttackKind[]; rules?: Rules };

export type Deduction = {
  table: string;
  council: string;
  region: string;
  metric: Metric;
  lo: number;
  hi: number;
  size: number;
  recovered: boolean;
  belowRequirement: boolean;
};

export type AttackResult = {
  cells: Deduction[];
  /** Reasons the published figures contradicted the rules as the intruder understands them (should be empty). */
  inconsistencies: string[];
  /** Which old-rule leaks were used (given by the rules, or proved by the table). */
  modes: { areaRates: boolean; areaRatios: boolean; ranksAmongAll: boolean };
};

// ---------------------------------------------------------------------------------------------
// Integer sets

/** Above this many pairs, set sums fall back to interval hulls (a superset, so still sound). */
const EXACT_LIMIT = 2_000_000;

/** A finite set of integers as a bitmap from `lo`. */
export class IntSet {
  private constructor(
    readonly lo: number,
    readonly bits: Uint8Array,
  ) {}

  static range(lo: number, hi: number): IntSet {
    if (hi < lo) return IntSet.empty();
    return new IntSet(lo, new Uint8Array(hi - lo + 1).fill(1));
  }

  static of(values: Iterable<number>): IntSet {
    const list = [...values];
    if (list.length === 0) return IntSet.empty();
    const lo = list.reduce((a, b) => Math.min(a, b));
    const bits = new Uint8Array(list.reduce((a, b) => Math.max(a, b)) - lo + 1);
    for (const value of list) bits[value - lo] = 1;
    return new IntSet(lo, bits).trim();
  }

  static empty(): IntSet {
    return new IntSet(0, new Uint8Array(0));
  }

  private trim(): IntSet {
    let start = 0;
    let end = this.bits.length - 1;
    while (start <= end && !this.bits[start]) start += 1;
    while (end >= start && !this.bits[end]) end -= 1;
    if (start > end) return IntSet.empty();
    if (start === 0 && end === this.bits.length - 1) return this;
    return new IntSet(this.lo + start, this.bits.slice(start, end + 1));
  }

  get isEmpty(): boolean {
    return this.bits.length === 0;
  }
  get min(): number {
    return this.lo;
  }
  get max(): number {
    return this.lo + this.bits.length - 1;
  }
  get size(): number {
    let count = 0;
    for (const bit of this.bits) count += bit;
    return count;
  }
  has(value: number): boolean {
    const index = value - this.lo;
    return index >= 0 && index < this.bits.length && this.bits[index] === 1;
  }
  values(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.bits.length; i += 1) if (this.bits[i]) out.push(this.lo + i);
    return out;
  }
  filter(keep: (value: number) => boolean): IntSet {
    const bits = new Uint8Array(this.bits.length);
    for (let i = 0; i < bits.length; i += 1) if (this.bits[i] && keep(this.lo + i)) bits[i] = 1;
    return new IntSet(this.lo, bits).trim();
  }
  intersect(other: IntSet): IntSet {
    return this.filter((value) => other.has(value));
  }
  equals(other: IntSet): boolean {
    if (this.lo !== other.lo || this.bits.length !== other.bits.length) return this.isEmpty && other.isEmpty;
    for (let i = 0; i < this.bits.length; i += 1) if (this.bits[i] !== other.bits[i]) return false;
    return true;
  }
  shift(by: number): IntSet {
    return this.isEmpty ? this : new IntSet(this.lo + by, this.bits);
  }
  /** { a + b : a in this, b in other } (its hull when that would take too long: still sound). */
  plus(other: IntSet): IntSet {
    if (this.isEmpty || other.isEmpty) return IntSet.empty();
    if (this.size * other.size > EXACT_LIMIT) return IntSet.range(this.min + other.min, this.max + other.max);
    const bits = new Uint8Array(this.bits.length + other.bits.length - 1);
    const mine = this.values().map((v) => v - this.lo);
    const theirs = other.values().map((v) => v - other.lo);
    for (const a of mine) for (const b of theirs) bits[a + b] = 1;
    return new IntSet(this.lo + other.lo, bits);
  }
  /** { t - o : t in this, o in other } */
  minus(other: IntSet): IntSet {
    if (this.isEmpty || other.isEmpty) return IntSet.empty();
    const bits = new Uint8Array(other.bits.length);
    for (let i = 0; i < bits.length; i += 1) bits[i] = other.bits[other.bits.length - 1 - i];
    return this.plus(new IntSet(-other.max, bits));
  }
}

// ---------------------------------------------------------------------------------------------
// Published arithmetic (round half up, in integers)

/** Coverage rate in tenths of a percent: round half up of 1000 n / d. */
export const rateTenths = (n: number, d: number) => Math.floor((2000 * n + d) / (2 * d));
/** Ratio in hundredths: round half up of 100 v / w. */
export const ratioHundredths = (v: number, w: number) => Math.floor((200 * v + w) / (2 * w));
/** Nearest 10, 5 up. */
export const roundToTen = (n: number) => Math.floor((n + 5) / 10) * 10;

/** The true counts consistent with a rounded area count, or null when it says nothing. */
function roundingSet(cell: Cell | undefined, zeroIsExact: boolean): IntSet | null {
  if (!cell) return null;
  if (cell.status === 'LOW') return IntSet.range(1, 4);
  if (cell.status !== 'OK' || cell.value === null) return null;
  const v = cell.value;
  if (v === 0) return zeroIsExact ? IntSet.range(0, 0) : IntSet.range(0, 4);
  return IntSet.range(Math.max(0, v - 5), v + 4);
}

// ---------------------------------------------------------------------------------------------
// Constraint network

type Var = { name: string; dom: IntSet };
type Propagator = { name: string; kind: AttackKind | 'bounds'; vars: Var[]; run: () => string | null };

class Network {
  readonly vars: Var[] = [];
  readonly propagators: Propagator[] = [];
  changed = false;

  variable(name: string, dom: IntSet): Var {
    const v = { name, dom };
    this.vars.push(v);
    return v;
  }

  /** Narrows a domain; returns an error string when it empties. */
  narrow(v: Var, dom: IntSet, why: string): string | null {
    const next = v.dom.intersect(dom);
    if (next.isEmpty) return `${v.name} has no value left (${why})`;
    if (!next.equals(v.dom)) {
      v.dom = next;
      this.changed = true;
    }
    return null;
  }

  /** target = constant + sum(terms), enforced exactly on each variable. */
  sum(name: string, kind: AttackKind, target: Var, terms: Var[], constant: number): void {
    this.propagators.push({
      name,
      kind,
      vars: [target, ...terms],
      run: () => {
        const n = terms.length;
        const prefix: IntSet[] = [IntSet.range(constant, constant)];
        for (let i = 0; i < n; i += 1) prefix.push(prefix[i].plus(terms[i].dom));
        const error = this.narrow(target, prefix[n], name);
        if (error) return error;
        let suffix = IntSet.range(0, 0);
        for (let i = n - 1; i >= 0; i -= 1) {
          const others = prefix[i].plus(suffix);
          const error2 = this.narrow(terms[i], target.dom.minus(others), name);
          if (error2) return error2;
          suffix = suffix.plus(terms[i].dom);
        }
        return null;
      },
    });
  }

  /** A relation on two variables, enforced by enumerating pairs. */
  pair(name: string, kind: AttackKind, a: Var, b: Var, allowed: (x: number, y: number) => boolean): void {
    this.propagators.push({
      name,
      kind,
      vars: [a, b],
      run: () => {
        if (a.dom.size * b.dom.size > EXACT_LIMIT) return null; // too wide to say anything yet
        const xs = new Set<number>();
        const ys = new Set<number>();
        const bValues = b.dom.values();
        for (const x of a.dom.values()) {
          for (const y of bValues) {
            if (allowed(x, y)) {
              xs.add(x);
              ys.add(y);
            }
          }
        }
        return this.narrow(a, IntSet.of(xs), name) ?? this.narrow(b, IntSet.of(ys), name);
      },
    });
  }

  custom(p: Propagator): void {
    this.propagators.push(p);
  }

  /** Runs every propagator until nothing changes; returns the first contradiction, if any. */
  fixpoint(limit = 200): string | null {
    for (let round = 0; round < limit; round += 1) {
      this.changed = false;
      for (const p of this.propagators) {
        const error = p.run();
        if (error) return error;
      }
      if (!this.changed) return null;
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Rank bands: which hidden council can have which rate, given the counts per band

/**
 * Bands between consecutive published rates, each with the exact number of hidden councils whose
 * rate lies in it, from competition ranks. Returns null when the ranks show no hidden council
 * among them (then the ranks may be among published rates only, and say nothing).
 */
function rankBands(councils: PublishedCouncil[], hiddenCount: number): { cuts: number[]; counts: number[] } | string | null {
  const ranked = councils
    .filter((c) => c.rank !== null && c.coverageRate.status === 'OK' && c.coverageRate.value !== null)
    .map((c) => ({ tenths: Math.round(c.coverageRate.value! * 10), rank: c.rank! }))
    .sort((a, b) => b.tenths - a.tenths || a.rank - b.rank);
  if (ranked.length === 0) return null;
  // Distinct published rates, highest first, with their rank and the published count above them.
  const groups: { tenths: number; rank: number; publishedAbove: number }[] = [];
  let index = 0;
  while (index < ranked.length) {
    const { tenths, rank } = ranked[index];
    groups.push({ tenths, rank, publishedAbove: index });
    while (index < ranked.length && ranked[index].tenths === tenths) {
      if (ranked[index].rank !== rank) return `two ranks (${rank}, ${ranked[index].rank}) for one rate ${tenths / 10}`;
      index += 1;
    }
  }
  // hiddenAbove[i]: hidden councils whose rate is strictly above group i's rate.
  const hiddenAbove = groups.map((g) => g.rank - 1 - g.publishedAbove);
  const gaps = hiddenAbove.some((h) => h !== 0);
  if (!gaps) return null;
  // Bands, highest first: (g0, inf), (g1, g0], ..., (-inf, g_last] with cuts = the group rates.
  const counts: number[] = [hiddenAbove[0]];
  for (let i = 1; i < groups.length; i += 1) counts.push(hiddenAbove[i] - hiddenAbove[i - 1]);
  counts.push(hiddenCount - hiddenAbove[groups.length - 1]);
  if (counts.some((c) => c < 0)) return `rank gaps need more hidden councils than the ${hiddenCount} there are`;
  return { cuts: groups.map((g) => g.tenths), counts };
}

/** Band index of a rate (in tenths) for cuts sorted descending: 0 = above cuts[0]. */
function bandOf(tenths: number, cuts: number[]): number {
  // band i (1..m-1) = (cuts[i], cuts[i-1]]; band m = (-inf, cuts[m-1]]
  let band = 0;
  while (band < cuts.length && tenths <= cuts[band]) band += 1;
  return band;
}

/**
 * For each hidden council (allowed bands), the bands it can take in some assignment that fills
 * every band with exactly its count; null when no assignment exists.
 */
export function feasibleBands(allowed: Set<number>[], counts: number[]): Set<number>[] | null {
  const n = allowed.length;
  const assigned = new Array<number>(n).fill(-1);
  const holders: number[][] = counts.map(() => []);
  // Augmenting paths: council -> band with spare room, or -> band whose holder can move.
  const tryAssign = (council: number, seen: Set<number>): boolean => {
    for (const band of allowed[council]) {
      if (seen.has(band)) continue;
      seen.add(band);
      if (holders[band].length < counts[band]) {
        holders[band].push(council);
        assigned[council] = band;
        return true;
      }
      for (const holder of holders[band]) {
        if (tryAssign(holder, seen)) {
          holders[band].splice(holders[band].indexOf(holder), 1);
          holders[band].push(council);
          assigned[council] = band;
          return true;
        }
      }
    }
    return false;
  };
  for (let c = 0; c < n; c += 1) if (!tryAssign(c, new Set())) return null;
  if (counts.some((count, band) => holders[band].length !== count)) return null;
  // move[j] = bands j' that some holder of j may move to; reach[j] = bands reachable from j.
  const bands = counts.length;
  const reach: boolean[][] = [];
  for (let j = 0; j < bands; j += 1) {
    const seen = new Array<boolean>(bands).fill(false);
    const stack = [j];
    seen[j] = true;
    while (stack.length) {
      const k = stack.pop()!;
      for (const holder of holders[k]) {
        for (const next of allowed[holder]) {
          if (!seen[next]) {
            seen[next] = true;
            stack.push(next);
          }
        }
      }
    }
    reach.push(seen);
  }
  // Council c (in band a) can take band j iff j === a, or j's holders can pass a place back to a:
  // a path j -> ... -> a in the move graph.
  return allowed.map((bandsAllowed, c) => new Set([...bandsAllowed].filter((j) => j === assigned[c] || reach[j][assigned[c]])));
}

// ---------------------------------------------------------------------------------------------
// The attack

const isSuppressed = (cell: Cell | undefined) => cell?.status === 'SUPPRESSED';
const shown = (cell: Cell | undefined): number | null => (cell && cell.status === 'OK' && cell.value !== null ? cell.value : null);

function councilCell(council: PublishedCouncil, metric: Metric): Cell | undefined {
  return council[metric];
}

function areaCell(area: PublishedArea, metric: Metric): Cell | undefined {
  return area[metric];
}

/** Whether the table uses `low`, so that a published 0 is exactly 0. */
function usesLow(table: PublishedTable): boolean {
  const areas = [table.england, ...table.regions];
  return areas.some((a) => [a.childrenMatched, a.waiting, a.volunteersAvailable, a.childrenWaiting].some((cell) => cell?.status === 'LOW'));
}

/**
 * The intruder's deductions for every suppressed council count of the table.
 * `kinds` selects the attacks (all by default); the bounds are always known.
 */
export function attackTable(table: PublishedTable, options: AttackOptions = {}): AttackResult {
  const kinds = new Set(options.kinds ?? ATTACK_KINDS);
  const rules = options.rules ?? {};
  const zeroIsExact = rules.zeroIsExact ?? usesLow(table);
  const net = new Network();
  const inconsistencies: string[] = [];
  const modes = { areaRates: false, areaRatios: false, ranksAmongAll: false };
  const regionCodes = [...new Set([...table.regions.map((r) => r.code), ...table.councils.map((c) => c.region)])];
  const regionByCode = new Map(table.regions.map((r) => [r.code, r]));

  // Leaves: one variable per suppressed council count.
  const leaves = new Map<string, Var>(); // `${metric}:${code}`
  const leafCells: { council: PublishedCouncil; metric: Metric; v: Var }[] = [];
  // Upper bound of a hidden cell before anything else: the area totals' upper bounds.
  const areaMax = (area: PublishedArea | undefined, metric: Metric): number => {
    const cells = metric === 'waiting' && area ? [area.waiting, area.childrenWaiting] : [area ? areaCell(area, metric) : undefined];
    let best = Infinity;
    for (const cell of cells) {
      const set = roundingSet(cell, zeroIsExact);
      if (set) best = Math.min(best, set.max);
    }
    return best;
  };
  for (const metric of METRICS) {
    for (const region of regionCodes) {
      const members = table.councils.filter((c) => c.region === region);
      const hidden = members.filter((c) => isSuppressed(councilCell(c, metric)));
      if (hidden.length === 0) continue;
      const shownNonZero = members.map((c) => shown(councilCell(c, metric))).filter((v): v is number => v !== null && v > 0);
      const shownSum = members.reduce((sum, c) => sum + (shown(councilCell(c, metric)) ?? 0), 0);
      let upper = Math.min(...shownNonZero, areaMax(regionByCode.get(region), metric) - shownSum, areaMax(table.england, metric));
      if (!Number.isFinite(upper)) upper = 100_000;
      for (const council of hidden) {
        const v = net.variable(`${metric} of ${council.code}`, IntSet.range(1, Math.max(1, upper)));
        if (upper < 1) inconsistencies.push(`${metric} of ${council.code}: suppressed but the totals leave no room for 1`);
        leaves.set(`${metric}:${council.code}`, v);
        leafCells.push({ council, metric, v });
      }
    }
  }
  const valueOf = (council: PublishedCouncil, metric: Metric): Var | number | null => {
    const leaf = leaves.get(`${metric}:${council.code}`);
    if (leaf) return leaf;
    return shown(councilCell(council, metric));
  };

  /** A sum node over councils: its variable, built from known values and leaves. */
  const sumNode = (name: string, kind: AttackKind, councils: PublishedCouncil[], metric: Metric): Var | null => {
    let constant = 0;
    const terms: Var[] = [];
    for (const council of councils) {
      const v = valueOf(council, metric);
      if (v === null) return null; // a council with no figure: the sum is not determined
      if (typeof v === 'number') constant += v;
      else terms.push(v);
    }
    const upper = constant + terms.reduce((s, t) => s + t.dom.max, 0);
    const node = net.variable(name, IntSet.range(constant + terms.length, upper));
    net.sum(name, kind, node, terms, constant);
    return node;
  };

  const claAvailable = (c: PublishedCouncil) => c.childrenLookedAfter.status === 'OK' && c.childrenLookedAfter.value !== null;

  // Unless the rules are given, detect the old-rule leaks the table proves: a region rate or ratio
  // that its rounded counts cannot give (regions where every council has a public denominator, so
  // the rate's numerator is the published count).
  let ratesFromRounded: boolean | null = rules.areaFiguresFromRounded ?? null;
  let ratiosFromRounded: boolean | null = rules.areaFiguresFromRounded ?? null;
  for (const area of rules.areaFiguresFromRounded === undefined ? table.regions : []) {
    const rate = shown(area.coverageRate);
    const matched = shown(area.childrenMatched);
    const cla = shown(area.childrenLookedAfter);
    const everyDenominator = table.councils.filter((c) => c.region === area.code).every(claAvailable);
    if (rate !== null && matched !== null && cla && everyDenominator) {
      if (rateTenths(matched, cla) !== Math.round(rate * 10)) ratesFromRounded = false;
    }
    const ratio = shown(area.volunteersPerWaitingChild);
    const volunteers = shown(area.volunteersAvailable);
    const waiting = shown(area.childrenWaiting) ?? shown(area.waiting);
    if (ratio !== null && volunteers !== null && waiting) {
      if (ratioHundredths(volunteers, waiting) !== Math.round(ratio * 100)) ratiosFromRounded = false;
    }
  }
  modes.areaRates = ratesFromRounded === false;
  modes.areaRatios = ratiosFromRounded === false;

  // Area nodes, per metric: all councils (rounded count) and, for matched, those with a public denominator (rate).
  type AreaNodes = { all: Var | null; available: Var | null };
  const regionNodes = new Map<string, Record<Metric, AreaNodes>>();
  for (const region of regionCodes) {
    const members = table.councils.filter((c) => c.region === region);
    const area = regionByCode.get(region);
    const nodes = {} as Record<Metric, AreaNodes>;
    for (const metric of METRICS) {
      const hasHidden = members.some((c) => isSuppressed(councilCell(c, metric)));
      if (!hasHidden && !kinds.has('difference')) {
        nodes[metric] = { all: null, available: null };
        continue;
      }
      let available: Var | null = null;
      let all: Var | null = null;
      if (metric === 'childrenMatched') {
        available = sumNode(`${region} matched (available)`, 'difference', members.filter(claAvailable), metric);
        const rest = members.filter((c) => !claAvailable(c));
        const restNode = sumNode(`${region} matched (no denominator)`, 'difference', rest, metric);
        if (available && restNode) {
          all = net.variable(`${region} matched`, available.dom.plus(restNode.dom));
          net.sum(`${region} matched = available + rest`, 'difference', all, [available, restNode], 0);
        }
      } else {
        all = sumNode(`${region} ${metric}`, 'difference', members, metric);
      }
      if (all && area && kinds.has('difference')) {
        const error = applyAreaCount(net, all, area, metric, zeroIsExact, `${region}`);
        if (error) inconsistencies.push(error);
      }
      nodes[metric] = { all, available };
    }
    regionNodes.set(region, nodes);
  }

  // England: sums of the regions.
  if (kinds.has('difference')) {
    for (const metric of METRICS) {
      const parts = regionCodes.map((r) => regionNodes.get(r)![metric].all);
      if (parts.some((p) => p === null)) continue;
      const cell = areaCell(table.england, metric);
      if (!cell) continue;
      const set = roundingSet(cell, zeroIsExact);
      if (!set) continue;
      const england = net.variable(`England ${metric}`, set);
      net.sum(`England ${metric} = regions`, 'difference', england, parts as Var[], 0);
      const error = applyAreaCount(net, england, table.england, metric, zeroIsExact, 'England');
      if (error) inconsistencies.push(error);
    }
  }

  // Rates: region and England coverage rates over the public denominators.
  if (kinds.has('rate') && ratesFromRounded !== null) {
    const rateOn = (node: Var, area: PublishedArea, where: string) => {
      const cla = shown(area.childrenLookedAfter);
      if (!cla) return;
      let keep: ((n: number) => boolean) | null = null;
      if (area.coverageRate.status === 'LOW' && ratesFromRounded) keep = (n) => n >= 1 && n <= 4;
      const rate = shown(area.coverageRate);
      if (rate !== null) {
        const tenths = Math.round(rate * 10);
        // From rounded counts, the rate is of round(n) (`low` for 1..4, which gives a `low` rate).
        keep = ratesFromRounded ? (n) => (n === 0 || n >= 5) && rateTenths(roundToTen(n), cla) === tenths : (n) => rateTenths(n, cla) === tenths;
      }
      if (!keep) return;
      const error = net.narrow(node, node.dom.filter(keep), `${where} coverage rate ${rate ?? area.coverageRate.status}`);
      if (error) inconsistencies.push(error);
    };
    const availableParts: Var[] = [];
    for (const region of regionCodes) {
      const node =
        regionNodes.get(region)!.childrenMatched.available ??
        sumNode(
          `${region} matched (available)`,
          'rate',
          table.councils.filter((c) => c.region === region && claAvailable(c)),
          'childrenMatched',
        );
      if (!node) continue;
      availableParts.push(node);
      const area = regionByCode.get(region);
      if (area) rateOn(node, area, region);
    }
    if (availableParts.length === regionCodes.length) {
      const england = net.variable(
        'England matched (available)',
        availableParts.reduce((acc, p) => acc.plus(p.dom), IntSet.range(0, 0)),
      );
      net.sum('England matched (available) = regions', 'rate', england, availableParts, 0);
      rateOn(england, table.england, 'England');
    }
  }

  // Ratios: region volunteers per waiting child, on the pair of region counts.
  if (kinds.has('ratio') && ratiosFromRounded !== null) {
    for (const region of regionCodes) {
      const area = regionByCode.get(region);
      const ratio = area ? shown(area.volunteersPerWaitingChild) : null;
      const status = area?.volunteersPerWaitingChild?.status;
      if (!area || (ratio === null && status !== 'SUPPRESSED' && status !== 'LOW')) continue;
      const nodes = regionNodes.get(region)!;
      const volunteers =
        nodes.volunteersAvailable.all ??
        sumNode(
          `${region} volunteersAvailable`,
          'ratio',
          table.councils.filter((c) => c.region === region),
          'volunteersAvailable',
        );
      const waiting =
        nodes.waiting.all ??
        sumNode(
          `${region} waiting`,
          'ratio',
          table.councils.filter((c) => c.region === region),
          'waiting',
        );
      if (!volunteers || !waiting) continue;
      const small = (n: number) => n >= 1 && n <= 4;
      if ((status === 'SUPPRESSED' && !ratiosFromRounded) || (status === 'LOW' && ratiosFromRounded)) {
        // Old rules: a region ratio is suppressed when either count is 1 to 4; new: `low` then.
        net.pair(`${region} ratio ${status}`, 'ratio', volunteers, waiting, (v, w) => w > 0 && (small(v) || small(w)));
      }
      if (ratio === null) continue;
      const hundredths = Math.round(ratio * 100);
      const fits = ratiosFromRounded
        ? (v: number, w: number) => w >= 5 && !small(v) && ratioHundredths(roundToTen(v), roundToTen(w)) === hundredths
        : (v: number, w: number) => w > 0 && ratioHundredths(v, w) === hundredths;
      net.pair(`${region} volunteers per waiting child ${ratio}`, 'ratio', volunteers, waiting, fits);
    }
  }

  // Ranks: gaps between published ranks place the hidden councils' rates in bands.
  if (kinds.has('rank') && rules.ranksAmongPublished !== true) {
    const hidden = table.councils.filter(
      (c) => isSuppressed(c.coverageRate) && claAvailable(c) && c.childrenLookedAfter.value! > 0 && leaves.has(`childrenMatched:${c.code}`),
    );
    let bands = rankBands(table.councils, hidden.length);
    if (bands === null && rules.ranksAmongPublished === false && hidden.length > 0) {
      // Ranks among all rates without a gap: every hidden council ranks at or below the last published.
      const lowest = table.councils.filter((c) => c.rank !== null && shown(c.coverageRate) !== null).map((c) => Math.round(c.coverageRate.value! * 10));
      if (lowest.length) bands = { cuts: [Math.min(...lowest)], counts: [0, hidden.length] };
    }
    if (typeof bands === 'string') inconsistencies.push(bands);
    else if (bands) {
      modes.ranksAmongAll = true;
      const vars = hidden.map((c) => leaves.get(`childrenMatched:${c.code}`)!);
      net.custom({
        name: 'rank gaps',
        kind: 'rank',
        vars,
        run: () => {
          const allowed = hidden.map((c, i) => new Set(vars[i].dom.values().map((k) => bandOf(rateTenths(k, c.childrenLookedAfter.value!), bands.cuts))));
          const feasible = feasibleBands(allowed, bands.counts);
          if (!feasible) return 'no assignment of hidden councils to the rank gaps';
          for (let i = 0; i < hidden.length; i += 1) {
            const cla = hidden[i].childrenLookedAfter.value!;
            const error = net.narrow(
              vars[i],
              vars[i].dom.filter((k) => feasible[i].has(bandOf(rateTenths(k, cla), bands.cuts))),
              'rank gaps',
            );
            if (error) return error;
          }
          return null;
        },
      });
    }
  }

  const error = net.fixpoint();
  if (error) inconsistencies.push(error);

  const cells: Deduction[] = leafCells.map(({ council, metric, v }) => {
    const lo = v.dom.min;
    const hi = v.dom.max;
    return {
      table: table.label,
      council: council.code,
      region: council.region,
      metric,
      lo,
      hi,
      size: v.dom.size,
      recovered: lo === hi,
      belowRequirement: hi - lo + 1 < 5 || hi < 5,
    };
  });
  return { cells, inconsistencies, modes };
}

/** Unary knowledge about an area count from its published cells and statuses. */
function applyAreaCount(net: Network, node: Var, area: PublishedArea, metric: Metric, zeroIsExact: boolean, where: string): string | null {
  const cells: (Cell | undefined)[] = [areaCell(area, metric)];
  if (metric === 'waiting') cells.push(area.childrenWaiting);
  for (const cell of cells) {
    const set = roundingSet(cell, zeroIsExact);
    if (set) {
      const error = net.narrow(node, set, `${where} ${metric} published ${cell!.status === 'OK' ? cell!.value : cell!.status}`);
      if (error) return error;
    }
  }
  if (metric === 'waiting') {
    // Statuses that betray the size. Pooled waits: null when nobody waits (either rules), and in
    // the old rules (no `low`, so a published 0 may be 1..4) suppressed over one to four children.
    const median = area.medianWaitDays;
    if (median?.status === 'NOT_APPLICABLE') {
      const error = net.narrow(node, IntSet.range(0, 0), `${where} median wait not applicable`);
      if (error) return error;
    }
    if (median?.status === 'SUPPRESSED' && !zeroIsExact) {
      const error = net.narrow(node, IntSet.range(1, 4), `${where} median wait suppressed`);
      if (error) return error;
    }
    if (median?.status === 'OK') {
      const error = net.narrow(
        node,
        node.dom.filter((n) => n > 0),
        `${where} median wait shown`,
      );
      if (error) return error;
    }
    if (area.volunteersPerWaitingChild?.status === 'NOT_APPLICABLE') {
      const error = net.narrow(node, IntSet.range(0, 0), `${where} ratio not applicable`);
      if (error) return error;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Parsing the public outputs

/** RFC 4180 CSV into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const SYMBOLS: Record<string, Status> = { c: 'SUPPRESSED', z: 'NOT_APPLICABLE', x: 'NOT_AVAILABLE', low: 'LOW' };

/** A CSV cell as a figure: a number, or one of the DfE symbols. Blank is reported as NOT_APPLICABLE. */
export function csvCell(text: string): Cell {
  if (text in SYMBOLS) return { value: null, status: SYMBOLS[text] };
  if (text === '') return { value: null, status: 'NOT_APPLICABLE' };
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`not a figure: ${JSON.stringify(text)}`);
  return { value, status: 'OK' };
}

export type CsvRow = Record<string, string>;

export function csvRecords(text: string): CsvRow[] {
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1 || r[0] !== '');
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

type GraphqlFigure = { value: number | null; status: string };
type GraphqlPool = { volunteersAvailable: GraphqlFigure; childrenWaiting: GraphqlFigure; volunteersPerWaitingChild: GraphqlFigure } | null;
export type GraphqlComparison = {
  england: Record<string, GraphqlFigure | boolean | null>;
  regions: { regionCode: string; figures: Record<string, GraphqlFigure | boolean | null>; volunteerPool: GraphqlPool }[];
  councils: {
    localAuthority: { code: string; regionCode: string };
    rank: number | null;
    quartile: number | null;
    figures: Record<string, GraphqlFigure | boolean | null>;
    volunteerPool: GraphqlPool;
  }[];
};

const fig = (f: GraphqlFigure | undefined): Cell | undefined => (f ? { value: f.value, status: f.status as Status } : undefined);

/**
 * The published table the intruder works on: the figures from the CSV, the volunteer pools from
 * GraphQL (the CSV has none).
 */
export function publishedTable(label: string, csv: string, graphql: GraphqlComparison): PublishedTable {
  const records = csvRecords(csv);
  const poolsByCouncil = new Map(graphql.councils.map((c) => [c.localAuthority.code, c.volunteerPool]));
  const poolsByRegion = new Map(graphql.regions.map((r) => [r.regionCode, r.volunteerPool]));
  const area = (r: CsvRow, code: string, pool: GraphqlPool | undefined): PublishedArea => ({
    code,
    childrenLookedAfter: csvCell(r.children_looked_after),
    childrenMatched: csvCell(r.children_matched),
    coverageRate: csvCell(r.coverage_rate),
    waiting: csvCell(r.waiting),
    medianWaitDays: csvCell(r.median_wait_days),
    volunteersAvailable: fig(pool?.volunteersAvailable),
    childrenWaiting: fig(pool?.childrenWaiting),
    volunteersPerWaitingChild: fig(pool?.volunteersPerWaitingChild),
  });
  const englandRow = records.find((r) => r.geographic_level === 'National');
  if (!englandRow) throw new Error(`${label}: no National row`);
  const regions = records.filter((r) => r.geographic_level === 'Regional').map((r) => area(r, r.region_code, poolsByRegion.get(r.region_code)));
  const councils = records
    .filter((r) => r.geographic_level === 'Local authority')
    .map((r): PublishedCouncil => {
      const rank = csvCell(r.rank);
      const quartile = csvCell(r.quartile);
      return {
        code: r.new_la_code,
        region: r.region_code,
        childrenLookedAfter: csvCell(r.children_looked_after),
        childrenMatched: csvCell(r.children_matched),
        coverageRate: csvCell(r.coverage_rate),
        waiting: csvCell(r.waiting),
        rank: rank.status === 'OK' ? rank.value : null,
        quartile: quartile.status === 'OK' ? quartile.value : null,
        volunteersAvailable: fig(poolsByCouncil.get(r.new_la_code)?.volunteersAvailable),
      };
    });
  return { label, councils, regions, england: area(englandRow, 'E92000001', undefined) };
}

/** Where the CSV and GraphQL disagree on a council, region or England figure (value, or status vs symbol). */
export function csvGraphqlDifferences(csv: string, graphql: GraphqlComparison): string[] {
  const records = csvRecords(csv);
  const differences: string[] = [];
  const FIELDS: [string, string][] = [
    ['childrenLookedAfter', 'children_looked_after'],
    ['childrenMatched', 'children_matched'],
    ['coverageRate', 'coverage_rate'],
    ['waiting', 'waiting'],
    ['medianWaitDays', 'median_wait_days'],
    ['p90WaitDays', 'p90_wait_days'],
  ];
  const compare = (where: string, row: CsvRow | undefined, figures: Record<string, GraphqlFigure | boolean | null>) => {
    if (!row) {
      differences.push(`${where}: in GraphQL, not in the CSV`);
      return;
    }
    for (const [field, column] of FIELDS) {
      const g = figures[field] as GraphqlFigure;
      const c = csvCell(row[column]);
      const same = g.status === c.status && (g.status !== 'OK' || Number(g.value) === c.value);
      if (!same) differences.push(`${where} ${field}: GraphQL ${g.status} ${g.value}, CSV ${JSON.stringify(row[column])}`);
    }
    const has = figures.hasWaitingList;
    const csvHas = row.has_waiting_list;
    const expected = has === null ? 'x' : String(has);
    if (csvHas !== expected && !(has === null && ['c', 'z', 'x'].includes(csvHas)))
      differences.push(`${where} hasWaitingList: GraphQL ${has}, CSV ${JSON.stringify(csvHas)}`);
  };
  const england = records.find((r) => r.geographic_level === 'National');
  compare('England', england, graphql.england);
  const regionRows = new Map(records.filter((r) => r.geographic_level === 'Regional').map((r) => [r.region_code, r]));
  for (const region of graphql.regions) compare(region.regionCode, regionRows.get(region.regionCode), region.figures);
  const councilRows = new Map(records.filter((r) => r.geographic_level === 'Local authority').map((r) => [r.new_la_code, r]));
  for (const council of graphql.councils) {
    const code = council.localAuthority.code;
    const row = councilRows.get(code);
    compare(code, row, council.figures);
    if (!row) continue;
    if (row.region_code !== council.localAuthority.regionCode)
      differences.push(`${code} region: GraphQL ${council.localAuthority.regionCode}, CSV ${row.region_code}`);
    for (const [field, column] of [
      ['rank', 'rank'],
      ['quartile', 'quartile'],
    ] as const) {
      const g = council[field];
      const c = csvCell(row[column]);
      const same = g === null ? c.status !== 'OK' : c.status === 'OK' && c.value === g;
      if (!same) differences.push(`${code} ${field}: GraphQL ${g}, CSV ${JSON.stringify(row[column])}`);
    }
  }
  if (councilRows.size !== graphql.councils.length) differences.push(`CSV has ${councilRows.size} councils, GraphQL ${graphql.councils.length}`);
  if (regionRows.size !== graphql.regions.length) differences.push(`CSV has ${regionRows.size} regions, GraphQL ${graphql.regions.length}`);
  return differences;
}
