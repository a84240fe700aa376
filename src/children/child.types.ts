import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Gender } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../graphql/idempotency';
import { MutationPayload } from '../graphql/userErrors';
import type { ChildRow } from './child.queries';
import { LocalDate } from '../graphql/scalars';

export const CHILD_TYPE = 'Child';

export enum Ethnicity {
  WHITE = 'WHITE',
  MIXED = 'MIXED',
  ASIAN = 'ASIAN',
  BLACK = 'BLACK',
  OTHER = 'OTHER',
  NOT_STATED = 'NOT_STATED',
}
registerEnumType(Ethnicity, { name: 'Ethnicity', description: 'Ethnic group (the five ONS high-level groups), for equality reporting only.' });

export enum PlacementType {
  FOSTER_CARE = 'FOSTER_CARE',
  KINSHIP_CARE = 'KINSHIP_CARE',
  RESIDENTIAL = 'RESIDENTIAL',
  SEMI_INDEPENDENT = 'SEMI_INDEPENDENT',
  PLACED_WITH_PARENTS = 'PLACED_WITH_PARENTS',
  OTHER = 'OTHER',
}
registerEnumType(PlacementType, { name: 'PlacementType', description: 'Where the child lives.' });

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A looked-after child, pseudonymous: the council's case reference and what matching and equality reporting need. No names or addresses.",
})
export class Child extends Node {
  @Field({ description: "The council's own case reference (unique within the council)." })
  caseReference: string;

  @Field({ description: 'Month and year of birth, YYYY-MM.' })
  birthMonth: string;

  @Field(() => Gender, { description: 'Gender.' })
  gender: Gender;

  @Field(() => Ethnicity, { description: 'Ethnic group.' })
  ethnicity: Ethnicity;

  @Field(() => PlacementType, { description: 'Placement type.' })
  placementType: PlacementType;

  @Field({ description: "True when the child lives outside the responsible council's area." })
  placedOutOfArea: boolean;

  @Field(() => LocalDate, { description: 'Date the child became looked after.' })
  lookedAfterSince: string;

  @Field(() => [String], { description: 'Interests, for matching (lower case).' })
  interests: string[];

  @Field(() => [String], { description: 'Languages spoken, for matching.' })
  languages: string[];

  childKey: string;
  councilCode: string;

  static fromRow(row: ChildRow): Child {
    return Object.assign(new Child(), {
      id: toGlobalId(CHILD_TYPE, row.child_id),
      childKey: row.child_id,
      councilCode: row.council_code,
      caseReference: row.case_reference,
      // Absent from a row narrowed to other fields (src/graphql/lookAhead.ts).
      birthMonth: row.birth_month?.slice(0, 7),
      gender: row.gender as Gender,
      ethnicity: row.ethnicity as Ethnicity,
      placementType: row.placement_type as PlacementType,
      placedOutOfArea: row.placed_out_of_area,
      lookedAfterSince: row.looked_after_since,
      interests: row.interests,
      languages: row.languages,
    });
  }
}

@InputType({ description: 'A child to register (pseudonymous).' })
export class RegisterChildInput {
  @Field({ description: 'ONS code of the responsible council; a council officer may only use their own.' })
  localAuthorityCode: string;

  @Field({ description: "The council's case reference: 1 to 40 letters, digits, '/', '_' or '-'. Never a name." })
  caseReference: string;

  @Field({ description: 'Month of birth, YYYY-MM.' })
  birthMonth: string;

  @Field(() => Gender, { description: 'Gender.' })
  gender: Gender;

  @Field(() => Ethnicity, { description: 'Ethnic group.' })
  ethnicity: Ethnicity;

  @Field(() => PlacementType, { description: 'Placement type.' })
  placementType: PlacementType;

  @Field({ description: "True when the child lives outside the council's area." })
  placedOutOfArea: boolean;

  @Field(() => LocalDate, { description: 'Date the child became looked after; not in the future, not before birth.' })
  lookedAfterSince: string;

  @Field(() => [String], { nullable: true, description: 'Interests (at most 20, each up to 40 characters).' })
  interests?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Languages (at most 10, each up to 40 characters).' })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of registerChild.' })
export class RegisterChildPayload extends MutationPayload {
  @Field(() => Child, { nullable: true, description: 'The registered child; null on error.' })
  child: Child | null;
}
