import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { providerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { groupInKeyOrder, oneInKeyOrder } from '../graphql/listQuery';
import type { CommissionRow, ProviderRow } from './provider.types';

export const PROVIDER_COLUMNS = 'p.provider_id, p.name, p.kind, p.created_at';
export const COMMISSION_COLUMNS = 'cm.commission_id, cm.provider_id, cm.council_code, cm.service, cm.starts_on, cm.ends_on';

export function createProviderLoaders(db: DataSource, principal: Principal | null) {
  return {
    providerById: new DataLoader<string, ProviderRow | null>(async (ids) => {
      const rows: ProviderRow[] = await db.query(
        `select ${PROVIDER_COLUMNS} from providers p where p.provider_id = any($1::uuid[]) and ${providerScope(principal)}`,
        [ids],
      );
      return oneInKeyOrder(ids, rows, (row) => row.provider_id);
    }),
    commissionsByProvider: new DataLoader<string, CommissionRow[]>(async (ids) => {
      const rows: CommissionRow[] = await db.query(
        `select ${COMMISSION_COLUMNS} from commissions cm where cm.provider_id = any($1::uuid[]) and ${providerScope(principal)}
         order by cm.provider_id, cm.starts_on, cm.council_code, cm.service`,
        [ids],
      );
      return groupInKeyOrder(ids, rows, (row) => row.provider_id);
    }),
    /** Every commission of each council, earliest first; LocalAuthority.commissions filters them by service and date. */
    commissionsByCouncil: new DataLoader<string, CommissionRow[]>(async (codes) => {
      const rows: CommissionRow[] = await db.query(
        `select ${COMMISSION_COLUMNS} from commissions cm where cm.council_code = any($1::text[]) and ${providerScope(principal)}
         order by cm.council_code, cm.starts_on, cm.service, cm.provider_id`,
        [codes],
      );
      return groupInKeyOrder(codes, rows, (row) => row.council_code);
    }),
  };
}
