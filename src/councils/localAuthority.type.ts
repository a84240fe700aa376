import { Field, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/relay';
import type { CouncilRow } from './council.queries';

export const LOCAL_AUTHORITY_TYPE = 'LocalAuthority';

@ObjectType({ simpleResolvers: true, implements: Node, description: "An English council with children's services responsibilities (a local authority)." })
export class LocalAuthority extends Node {
  @Field({ description: 'ONS code, e.g. E06000001. Use it with `localAuthority(code:)`.' })
  code: string;

  @Field({ description: "The Department for Education's three-digit council code, e.g. 805." })
  oldCode: string;

  @Field({ description: 'Council name as the Department for Education publishes it.' })
  name: string;

  @Field({ description: 'ONS code of the English region; London boroughs are all in London (E12000007).' })
  regionCode: string;

  @Field({ description: 'Name of the English region.' })
  regionName: string;

  @Field({ description: 'False for councils that no longer exist (Cumbria, Northamptonshire); their history stays queryable.' })
  isCurrent: boolean;

  static fromRow(row: CouncilRow): LocalAuthority {
    return Object.assign(new LocalAuthority(), {
      id: toGlobalId(LOCAL_AUTHORITY_TYPE, row.code),
      code: row.code,
      oldCode: row.old_code,
      name: row.name,
      regionCode: row.region_code,
      regionName: row.region_name,
      isCurrent: row.is_current,
    });
  }
}
