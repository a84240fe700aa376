import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { volunteerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { oneInKeyOrder } from '../graphql/listQuery';

export type VolunteerRow = {
  volunteer_id: string;
  provider_id: string;
  home_council_code: string;
  gender: string;
  languages: string[];
  interests: string[];
  max_matches: number;
  open_matches: number;
  status: string;
  applied_on: string;
  dbs_issued_on: string | null;
  dbs_update_service: boolean;
  training_completed_on: string | null;
  references_received: number;
  approved_on: string | null;
};

export const VOLUNTEER_COLUMNS = `v.volunteer_id, v.provider_id, v.home_council_code, v.gender, v.languages, v.interests, v.max_matches,
  v.open_matches, v.status, v.applied_on, v.dbs_issued_on, v.dbs_update_service, v.training_completed_on, v.references_received,
  v.approved_on`;

export function createVolunteerLoaders(db: DataSource, principal: Principal | null) {
  return {
    volunteerById: new DataLoader<string, VolunteerRow | null>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: VolunteerRow[] = await db.query(
        `select ${VOLUNTEER_COLUMNS} from volunteers v where v.volunteer_id = any($1::uuid[]) and ${volunteerScope(principal, 'v', params)}`,
        params,
      );
      return oneInKeyOrder(ids, rows, (row) => row.volunteer_id);
    }),
  };
}
