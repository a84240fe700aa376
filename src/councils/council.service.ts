import type { Queryable } from '../database/sql';
import { invalid, UserFacingError } from '../graphql/userErrors';
import { councilIsCurrent } from './council.queries';

/** The council must exist today; abolished councils take no new records. */
export async function currentCouncil(db: Queryable, field: string, code: string): Promise<string> {
  const normalised = code.trim().toUpperCase();
  const isCurrent = await councilIsCurrent(db, normalised);
  if (isCurrent === null)
    throw new UserFacingError('NOT_FOUND', `Unknown council code ${JSON.stringify(code.slice(0, 20))}: expected an ONS code such as E06000001.`, field);
  if (!isCurrent) throw invalid(field, `Council ${normalised} no longer exists; use its successor council.`);
  return normalised;
}
