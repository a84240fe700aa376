/** What the clients observed: every request's latency and outcome, counted per operation kind. */

export type RequestOutcome = {
  /** Operation kind, e.g. `waitingList` or `proposeMatch`. */
  kind: string;
  mutation: boolean;
  /** HTTP status, or 0 when no response arrived (connection refused, reset, timed out). */
  status: number;
  latencyMs: number;
  /** Codes of top-level GraphQL errors (`errors[].extensions.code`), including HTTP-level error bodies such as 429. */
  graphqlCodes: string[];
  /** Codes of the mutation payload's `errors` (expected failures). */
  payloadCodes: string[];
  /** Why no response arrived, when status is 0. */
  transportError?: string;
};

/** Codes that mean the server failed (reported in a 200 body by GraphQL, so a 5xx count alone misses them). */
export const SERVER_FAULT_CODES = new Set(['INTERNAL', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'TIMEOUT']);

export type StatsSnapshot = {
  latencies: [string, number[]][];
  statuses: [number, number][];
  graphqlCodes: [string, number][];
  payloadCodes: [string, number][];
  transportErrors: [string, number][];
  faultSamples: string[];
  requests: number;
};

export class Stats {
  readonly latencies = new Map<string, number[]>();
  readonly all: number[] = [];
  readonly graphqlCodes = new Map<string, number>();
  readonly payloadCodes = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  readonly transportErrors = new Map<string, number>();
  /** Up to three distinct messages per GraphQL error code, with the operation, for the report. */
  readonly codeSamples = new Map<string, Set<string>>();
  /** Examples of server faults: kind and message, for the report. */
  readonly faultSamples: string[] = [];
  requests = 0;
  mutations = 0;
  acknowledged = 0;

  sample(code: string, kind: string, message: string): void {
    const samples = this.codeSamples.get(code) ?? new Set<string>();
    if (samples.size < 3) samples.add(`${kind}: ${message.slice(0, 200)}`);
    this.codeSamples.set(code, samples);
  }

  record(outcome: RequestOutcome, faultMessage?: string): void {
    this.requests += 1;
    if (outcome.mutation) this.mutations += 1;
    this.all.push(outcome.latencyMs);
    const list = this.latencies.get(outcome.kind) ?? [];
    list.push(outcome.latencyMs);
    this.latencies.set(outcome.kind, list);
    increment(this.statuses, outcome.status);
    for (const code of outcome.graphqlCodes) increment(this.graphqlCodes, code);
    for (const code of outcome.payloadCodes) increment(this.payloadCodes, code);
    if (outcome.transportError) increment(this.transportErrors, outcome.transportError);
    const fault = outcome.status >= 500 || outcome.graphqlCodes.some((code) => SERVER_FAULT_CODES.has(code));
    if (fault && this.faultSamples.length < 20)
      this.faultSamples.push(`${outcome.kind} (HTTP ${outcome.status}): ${faultMessage ?? outcome.graphqlCodes.join(',')}`);
  }

  count5xx(): number {
    let total = 0;
    for (const [status, count] of this.statuses) if (status >= 500) total += count;
    return total;
  }

  /** What this process observed, to be merged into another process's Stats (viewers run in a worker thread). */
  snapshot(): StatsSnapshot {
    return {
      latencies: [...this.latencies],
      statuses: [...this.statuses],
      graphqlCodes: [...this.graphqlCodes],
      payloadCodes: [...this.payloadCodes],
      transportErrors: [...this.transportErrors],
      faultSamples: this.faultSamples,
      requests: this.requests,
    };
  }

  merge(other: StatsSnapshot): void {
    for (const [kind, samples] of other.latencies) {
      const list = this.latencies.get(kind) ?? [];
      for (const sample of samples) list.push(sample);
      this.latencies.set(kind, list);
      for (const sample of samples) this.all.push(sample);
    }
    for (const [status, count] of other.statuses) increment(this.statuses, status, count);
    for (const [code, count] of other.graphqlCodes) increment(this.graphqlCodes, code, count);
    for (const [code, count] of other.payloadCodes) increment(this.payloadCodes, code, count);
    for (const [error, count] of other.transportErrors) increment(this.transportErrors, error, count);
    this.faultSamples.push(...other.faultSamples.slice(0, Math.max(0, 20 - this.faultSamples.length)));
    this.requests += other.requests;
  }

  countServerFaultCodes(): number {
    let total = 0;
    for (const [code, count] of this.graphqlCodes) if (SERVER_FAULT_CODES.has(code)) total += count;
    return total;
  }

  countTransportErrors(): number {
    return [...this.transportErrors.values()].reduce((sum, count) => sum + count, 0);
  }
}

export function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export type Percentiles = { count: number; p50: number; p90: number; p99: number; max: number };

/** Nearest-rank percentiles of the samples, in milliseconds. */
export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.length - 1] };
}

/** A plain text table with right-aligned numeric columns. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column] ?? '').length)));
  return cells
    .map((row, index) => {
      const line = row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
      return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
    })
    .join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
