import type { EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import type { MutationOutcome } from '../audit/mutation';
import { invalid, UserFacingError } from '../graphql/userErrors';
import { currentCouncil } from '../councils/council.service';
import { notBefore, notInFuture, tags } from '../graphql/validate';
import { ChildRow, insertChild } from './child.queries';
import type { RegisterChildInput } from './child.types';

/** A council officer acts only for their own council; others are told it is not theirs. */
export function assertOwnCouncil(principal: Principal | null, councilCode: string, field: string): void {
  if (principal?.role === Role.COUNCIL_OFFICER && principal.councilCode !== councilCode) {
    throw new UserFacingError('FORBIDDEN', `You can only act for your own council (${principal.councilCode}); got ${councilCode}.`, field);
  }
}

export async function registerChild(manager: EntityManager, principal: Principal | null, input: RegisterChildInput): Promise<MutationOutcome<ChildRow>> {
  const councilCode = await currentCouncil(manager, 'localAuthorityCode', input.localAuthorityCode);
  assertOwnCouncil(principal, councilCode, 'localAuthorityCode');
  const caseReference = input.caseReference.trim();
  if (!/^[A-Za-z0-9/_-]{1,40}$/.test(caseReference)) {
    throw invalid('caseReference', "caseReference must be 1 to 40 letters, digits, '/', '_' or '-' (the council's reference, never a name).");
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.birthMonth))
    throw invalid('birthMonth', `birthMonth must be YYYY-MM; got ${JSON.stringify(input.birthMonth.slice(0, 20))}.`);
  const birthMonth = `${input.birthMonth}-01`;
  notInFuture('birthMonth', birthMonth);
  if (birthMonth < '1990-01-01') throw invalid('birthMonth', `birthMonth must be a child's (1990 or later); got ${input.birthMonth}.`);
  notInFuture('lookedAfterSince', input.lookedAfterSince);
  notBefore('lookedAfterSince', input.lookedAfterSince, 'birthMonth', birthMonth);
  const row = await insertChild(manager, {
    council_code: councilCode,
    case_reference: caseReference,
    birth_month: birthMonth,
    gender: input.gender,
    ethnicity: input.ethnicity,
    placement_type: input.placementType,
    placed_out_of_area: input.placedOutOfArea,
    looked_after_since: input.lookedAfterSince,
    interests: tags('interests', input.interests, 20),
    languages: tags('languages', input.languages, 10),
  });
  return {
    result: row,
    audit: {
      recordType: 'Child',
      recordId: row.child_id,
      changedFields: [
        'localAuthorityCode',
        'caseReference',
        'birthMonth',
        'gender',
        'ethnicity',
        'placementType',
        'placedOutOfArea',
        'lookedAfterSince',
        'interests',
        'languages',
      ],
    },
  };
}
