import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/viewer';
import type { Context } from '../graphql/context';
import { audienceOf } from './disclosure';
import { refreshGenerationOf } from './generation';

/**
 * Answers for the national views, kept until the next refresh.
 *
 * Every figure of councilComparison and coverageTimeSeries comes from the rollups, which change
 * only when a refresh writes them; and what a caller sees depends only on their audience (full or
 * disclosure-controlled figures), never on who they are otherwise. So on publication day, when
 * every council opens the same comparison, the first request computes it and the rest get the
 * same answer. Answers are keyed by the number of the latest refresh run (read at most once a
 * second). Every model built, skipped or failed and every data test records a run, so any
 * refresh, in any process, moves that number and retires the answers cached before it.
 *
 * Only operations whose every root field is a national view are cached; an answer with any error
 * is never stored. The key holds the refresh generation, the audience, the query text, the
 * operation name and the variables, so two different questions can never share an answer.
 */

/** Root fields whose answers depend only on the rollups, the arguments and the caller's audience. */
const NATIONAL_VIEWS = new Set(['councilComparison', 'coverageTimeSeries', 'areaTimeSeries', 'reportingDates', '__typename']);

/** Whether every root selection of the operation is a national view (fragments at the root: not cached, for simplicity). */
export function isNationalViewOperation(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation !== 'query') return false;
  const selections = operation.selectionSet.selections;
  return selections.length > 0 && selections.every((selection) => selection.kind === 'Field' && NATIONAL_VIEWS.has(selection.name.value));
}

/**
 * How long a request waits for the same question already being answered by another request before
 * answering it itself: longer than a comparison takes, shorter than a client's patience.
 */
export const SHARED_ANSWER_WAIT_MS = 15_000;

export type NationalViewCache = {
  plugin: ApolloServerPlugin<Context>;
  /**
   * The stored answer, byte for byte as Apollo would send it, for an HTTP request that repeats one
   * already answered (same query text, operation, variables and audience, same refresh), or null.
   * Only query texts that were once answered as national views are looked up, so other requests
   * never pay for the generation read.
   */
  answerFor: (db: DataSource, principal: Principal | null, request: { query: unknown; operationName?: unknown; variables?: unknown }) => Promise<Buffer | null>;
  /**
   * The number of the latest refresh run, as the cache keys answers by it (read at most once a
   * second, at once after a refresh in this process): the HTTP validators (ETag) use the same one.
   */
  generation: (db: DataSource) => Promise<string>;
  /** Answers held now; for tests. */
  size: () => number;
};

/** `maxBytes` bounds the memory held (the length of the stored answers); 0 turns the cache off. */
export function createNationalViewCache(maxBytes: number): NationalViewCache {
  // Stored as the bytes Apollo sends (its JSON plus a newline), so an HTTP hit is one write.
  const answers = new LRUCache<string, Buffer>({ maxSize: Math.max(maxBytes, 1), sizeCalculation: (body) => Math.max(body.length, 1) });
  // Query texts once answered as national views; other texts skip the look-up entirely.
  const nationalQueries = new LRUCache<string, true>({ max: 1000 });
  // The key of each request being answered, decided before execution and used to store after it.
  const keys = new WeakMap<object, string>();
  // Answers being computed now, by key. A request asking the same question waits for the first
  // instead of computing it again: after a refresh every viewer's first question misses the cache
  // at once, and without this each would hold a pooled connection for the same seconds of work.
  type Pending = { answer: Promise<Buffer | null>; settle: (answer: Buffer | null) => void };
  const inFlight = new Map<string, Pending>();
  const settle = (key: string, answer: Buffer | null, only?: Pending) => {
    const pending = inFlight.get(key);
    if (!pending || (only && pending !== only)) return;
    inFlight.delete(key);
    pending.settle(answer);
  };

  const keyFor = async (db: DataSource, principal: Principal | null, query: string, operationName: unknown, variables: unknown): Promise<string | null> => {
    let generation: string;
    try {
      generation = await refreshGenerationOf(db);
    } catch {
      // Without a generation nothing can be trusted from the cache; answer it the long way.
      return null;
    }
    const key = JSON.stringify([generation, audienceOf(principal), query, operationName ?? null, variables ?? {}]);
    return createHash('sha256').update(key).digest('base64url');
  };

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          if (maxBytes === 0 || !isNationalViewOperation(requestContext.operation)) return null;
          const { contextValue, request, source } = requestContext;
          const key = await keyFor(contextValue.db, contextValue.principal, source, request.operationName, request.variables);
          if (!key) return null;
          const answered = (bytes: Buffer) => ({
            http: requestContext.response.http,
            body: { kind: 'single' as const, singleResult: JSON.parse(bytes.toString('utf8')) },
          });
          const cached = answers.get(key);
          if (cached) return answered(cached);
          const pending = inFlight.get(key);
          if (pending) {
            // The same question is being answered now: take that answer. If it failed (an answer
            // with errors is never shared) or took too long, answer it the long way.
            const shared = await pending.answer;
            if (shared) return answered(shared);
            return null;
          }
          let resolve: (answer: Buffer | null) => void = () => undefined;
          const answer = new Promise<Buffer | null>((done) => {
            resolve = done;
          });
          const entry = { answer, settle: resolve };
          inFlight.set(key, entry);
          // Should the first request never reach willSendResponse, the others stop waiting.
          setTimeout(() => settle(key, null, entry), SHARED_ANSWER_WAIT_MS).unref();
          keys.set(contextValue, key);
          return null;
        },
        async willSendResponse(requestContext) {
          const key = keys.get(requestContext.contextValue);
          if (!key) return;
          const { body } = requestContext.response;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) {
            settle(key, null);
            return;
          }
          const bytes = Buffer.from(`${JSON.stringify({ data: body.singleResult.data })}\n`);
          answers.set(key, bytes);
          nationalQueries.set(requestContext.source, true);
          settle(key, bytes);
        },
      };
    },
  };

  const answerFor: NationalViewCache['answerFor'] = async (db, principal, { query, operationName, variables }) => {
    if (maxBytes === 0 || typeof query !== 'string' || !nationalQueries.has(query)) return null;
    const key = await keyFor(db, principal, query, operationName, variables);
    return key ? (answers.get(key) ?? null) : null;
  };

  return { plugin, answerFor, generation: refreshGenerationOf, size: () => answers.size };
}
