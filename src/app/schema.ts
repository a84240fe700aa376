import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { ViewerResolver } from '../viewer/viewer.resolver';
import { ChildResolver } from '../children/child.resolver';
import { councilResolvers } from '../councils';
import { MatchResolver, VisitResolver } from '../matches/match.resolver';
import { ReferralMatchesResolver } from '../matches/referralMatches.resolver';
import { MatchingResolver, UnmatchedReferralResolver } from '../matching/matching.resolver';
import { CommissionResolver, LocalAuthorityCommissionsResolver, ProviderResolver } from '../providers/provider.resolver';
import { ChildReferralsResolver } from '../referrals/childReferrals.resolver';
import { ReferralResolver, SelfReferralResolver } from '../referrals/referral.resolver';
import { CoverageResolver } from '../reporting/coverage.resolver';
import { AreaSeriesResolver } from '../reporting/areaSeries';
import { activityResolvers } from '../reporting/activity.resolver';
import { ReportingDatesResolver } from '../reporting/reportingDates';
import { LocalAuthorityFiguresResolver } from '../reporting/localAuthorityFigures.resolver';
import { TargetResolver } from '../targets/target.resolver';
import { VolunteerResolver } from '../volunteers/volunteer.resolver';
import { NodeResolver } from '../graphql/node.resolver';
import { callFieldResolversDirectly } from '../graphql/directResolvers';

const RESOLVERS = [
  NodeResolver,
  ViewerResolver,
  ...councilResolvers,
  LocalAuthorityFiguresResolver,
  ProviderResolver,
  CommissionResolver,
  LocalAuthorityCommissionsResolver,
  ChildResolver,
  ChildReferralsResolver,
  ReferralResolver,
  SelfReferralResolver,
  ReferralMatchesResolver,
  VolunteerResolver,
  MatchResolver,
  VisitResolver,
  AuditResolver,
  CoverageResolver,
  ReportingDatesResolver,
  AreaSeriesResolver,
  ...activityResolvers,
  MatchingResolver,
  TargetResolver,
  UnmatchedReferralResolver,
] as const;

let schema: GraphQLSchema | undefined;
let direct: readonly string[] = [];

/** The executable schema, built once per process from the type-graphql classes. */
export function getSchema(): GraphQLSchema {
  // Every @ObjectType says `simpleResolvers: true`: with no global middleware or auth checker,
  // type-graphql would otherwise wrap each plain property in a middleware chain, a measurable
  // cost on pages of hundreds of records. Access is enforced in the queries (src/auth/scope.ts),
  // never by field middleware; adding a global middleware means dropping those flags.
  if (schema) return schema;
  schema = buildSchemaSync({
    resolvers: RESOLVERS,
    // Input is checked by each domain's service, which returns typed user errors (API.md), so
    // class-validator's automatic validation is not used.
    validate: false,
  });
  // Field resolvers that take only their parent, the context and info skip type-graphql's
  // per-call wrapper (src/graphql/directResolvers.ts).
  direct = callFieldResolversDirectly(schema, RESOLVERS);
  return schema;
}

/** The fields whose resolvers are called directly (`Type.field`), once the schema is built. */
export function directlyCalledFields(): readonly string[] {
  getSchema();
  return direct;
}

/** The schema as committed in schema/schema.graphql: sorted so the file diffs cleanly. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(getSchema())) + '\n';
}
