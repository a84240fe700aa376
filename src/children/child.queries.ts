import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { childScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { oneInKeyOrder } from '../graphql/listQuery';

export type ChildRow = {
  child_id: string;
  council_code: string;
  case_reference: string;
  birth_month: string;
  gender: string;
  ethnicity: string;
  placement_type: string;
  placed_out_of_area: boolean;
  looked_after_since: string;
  interests: string[];
  languages: string[];
};

export const CHILD_COLUMNS =
  'c.child_id, c.council_code, c.case_reference, c.birth_month, c.gender, c.ethnicity, c.placement_type, c.placed_out_of_area, c.looked_after_since, c.interests, c.languages';

export function createChildLoaders(db: DataSource, principal: Principal | null) {
  return {
    childById: new DataLoader<string, ChildRow | null>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: ChildRow[] = await db.query(
        `select ${CHILD_COLUMNS} from children c where c.child_id = any($1::uuid[]) and ${childScope(principal, 'c', params)}`,
        params,
      );
      return oneInKeyOrder(ids, rows, (row) => row.child_id);
    }),
  };
}
