import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Service } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import { LocalDate } from '../graphql/scalars';
import { MutationPayload } from '../graphql/userErrors';

export const TARGET_TYPE = 'Target';

export enum TargetMetric {
  COVERAGE_RATE = 'COVERAGE_RATE',
  ACTIVE_MATCHES = 'ACTIVE_MATCHES',
}
registerEnumType(TargetMetric, {
  name: 'TargetMetric',
  description: 'What a target measures, read from the reporting rollups at month ends (reports/METRICS.md).',
  valuesConfig: {
    COVERAGE_RATE: { description: '`coverageRate`: children matched per 100 children looked after, one decimal place.' },
    ACTIVE_MATCHES: { description: '`childrenMatched`: children with a match active on the date (the number of active relationships).' },
  },
});

export type TargetRow = { target_id: string; name: string; area_code: string; service: Service; metric: TargetMetric; value: number; due_on: string };

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A public commitment that a metric reaches a value in an area by a date, with where the trend is heading.',
})
export class Target extends Node {
  @Field({ description: 'What the target is called, e.g. "10% of looked-after children with an independent visitor".' })
  name: string;

  @Field({ description: 'A current council (E06000001), a region (E12000001 to E12000009) or England (E92000001).' })
  areaCode: string;

  @Field(() => Service, { description: 'The service the target is for.' })
  service: Service;

  @Field(() => TargetMetric, { description: 'The metric to reach.' })
  metric: TargetMetric;

  @Field(() => Float, { description: 'The level to reach: a percentage (one decimal) for COVERAGE_RATE, a count for ACTIVE_MATCHES.' })
  value: number;

  @Field(() => LocalDate, { description: 'The date by which the value is to be reached.' })
  dueOn: string;

  targetKey: string;

  static fromRow(row: TargetRow): Target {
    return Object.assign(new Target(), {
      id: toGlobalId(TARGET_TYPE, row.target_id),
      targetKey: row.target_id,
      name: row.name,
      areaCode: row.area_code,
      service: row.service,
      metric: row.metric,
      value: Number(row.value),
      dueOn: row.due_on,
    });
  }
}

@InputType({ description: 'A target to set. One target per area, service, metric and due date: setting it again replaces its name and value.' })
export class SetTargetInput {
  @Field({ description: 'Name, 1 to 120 characters on one line.' })
  name: string;

  @Field({
    description:
      'A current council (E06000001), a region (E12000001 to E12000009; London is E12000007) or England (E92000001). A council officer: their own council only.',
  })
  areaCode: string;

  @Field(() => Service, { description: 'The service.' })
  service: Service;

  @Field(() => TargetMetric, { description: 'The metric.' })
  metric: TargetMetric;

  @Field(() => Float, {
    description: 'COVERAGE_RATE: a percentage from 0 to 100 with at most one decimal; ACTIVE_MATCHES: a whole number from 0 to 1,000,000.',
  })
  value: number;

  @Field(() => LocalDate, { description: 'After today (Europe/London) and at most 10 years ahead.' })
  dueOn: string;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of setTarget.' })
export class SetTargetPayload extends MutationPayload {
  @Field(() => Target, { nullable: true, description: 'The target as set; null on error.' })
  target: Target | null;
}

@InputType({ description: 'A target to remove.' })
export class RemoveTargetInput {
  @Field({ description: 'Global ID of the target.' })
  targetId: string;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of removeTarget.' })
export class RemoveTargetPayload extends MutationPayload {
  @Field(() => Target, { nullable: true, description: 'The target as it was before it was removed (its ID no longer resolves); null on error.' })
  target: Target | null;
}
