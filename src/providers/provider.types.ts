import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PROVIDER_TYPE } from '../auth/scope';
import { Service } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import { MutationPayload } from '../graphql/userErrors';
import { LocalDate } from '../graphql/scalars';

export enum ProviderKind {
  CHARITY = 'CHARITY',
  COUNCIL_TEAM = 'COUNCIL_TEAM',
  OTHER = 'OTHER',
}
registerEnumType(ProviderKind, { name: 'ProviderKind', description: 'Who runs a provider: a charity, a council in-house team, or another body.' });

export type ProviderRow = { provider_id: string; name: string; kind: ProviderKind; created_at: Date };
export type CommissionRow = { commission_id: string; provider_id: string; council_code: string; service: Service; starts_on: string; ends_on: string | null };

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A charity or council team that recruits, vets and matches volunteers.' })
export class Provider extends Node {
  @Field({ description: 'Provider name.' })
  name: string;

  @Field(() => ProviderKind, { description: 'Charity, council team or other.' })
  kind: ProviderKind;

  @Field({ description: 'When the provider was added.' })
  createdAt: Date;

  providerKey: string;

  static fromRow(row: ProviderRow): Provider {
    return Object.assign(new Provider(), {
      id: toGlobalId(PROVIDER_TYPE, row.provider_id),
      providerKey: row.provider_id,
      name: row.name,
      kind: row.kind,
      createdAt: row.created_at,
    });
  }
}

export const COMMISSION_TYPE = 'Commission';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A council commissioning a provider to deliver a service over a period.' })
export class Commission extends Node {
  @Field(() => Service, { description: 'The service commissioned.' })
  service: Service;

  @Field(() => LocalDate, { description: 'First day of the commission.' })
  startsOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the commission; null while open-ended.' })
  endsOn: string | null;

  providerKey: string;
  councilCode: string;

  static fromRow(row: CommissionRow): Commission {
    return Object.assign(new Commission(), {
      id: toGlobalId(COMMISSION_TYPE, row.commission_id),
      service: row.service,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      providerKey: row.provider_id,
      councilCode: row.council_code,
    });
  }
}

@InputType({ description: 'A new provider.' })
export class CreateProviderInput {
  @Field({ description: 'Name, 1 to 200 characters, unique.' })
  name: string;

  @Field(() => ProviderKind, { description: 'Charity, council team or other.' })
  kind: ProviderKind;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of createProvider.' })
export class CreateProviderPayload extends MutationPayload {
  @Field(() => Provider, { nullable: true, description: 'The new provider; null on error.' })
  provider: Provider | null;
}

@InputType({ description: 'A council commissioning a provider for a service.' })
export class CommissionProviderInput {
  @Field({ description: 'Global ID of the provider.' })
  providerId: string;

  @Field({ description: 'ONS code of the commissioning council, e.g. E06000001.' })
  localAuthorityCode: string;

  @Field(() => Service, { description: 'The service commissioned.' })
  service: Service;

  @Field(() => LocalDate, {
    description:
      'First day of the commission. A council officer may give today (Europe/London) or up to COMMISSION_BACKDATE_DAYS before (default 0); earlier dates are for an ADMIN.',
  })
  startsOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day; omit for open-ended.' })
  endsOn?: string | null;
}

@ObjectType({ simpleResolvers: true, implements: MutationPayload, description: 'Result of commissionProvider.' })
export class CommissionProviderPayload extends MutationPayload {
  @Field(() => Commission, { nullable: true, description: 'The new commission; null on error.' })
  commission: Commission | null;
}
