import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DocumentNode, getNamedType, getNullableType, GraphQLError, GraphQLField, GraphQLSchema, isLeafType, isListType } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './relay';

/**
 * Guards against hostile queries, every limit set by configuration and named with its value
 * when it rejects: depth, aliases, tokens and directives by graphql-armor; cost by
 * graphql-query-complexity, where every list multiplies what each item selects by how many items
 * it can hold: a connection by its `first`, a plain list by its declared size below. So asking for
 * 100 councils each with their neighbours' neighbours costs what it would, before anything runs.
 * What estimates cannot promise, execution enforces (src/graphql/resultBudget.ts).
 */

/**
 * How many items each plain list (a list field that is not a connection's `edges`) holds at
 * most, or is expected to hold where the data sets no hard maximum. A list of objects missing
 * here costs DEFAULT_LIST_SIZE, and a test fails until it is declared. Where an estimate is
 * exceeded in real data, MAX_RESULT_NODES still stops the request.
 */
export const LIST_SIZES: Record<string, number | ((args: Record<string, unknown>) => number)> = {
  // The Department for Education's model names exactly ten neighbours per council.
  'LocalAuthority.statisticalNeighbours': 10,
  // 153 councils in England today, nine regions; room for a boundary change.
  'CouncilComparison.councils': 160,
  'CouncilComparison.regions': 9,
  // One point per month end; the range may span at most 10 calendar years (11 years of months).
  'Query.coverageTimeSeries': 132,
  // One point per month end from `from` to `to`, by default every month end the reports hold: they
  // start on 31 March 2021 (69 month ends at the end of 2026, 132 in 2032). An estimate past then;
  // MAX_RESULT_NODES stops an answer beyond it.
  'Query.areaTimeSeries': 132,
  // One run per reporting model, data test and the disclosure audit's step and tables (20 + 15 + 3 today).
  'Query.reportingFreshness': 50,
  'RefreshReportsPayload.runs': 50,
  // One entry per protected council count (six today: three for coverage and the pool, three for the insights' referrals).
  'DisclosureAudit.metrics': 8,
  // every referral source and every match end reason, always all of them
  'PeriodActivity.referralsBySource': 8,
  'PeriodActivity.endingsByReason': 6,
  'Query.suggestedVolunteers': (args) => pageArgument(args.first),
  // A council's waiting list for one service: an estimate, the list has no hard maximum.
  'MatchingPlan.pairs': 200,
  'MatchingPlan.unmatched': 200,
  // One per soft factor (MatchFactorName has six values).
  'MatchSuggestion.factors': 8,
  'PlannedPair.factors': 8,
  // Relations with no hard maximum: estimates. A child has at most one open referral per service
  // (two services) besides closed ones; a referral at most one open match besides ended or
  // cancelled ones; a match about five years of monthly visits. Tight enough that a child's page
  // with every referral, match and visit (5 x 3 x 60) stays affordable.
  'Child.referrals': 5,
  'Referral.matches': 3,
  'Match.visits': 60,
  // A regional charity is commissioned by a few councils for one or two services; a national
  // network by more. 20 keeps an admin's page of 50 providers with their commissions affordable.
  'Provider.commissions': 20,
  // At most 10 targets per area (MAX_TARGETS_PER_AREA, enforced by setTarget). Without an area the
  // list has no bound below 10 x 163 areas: an estimate of national, regional and a share of
  // councils' targets, with MAX_RESULT_NODES stopping an answer past it.
  'Query.targets': (args) => (typeof args.areaCode === 'string' ? 10 : 200),
  // A council commissions a handful of providers per service; with past and future commissions
  // over the years, 30 is a generous estimate.
  'LocalAuthority.commissions': 30,
  // One entry per hard constraint (HardConstraint has seven values).
  'Query.suggestionExclusions': 8,
  'UnmatchedReferral.exclusions': 8,
};

/** Cost of a list of objects nobody declared a size for. */
export const DEFAULT_LIST_SIZE = DEFAULT_PAGE_SIZE;

/** A payload's `errors`: one per input field at most, a handful in practice. */
const USER_ERRORS_SIZE = 5;

/** `first` as the resolver will use it: an out-of-range value is refused there with its own message. */
function pageArgument(first: unknown): number {
  return typeof first === 'number' && first > 0 ? Math.min(first, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

/** The declared item count of a list field of objects, or undefined for any other field. */
export function listSize(parentType: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  const nullable = getNullableType(field.type);
  if (!isListType(nullable) || isLeafType(getNamedType(field.type))) return undefined;
  // A connection's edges are counted at the connection, by its `first`.
  if (field.name === 'edges' && parentType.endsWith('Connection')) return 1;
  if (field.name === 'errors' && getNamedType(field.type).name === 'UserError') return USER_ERRORS_SIZE;
  const declared = LIST_SIZES[`${parentType}.${field.name}`];
  if (declared === undefined) return DEFAULT_LIST_SIZE;
  return typeof declared === 'function' ? declared(args) : declared;
}

/** Connections (fields returning `XxxConnection`) multiply their selection by `first`; plain lists by their size. */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const typeName = getNamedType(field.type).name;
  if (typeName.endsWith('Connection')) return 1 + pageArgument(args.first) * Math.max(childComplexity, 1);
  const size = listSize(type.name, field, args);
  if (size === undefined) return undefined;
  return 1 + size * Math.max(childComplexity, 1);
};

/** Selections the cost walk visits before giving up (fragments spread many times multiply them). */
const MAX_COST_WALK_NODES = 20_000;

/** The cost of an operation as the limit sees it (throws on bad variables or a runaway fragment expansion). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    maxQueryNodes: MAX_COST_WALK_NODES,
  });
}

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
              cost = queryCost(schema, document, request.variables ?? {}, request.operationName ?? undefined);
            } catch (error) {
              // Fragments spread inside fragments can multiply a short text into millions of
              // selections: refused, never let through uncosted.
              if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
                throw new GraphQLError(
                  `The query expands to more than ${MAX_COST_WALK_NODES} selections once its fragments are spread, so its cost is over the limit of ${maxCost} (MAX_QUERY_COST): spread each fragment fewer times.`,
                  { extensions: { code: 'QUERY_TOO_COSTLY', limit: maxCost, http: { status: 400 } } },
                );
              }
              // Variables that do not fit their types: execution rejects them next, with
              // BAD_USER_INPUT and a message naming the variable.
              return;
            }
            if (key.length <= 10_000) costs.set(key, cost);
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${maxCost} (MAX_QUERY_COST). A connection costs its \`first\` and a list its size (ten statistical neighbours, ...) times what each item selects: ask for smaller pages or fewer nested lists.`,
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
    // Tokens are counted by graphql-js's own parser (parseOptions.maxTokens in server.ts): armor
    // parses a second time in a plugin hook, where any error, a plain syntax error included,
    // became HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 10, exposeLimits: true },
    // Cost is ours (connections weighted by `first`), not armor's generic one.
    costLimit: { enabled: false },
    // Field suggestions ("did you mean ...") would help map the schema when introspection is off.
    blockFieldSuggestion: { enabled: config.nodeEnv === 'production' },
  }).protect();
}
