import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context } from '../graphql/context';
import { Provider } from '../providers/provider.types';
import { Role } from '../auth/roles';
import { providerKey } from '../auth/scope';

@ObjectType({ simpleResolvers: true, description: 'The signed-in caller.' })
export class Viewer {
  @Field({ description: 'The user ID from the token (`sub`).' })
  userId: string;

  @Field(() => Role, { description: 'What the caller may see and do.' })
  role: Role;

  @Field(() => LocalAuthority, { nullable: true, description: "The caller's council, for council officers." })
  localAuthority: LocalAuthority | null;

  @Field(() => String, { nullable: true, description: "The caller's provider's global ID, for provider coordinators." })
  providerId: string | null;

  @Field(() => Provider, { nullable: true, description: "The caller's provider, for provider coordinators." })
  provider: Provider | null;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is calling: null for anonymous callers.' })
  async viewer(@Ctx() { principal, loaders }: Context): Promise<Viewer | null> {
    if (!principal) return null;
    const council = principal.councilCode ? await loaders.councilByCode.load(principal.councilCode) : null;
    const providerKeyValue = providerKey(principal);
    const provider = providerKeyValue ? await loaders.providerById.load(providerKeyValue) : null;
    return {
      userId: principal.userId,
      role: principal.role,
      localAuthority: council ? LocalAuthority.fromRow(council) : null,
      providerId: principal.providerId,
      provider: provider ? Provider.fromRow(provider) : null,
    };
  }
}
