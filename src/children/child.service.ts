import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import type { MutationOutcome } from '../audit/mutation';
import { invalid, UserFacingError } from '../graphql/userErrors';
import { currentCouncil, notBefore, notInFuture, tags } from '../graphql/validate';
import { CHILD_COLUMNS, ChildRow } from './child.queries';
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
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.birthMonth)) throw invalid('birthMonth', `birthMonth must be YYYY-MM; got ${JSON.stringify(input.birthMonth.slice(0, 20))}.`);
  const birthMonth = `${input.birthMonth}-01`;
  notInFuture('birthMonth', birthMonth);
  if (birthMonth < '1990-01-01') throw invalid('birthMonth', `birthMonth must be a child's (1990 or later); got ${input.birthMonth}.`);
  notInFuture('lookedAfterSince', input.lookedAfterSince);
  notBefore('lookedAfterSince', input.lookedAfterSince, 'birthMonth', birthMonth);
  const [row] = await rows<ChildRow>(manager, 
    `insert into children as c (council_code, case_reference, birth_month, gender, ethnicity, placement_type, placed_out_of_area, looked_after_since, interests, languages)
     values ($1::text, $2::text, $3::date, $4::text, $5::text, $6::text, $7::boolean, $8::date, $9::text[], $10::text[])
     returning ${CHILD_COLUMNS}`,
    [
      councilCode,
      caseReference,
      birthMonth,
      input.gender,
      input.ethnicity,
      input.placementType,
      input.placedOutOfArea,
      input.lookedAfterSince,
      tags('interests', input.interests, 20),
      tags('languages', input.languages, 10),
    ],
  );
  return {
    result: row,
    audit: {
      recordType: 'Child',
      recordId: row.child_id,
      changedFields: ['localAuthorityCode', 'caseReference', 'birthMonth', 'gender', 'ethnicity', 'placementType', 'placedOutOfArea', 'lookedAfterSince', 'interests', 'languages'],
    },
  };
}
