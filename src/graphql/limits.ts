import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './relay';

/**
 * Guards against hostile queries, every limit set by configuration and named with its value
 * when it rejects: depth, aliases, tokens and directives by graphql-armor; cost by
 * graphql-query-complexity, where a connection costs its page size (`first`) times what each
 * item selects, so asking for 100 referrals each with 100 of something costs what it would.
 */

/** Connections (fields returning `XxxConnection`) multiply their selection by `first`. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const typeName = String(field.type).replace(/[[\]!]/g, '');
  if (!typeName.endsWith('Connection')) return undefined;
  // An out-of-range `first` is refused by the resolver with its own clear message; cap it here.
  const first = typeof args.first === 'number' && args.first > 0 ? Math.min(args.first, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + first * Math.max(childComplexity, 1);
};

export function queryCostPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  // The cost depends only on the query text, operation and variables; dashboards send the same
  // few over and over, so each is walked once.
  const costs = new LRUCache<string, number>({ max: 2000 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, queryHash }) {
          const key = `${queryHash}|${request.operationName ?? ''}|${JSON.stringify(request.variables ?? {})}`;
          let cost = costs.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables: request.variables ?? {},
                estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Variables that do not fit their types: execution rejects them next, with
              // BAD_USER_INPUT and a message naming the variable.
              return;
            }
            if (key.length <= 10_000) costs.set(key, cost);
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${maxCost} (MAX_QUERY_COST). A connection costs its \`first\` times what each item selects: ask for smaller pages or fewer nested fields.`,
              { extensions: { code: 'QUERY_TOO_COSTLY', limit: maxCost, cost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

export function armor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.maxQueryDepth, exposeLimits: true, flattenFragments: true },
    maxAliases: { n: config.maxAliases, exposeLimits: true },
    maxTokens: { n: config.maxTokens, exposeLimits: true },
    maxDirectives: { n: 10, exposeLimits: true },
    // Cost is ours (connections weighted by `first`), not armor's generic one.
    costLimit: { enabled: false },
    // Field suggestions ("did you mean ...") would help map the schema when introspection is off.
    blockFieldSuggestion: { enabled: config.nodeEnv === 'production' },
  }).protect();
}
