import sql, { join, Sql } from 'sql-template-tag';
import { childScope, matchScope, providerScope, volunteerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { CHILD_COLUMNS, CHILD_FIELD_COLUMNS, ChildRow, parseChildRow } from '../children/child.queries';
import type { Loaders } from '../graphql/context';
import type { RelatedRecords } from '../graphql/listQuery';
import { JoinedRecord, joinedRecord, Selection } from '../graphql/lookAhead';
import type { Joined } from '../graphql/prefetch';
import { MATCH_COLUMNS, MATCH_FIELD_COLUMNS, MatchRow, OPEN_MATCH, parseMatchRow } from '../matches/match.queries';
import { parseProviderRow, PROVIDER_COLUMNS, PROVIDER_FIELD_COLUMNS } from '../providers/provider.queries';
import type { ProviderRow } from '../providers/provider.types';
import { parseVolunteerRow, VOLUNTEER_COLUMNS, VOLUNTEER_FIELD_COLUMNS, VolunteerRow } from '../volunteers/volunteer.queries';
import type { ReferralRow } from './referral.queries';

// The loaders' own tables and columns (childById, openMatchByReferral, volunteerById, providerById).
const child = joinedRecord<ChildRow>('child', { from: 'children c', columns: CHILD_COLUMNS, key: 'child_id', row: parseChildRow, fields: CHILD_FIELD_COLUMNS });
const openMatch = joinedRecord<MatchRow>('open_match', {
  from: 'matches m',
  columns: MATCH_COLUMNS,
  key: 'match_id',
  row: parseMatchRow,
  fields: MATCH_FIELD_COLUMNS,
});
const volunteer = joinedRecord<VolunteerRow>('volunteer', {
  from: 'volunteers v',
  columns: VOLUNTEER_COLUMNS,
  key: 'volunteer_id',
  row: parseVolunteerRow,
  fields: VOLUNTEER_FIELD_COLUMNS,
});
const provider = joinedRecord<ProviderRow>('provider', {
  from: 'providers p',
  columns: PROVIDER_COLUMNS,
  key: 'provider_id',
  row: parseProviderRow,
  fields: PROVIDER_FIELD_COLUMNS,
});

const NODE = 'edges.node';

/** The fields selected on each referral of the page: its columns follow from them (referral.queries.ts). */
export function referralFields(selection: Selection): Set<string> {
  return selection.fieldsBelow(NODE);
}

/**
 * What a page of referrals (the waiting list, above all) brings along in its own statement: each
 * referral's child, its open match, that match's volunteer and the volunteer's provider, as far
 * down as the client selected them, and of each only the columns the selected fields read.
 * Without it the page costs one statement per level.
 *
 * Each lateral subquery is its loader's statement for one key, with the loader's scope for the
 * caller, so a record the loader would not return is not joined either: the node answers null
 * for it, as the loader would. A level whose parent is null (no open match, or a volunteer out of
 * scope) takes nothing, because no resolver asks for it. The records travel with the nodes they
 * were joined for (src/graphql/prefetch.ts); a record with every column also primes its loader.
 */
export function referralRelations(selection: Selection, principal: Principal | null, loaders: Loaders): RelatedRecords<ReferralRow> | undefined {
  const withChild = selection.has(`${NODE}.child`);
  const withMatch = selection.has(`${NODE}.currentMatch`);
  const withVolunteer = withMatch && selection.has(`${NODE}.currentMatch.volunteer`);
  const withProvider = withVolunteer && selection.has(`${NODE}.currentMatch.volunteer.provider`);
  if (!withChild && !withMatch) return undefined;
  const childRecord = child.narrowed(selection.fieldsBelow(`${NODE}.child`));
  const matchRecord = openMatch.narrowed(selection.fieldsBelow(`${NODE}.currentMatch`));
  const volunteerRecord = volunteer.narrowed(selection.fieldsBelow(`${NODE}.currentMatch.volunteer`));
  const providerRecord = provider.narrowed(selection.fieldsBelow(`${NODE}.currentMatch.volunteer.provider`));
  const select: Sql[] = [];
  const joins: Sql[] = [];
  const add = (record: JoinedRecord<unknown>, where: Sql) => {
    select.push(record.select);
    joins.push(record.join(where));
  };
  if (withChild) add(childRecord, sql`c.child_id = r.child_id and ${childScope(principal, 'c')}`);
  if (withMatch) add(matchRecord, sql`m.referral_id = r.referral_id and ${OPEN_MATCH} and ${matchScope(principal, 'm')}`);
  if (withVolunteer) add(volunteerRecord, sql`v.volunteer_id = open_match.volunteer_id and ${volunteerScope(principal, 'v')}`);
  if (withProvider) add(providerRecord, sql`p.provider_id = volunteer.provider_id and ${providerScope(principal)}`);
  // The first record of each kind on the page is checked by its loader's row parser, as query()
  // checks the first row of a statement (src/database/rows.ts says why not every one).
  const unchecked = new Set<object>([childRecord, matchRecord, volunteerRecord, providerRecord]);
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
      const joined: Joined = {};
      if (withChild) {
        const childRow = take(childRecord, columns);
        if (childRow && childRecord.complete) loaders.childById.prime(childRow.child_id, childRow);
        joined.child = { row: childRow };
      }
      if (!withMatch) return joined;
      const match = take(matchRecord, columns);
      // None is a whole answer: the loader would find none either.
      if (!match || matchRecord.complete) loaders.openMatchByReferral.prime(row.referral_id, match);
      joined.currentMatch = { row: match };
      if (!match || !withVolunteer) return joined;
      const volunteerRow = take(volunteerRecord, columns);
      if (volunteerRow && volunteerRecord.complete) loaders.volunteerById.prime(volunteerRow.volunteer_id, volunteerRow);
      joined.currentMatch.joined = { volunteer: { row: volunteerRow } };
      if (!volunteerRow || !withProvider) return joined;
      const providerRow = take(providerRecord, columns);
      if (providerRow && providerRecord.complete) loaders.providerById.prime(providerRow.provider_id, providerRow);
      joined.currentMatch.joined.volunteer.joined = { provider: { row: providerRow } };
      return joined;
    },
  };
}
