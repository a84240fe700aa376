import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { matchScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { groupInKeyOrder, oneInKeyOrder } from '../graphql/listQuery';

export type MatchRow = {
  match_id: string;
  referral_id: string;
  volunteer_id: string;
  status: string;
  proposed_on: string;
  started_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
  cancelled_on: string | null;
  cancel_reason: string | null;
};

export type VisitRow = { visit_id: string; match_id: string; visited_on: string; duration_minutes: number; kind: string };
export const VISIT_COLUMNS = 'vi.visit_id, vi.match_id, vi.visited_on, vi.duration_minutes, vi.kind';

export const MATCH_COLUMNS = `m.match_id, m.referral_id, m.volunteer_id, m.status, m.proposed_on, m.started_on, m.ended_on, m.end_reason,
  m.cancelled_on, m.cancel_reason`;

/** A referral's open match: at most one per referral, by a partial unique index. */
export const OPEN_MATCH = `m.status in ('PROPOSED', 'ACTIVE')`;

export function createMatchLoaders(db: DataSource, principal: Principal | null) {
  const scoped = (params: unknown[]) => matchScope(principal, 'm', params);
  return {
    matchById: new DataLoader<string, MatchRow | null>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: MatchRow[] = await db.query(`select ${MATCH_COLUMNS} from matches m where m.match_id = any($1::uuid[]) and ${scoped(params)}`, params);
      return oneInKeyOrder(ids, rows, (row) => row.match_id);
    }),
    /** The PROPOSED or ACTIVE match of each referral (at most one, by a unique index). */
    openMatchByReferral: new DataLoader<string, MatchRow | null>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: MatchRow[] = await db.query(
        `select ${MATCH_COLUMNS} from matches m where m.referral_id = any($1::uuid[]) and ${OPEN_MATCH} and ${scoped(params)}`,
        params,
      );
      return oneInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    matchesByReferral: new DataLoader<string, MatchRow[]>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: MatchRow[] = await db.query(
        `select ${MATCH_COLUMNS} from matches m where m.referral_id = any($1::uuid[]) and ${scoped(params)} order by m.referral_id, m.proposed_on, m.created_at`,
        params,
      );
      return groupInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    visitsByMatch: new DataLoader<string, VisitRow[]>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: VisitRow[] = await db.query(
        `select vi.visit_id, vi.match_id, vi.visited_on, vi.duration_minutes, vi.kind
         from visits vi join matches m on m.match_id = vi.match_id
         where vi.match_id = any($1::uuid[]) and ${scoped(params)} order by vi.match_id, vi.visited_on, vi.visit_id`,
        params,
      );
      return groupInKeyOrder(ids, rows, (row) => row.match_id);
    }),
  };
}
