import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import { LocalAuthority } from '../councils/localAuthority.type';
import type { Context } from '../graphql/context';
import { fetchPage } from '../graphql/listQuery';
import { replayById } from '../graphql/idempotency';
import { runMutation } from '../audit/mutation';
import { registerNodeType } from '../graphql/nodeRegistry';
import { badInput, ConnectionArgs, connectionTypes, Page } from '../graphql/relay';
import { childForReplay, childList, ChildRow } from './child.queries';
import { registerChild } from './child.service';
import { Child, CHILD_TYPE, RegisterChildInput, RegisterChildPayload } from './child.types';

export const ChildConnection = connectionTypes(Child, 'Child', 'child');

registerNodeType(CHILD_TYPE, async (key, { loaders }) => {
  const row = await loaders.childById.load(key);
  return row ? Child.fromRow(row) : null;
});

@ArgsType()
class ChildrenArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only children of this council (ONS code).' })
  localAuthorityCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only the child with exactly this case reference (the council's own, case-sensitive), among the children you may see; with several councils in scope, combine with localAuthorityCode.",
  })
  caseReference?: string | null;
}

/** The rule registerChild enforces (children_case_reference_check). */
const CASE_REFERENCE = /^[A-Za-z0-9/_-]{1,40}$/;

@Resolver(() => Child)
export class ChildResolver {
  @Query(() => ChildConnection, {
    description: 'Children you may see, by council and case reference. Council officers: their council; coordinators: children of referrals they can see.',
  })
  children(@Args() args: ChildrenArgs, @Ctx() { db, principal }: Context): Promise<Page<Child>> {
    const filter: { councilCode?: string; caseReference?: string } = {};
    if (args.localAuthorityCode) filter.councilCode = args.localAuthorityCode.trim().toUpperCase();
    if (args.caseReference !== null && args.caseReference !== undefined) {
      const caseReference = args.caseReference.trim();
      if (!CASE_REFERENCE.test(caseReference)) {
        throw badInput(
          `caseReference must be 1 to 40 letters, digits, '/', '_' or '-', as registerChild stores it; got ${JSON.stringify(args.caseReference.slice(0, 50))}.`,
          'caseReference',
        );
      }
      filter.caseReference = caseReference;
    }
    return fetchPage<ChildRow, Child>(db, { ...childList(principal, filter), first: args.first, after: args.after }, Child.fromRow);
  }

  @FieldResolver(() => LocalAuthority, { description: 'The responsible council.' })
  async localAuthority(@Root() child: Child, @Ctx() { loaders }: Context): Promise<LocalAuthority> {
    return LocalAuthority.fromRow((await loaders.councilByCode.load(child.councilCode))!);
  }

  @Mutation(() => RegisterChildPayload, { description: 'Register a looked-after child, pseudonymously (council officer of that council, or ADMIN).' })
  registerChild(
    @Arg('input', { description: 'What to change; see the input type.' }) input: RegisterChildInput,
    @Ctx() context: Context,
  ): Promise<RegisterChildPayload> {
    return runMutation(
      context,
      'registerChild',
      [Role.COUNCIL_OFFICER, Role.ADMIN],
      (manager) => registerChild(manager, context.principal, input),
      (row) => ({ child: Child.fromRow(row) }),
      replayById<ChildRow>(input.idempotencyKey, input, { idColumn: 'child_id', read: childForReplay }),
    );
  }
}
