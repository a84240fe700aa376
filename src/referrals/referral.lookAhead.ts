import type { GraphQLResolveInfo } from 'graphql';
import sql, { join, Sql } from 'sql-template-tag';
import { childScope, matchScope, providerScope, volunteerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { CHILD_COLUMNS, ChildRow, parseChildRow } from '../children/child.queries';
import type { Loaders } from '../graphql/context';
import type { Prefetched } from '../graphql/prefetch';
import type { RelatedRecords } from '../graphql/listQuery';
import { JoinedRecord, joinedRecord, selectedFields } from '../graphql/lookAhead';
import { MATCH_COLUMNS, MatchRow, OPEN_MATCH, parseMatchRow } from '../matches/match.queries';
import { parseProviderRow, PROVIDER_COLUMNS } from '../providers/provider.queries';
import type { ProviderRow } from '../providers/provider.types';
import { parseVolunteerRow, VOLUNTEER_COLUMNS, VolunteerRow } from '../volunteers/volunteer.queries';
import type { ReferralRow } from './referral.queries';

// The loaders' own tables and columns (childById, openMatchByReferral, volunteerById, providerById).
const child = joinedRecord<ChildRow>('child', { from: 'children c', columns: CHILD_COLUMNS, key: 'child_id', row: parseChildRow });
const openMatch = joinedRecord<MatchRow>('open_match', { from: 'matches m', columns: MATCH_COLUMNS, key: 'match_id', row: parseMatchRow });
const volunteer = joinedRecord<VolunteerRow>('volunteer', { from: 'volunteers v', columns: VOLUNTEER_COLUMNS, key: 'volunteer_id', row: parseVolunteerRow });
const provider = joinedRecord<ProviderRow>('provider', { from: 'providers p', columns: PROVIDER_COLUMNS, key: 'provider_id', row: parseProviderRow });

/**
 * What a page of referrals (the waiting list, above all) brings along in its own statement: each
 * referral's child, its open match, that match's volunteer and the volunteer's provider, as far
 * down as the client selected them. Without it the page costs one statement per level.
 *
 * Each lateral subquery is its loader's statement for one key, with the loader's scope for the
 * caller, so a record the loader would not return is not joined either: the loader is primed with
 * null for it, as it would have answered. A level whose parent is null (no open match, or a
 * volunteer out of scope) primes nothing, because no resolver asks for it.
 */
export function referralRelations(
  info: GraphQLResolveInfo,
  principal: Principal | null,
  loaders: Loaders,
  prefetched: Prefetched,
): RelatedRecords<ReferralRow> | undefined {
  const selects = selectedFields(info);
  const withChild = selects('edges.node.child');
  const withMatch = selects('edges.node.currentMatch');
  const withVolunteer = withMatch && selects('edges.node.currentMatch.volunteer');
  const withProvider = withVolunteer && selects('edges.node.currentMatch.volunteer.provider');
  if (!withChild && !withMatch) return undefined;
  const select: Sql[] = [];
  const joins: Sql[] = [];
  const add = (record: JoinedRecord<unknown>, where: Sql) => {
    select.push(record.select);
    joins.push(record.join(where));
  };
  if (withChild) add(child, sql`c.child_id = r.child_id and ${childScope(principal, 'c')}`);
  if (withMatch) add(openMatch, sql`m.referral_id = r.referral_id and ${OPEN_MATCH} and ${matchScope(principal, 'm')}`);
  if (withVolunteer) add(volunteer, sql`v.volunteer_id = open_match.volunteer_id and ${volunteerScope(principal, 'v')}`);
  if (withProvider) add(provider, sql`p.provider_id = volunteer.provider_id and ${providerScope(principal)}`);
  // The first record of each kind on the page is checked by its loader's row parser, as query()
  // checks the first row of a statement (src/database/rows.ts says why not every one).
  const unchecked = new Set<object>([child, openMatch, volunteer, provider]);
  const take = <Row>(record: JoinedRecord<Row>, columns: Record<string, unknown>): Row | null => {
    const check = unchecked.has(record);
    const found = record.take(columns, check);
    if (check && found) unchecked.delete(record);
    return found;
  };
  return {
    select: join(select, ', '),
    joins: join(joins, '\n'),
    take: (columns, row) => {
      if (withChild) prefetched.set(loaders.childById, row.child_id, take(child, columns));
      if (!withMatch) return;
      const match = take(openMatch, columns);
      prefetched.set(loaders.openMatchByReferral, row.referral_id, match);
      if (!match || !withVolunteer) return;
      const volunteerRow = take(volunteer, columns);
      prefetched.set(loaders.volunteerById, match.volunteer_id, volunteerRow);
      if (volunteerRow && withProvider) prefetched.set(loaders.providerById, volunteerRow.provider_id, take(provider, columns));
    },
  };
}
