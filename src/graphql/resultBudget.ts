import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { defaultFieldResolver, getNamedType, getNullableType, GraphQLError, GraphQLSchema, isLeafType, isListType, isObjectType } from 'graphql';
import { currentStatementTally, type StatementTally } from '../database/statementCounter';

/**
 * Hard caps enforced while a request runs, for what the cost estimate cannot promise (a match
 * with more visits than its list size says, a council with a longer waiting list): every item of
 * every list of objects in the answer is counted against MAX_RESULT_NODES, and the serialised
 * answer against MAX_RESPONSE_BYTES. Past either, the request answers 400 with one error naming
 * the limit and its setting, and no partial data: a truncated answer would look complete.
 */

export const RESULT_TOO_LARGE = 'RESULT_TOO_LARGE';

/** Items of lists of objects counted so far in one request. */
export class ResultBudget {
  nodes = 0;
  /** Set once the cap is passed; every list resolved afterwards fails at once with it. */
  exceeded: GraphQLError | null = null;

  constructor(readonly maxNodes: number) {}

  count(items: unknown): unknown {
    if (!Array.isArray(items)) return items;
    this.nodes += items.length;
    if (this.nodes > this.maxNodes) {
      this.exceeded ??= new GraphQLError(
        `The answer would hold more than ${this.maxNodes} list items (MAX_RESULT_NODES): ask for smaller pages or fewer nested lists.`,
        { extensions: { code: RESULT_TOO_LARGE, limit: this.maxNodes, setting: 'MAX_RESULT_NODES' } },
      );
      throw this.exceeded;
    }
    return items;
  }
}

type BudgetedContext = { resultBudget?: ResultBudget };

const bounded = new WeakSet<GraphQLSchema>();

/**
 * Wraps the resolver of every list-of-objects field once per schema so it counts its items in
 * the request's budget. Only those fields: a wrapper on every field would cost on every value.
 */
export function countListItems(schema: GraphQLSchema): void {
  if (bounded.has(schema)) return;
  bounded.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: BudgetedContext, info) => {
        const budget = context?.resultBudget;
        if (!budget) return resolve(source, args, context, info);
        if (budget.exceeded) throw budget.exceeded;
        const result = resolve(source, args, context, info);
        return result instanceof Promise ? result.then((items) => budget.count(items)) : budget.count(result);
      };
    }
  }
}

function tooLargeError(message: string, limit: number, setting: string) {
  return { message, extensions: { code: RESULT_TOO_LARGE, limit, setting } };
}

/** Gives each request its budget, and turns a passed cap into a 400 with only that error. */
export function resultBudgetPlugin(maxNodes: number): ApolloServerPlugin<BudgetedContext> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.resultBudget = new ResultBudget(maxNodes);
      return {
        async willSendResponse({ response, contextValue: context }) {
          const exceeded = context.resultBudget?.exceeded;
          if (!exceeded || response.body.kind !== 'single') return;
          response.body.singleResult = { errors: [tooLargeError(exceeded.message, maxNodes, 'MAX_RESULT_NODES')] };
          response.http.status = 400;
        },
      };
    },
  };
}

/** Refuses to send a GraphQL answer longer than MAX_RESPONSE_BYTES, with a 400 naming the limit. */
export function capResponseBytes(maxBytes: number, tallyOf: (req: express.Request) => StatementTally | undefined = () => undefined): express.RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // A string's UTF-8 length is at most three bytes a character: most answers skip the count.
      if (typeof body === 'string' && body.length * 3 > maxBytes && Buffer.byteLength(body) > maxBytes) {
        (tallyOf(req) ?? currentStatementTally())?.errorCodes.push(RESULT_TOO_LARGE);
        res.status(400).type('application/json; charset=utf-8');
        return send(
          JSON.stringify({
            errors: [
              tooLargeError(
                `The answer is larger than the limit of ${maxBytes} bytes (MAX_RESPONSE_BYTES): ask for smaller pages or fewer fields.`,
                maxBytes,
                'MAX_RESPONSE_BYTES',
              ),
            ],
          }),
        );
      }
      return send(body);
    };
    next();
  };
}
