import { performance } from 'node:perf_hooks';
import { keyOfGlobalId } from '../../src/graphql/relay';
import type { Ledger, RecordCheck } from './ledger';
import { SERVER_FAULT_CODES, Stats } from './stats';

/** One GraphQL call over real HTTP (keep-alive fetch), timed and counted. */

export type GraphQLErrorBody = { message?: string; extensions?: { code?: string; detail?: string } };
export type UserError = { code: string; field?: string[] | null; message: string };

export type CallResult<T> = {
  status: number;
  data: T | null;
  errors: GraphQLErrorBody[];
};

export type MutationResult<P> = {
  /** The payload when the call returned one (even with payload errors). */
  payload: P | null;
  /** Payload error codes; empty when acknowledged. */
  codes: string[];
  acknowledged: boolean;
};

/** The longest a request may take before the client gives up (it is then a transport error). */
const REQUEST_TIMEOUT_MS = 60_000;

/** Thrown instead of sending a request once the run's time is up (requests already sent finish). */
export class Stopped extends Error {}

/** Open while the clients may send; closed when the time is up. */
export type Gate = { open: boolean };

/**
 * Calls not yet finished, ledger entry included. A step that sends requests together can end at
 * the first that is refused because the time is up, while the others are still on their way: the
 * checks wait for those, or an acknowledgement could arrive after its record was looked up.
 */
const inFlight = new Set<Promise<unknown>>();

function tracked<T>(work: Promise<T>): Promise<T> {
  inFlight.add(work);
  return work.finally(() => inFlight.delete(work));
}

/** Resolves once every call sent has been answered and recorded. */
export async function allAnswered(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

export class GraphQLClient {
  constructor(
    readonly label: string,
    private readonly url: string,
    private readonly token: string | null,
    private readonly stats: Stats,
    private readonly ledger: Ledger,
    private readonly gate: Gate,
    /** X-Forwarded-For: this client's own address, for a server that trusts its proxy (TRUST_PROXY). */
    private readonly forwardedFor: string | null = null,
  ) {}

  get anonymous(): boolean {
    return this.token === null;
  }

  /** Runs an operation; `kind` names it in the latency table. Never throws for server answers. */
  call<T>(kind: string, query: string, variables: Record<string, unknown> = {}, mutation = false, payloadField?: string): Promise<CallResult<T>> {
    if (!this.gate.open) return Promise.reject(new Stopped('time is up'));
    return tracked(this.send<T>(kind, query, variables, mutation, payloadField));
  }

  private async send<T>(kind: string, query: string, variables: Record<string, unknown>, mutation: boolean, payloadField?: string): Promise<CallResult<T>> {
    const started = performance.now();
    let status = 0;
    let body: { data?: T | null; errors?: GraphQLErrorBody[] } | null = null;
    let transportError: string | undefined;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ query, variables, operationName: kind }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = { errors: [{ message: `non-JSON body: ${text.slice(0, 120)}`, extensions: { code: 'NON_JSON_BODY' } }] };
      }
    } catch (error) {
      status = 0;
      transportError =
        error instanceof Error ? `${error.name}: ${String((error as { cause?: { code?: string } }).cause?.code ?? error.message)}` : String(error);
    }
    const latencyMs = performance.now() - started;
    const errors = body?.errors ?? [];
    const data = body?.data ?? null;
    const payload = payloadField && data ? (data as Record<string, { errors?: UserError[] } | null>)[payloadField] : null;
    for (const error of errors) this.stats.sample(String(error.extensions?.code ?? 'NO_CODE'), kind, error.message ?? '');
    const fault = errors.find((error) => SERVER_FAULT_CODES.has(String(error.extensions?.code)));
    this.stats.record(
      {
        kind,
        mutation,
        status,
        latencyMs,
        graphqlCodes: errors.map((error) => String(error.extensions?.code ?? 'NO_CODE')),
        payloadCodes: (payload?.errors ?? []).map((error) => error.code),
        transportError,
      },
      fault ? `${fault.extensions?.code}: ${fault.extensions?.detail ?? fault.message ?? ''}`.slice(0, 300) : undefined,
    );
    return { status, data, errors };
  }

  private headers(base: Record<string, string>): Record<string, string> {
    if (this.token) base.authorization = `Bearer ${this.token}`;
    if (this.forwardedFor) base['x-forwarded-for'] = this.forwardedFor;
    return base;
  }

  /** GETs a file next to the GraphQL endpoint (`/reports/...`), timed and counted as `kind`; its status and length. */
  download(kind: string, pathName: string): Promise<{ status: number; bytes: number }> {
    if (!this.gate.open) return Promise.reject(new Stopped('time is up'));
    return tracked(this.get(kind, pathName));
  }

  private async get(kind: string, pathName: string): Promise<{ status: number; bytes: number }> {
    const started = performance.now();
    let status = 0;
    let bytes = 0;
    let transportError: string | undefined;
    const codes: string[] = [];
    try {
      const response = await fetch(new URL(pathName, this.url), { headers: this.headers({}), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      status = response.status;
      const body = await response.arrayBuffer();
      bytes = body.byteLength;
      if (status !== 200) codes.push(status === 429 ? 'RATE_LIMITED' : `HTTP_${status}`);
    } catch (error) {
      status = 0;
      transportError =
        error instanceof Error ? `${error.name}: ${String((error as { cause?: { code?: string } }).cause?.code ?? error.message)}` : String(error);
    }
    this.stats.record({ kind, mutation: false, status, latencyMs: performance.now() - started, graphqlCodes: codes, payloadCodes: [], transportError });
    return { status, bytes };
  }

  /**
   * Runs a mutation whose payload is `data[field]`; when acknowledged, `records` names what it
   * vouched for (the first is the record its audit event names) and the ledger keeps it.
   */
  mutate<P extends { errors: UserError[] }>(
    field: string,
    query: string,
    input: Record<string, unknown>,
    records: (payload: P) => RecordCheck[],
  ): Promise<MutationResult<P>> {
    if (!this.gate.open) return Promise.reject(new Stopped('time is up'));
    return tracked(this.acknowledge(field, query, input, records));
  }

  private async acknowledge<P extends { errors: UserError[] }>(
    field: string,
    query: string,
    input: Record<string, unknown>,
    records: (payload: P) => RecordCheck[],
  ): Promise<MutationResult<P>> {
    const result = await this.call<Record<string, P>>(field, query, { input }, true, field);
    const payload = result.data?.[field] ?? null;
    const acknowledged = result.status === 200 && result.errors.length === 0 && payload !== null && payload.errors.length === 0;
    if (acknowledged) {
      const [audited, ...also] = records(payload);
      this.ledger.add(field, this.label, audited, also, typeof input.idempotencyKey === 'string' ? input.idempotencyKey : undefined);
      this.stats.acknowledged += 1;
    }
    return { payload, codes: payload?.errors.map((error) => error.code) ?? [], acknowledged };
  }
}

/** The UUID behind a global ID (throws if the server returned something else). */
export function keyOf(id: string, type: string): string {
  const key = keyOfGlobalId(id, type);
  if (!key) throw new Error(`Expected a ${type} global ID, got ${JSON.stringify(id)}`);
  return key;
}
