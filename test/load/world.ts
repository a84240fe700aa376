import type { DataSource } from 'typeorm';
import { PROVIDER_TYPE } from '../../src/auth/scope';
import { toGlobalId } from '../../src/graphql/relay';

/**
 * Who the clients act for, read from the demo data: a few busy councils (with providers
 * commissioned there today for each service) and those providers, so officers and coordinators
 * of the same council meet on the same referrals, volunteers and matches.
 */
export type Service = 'INDEPENDENT_VISITOR' | 'MENTORING';
export const SERVICES: Service[] = ['INDEPENDENT_VISITOR', 'MENTORING'];

/** A provider commissioned today by a council for a service. */
export type Commissioning = { councilCode: string; service: Service; providerId: string };

export type World = {
  councils: string[];
  /** Provider global IDs commissioned by the focus councils. */
  providers: string[];
  commissionings: Commissioning[];
  /** Every current council, for public reads and self-referrals. */
  allCouncils: string[];
  /** The latest month end with rollups, for councilComparison. */
  reportDate: string;
};

export async function discoverWorld(db: DataSource, councilCount: number): Promise<World> {
  // Councils with providers commissioned today for both services, busiest waiting lists first.
  const councils: { code: string }[] = await db.query(
    `select c.code
     from councils c
     where c.is_current
       and (select count(distinct cm.service) from commissions cm
            where cm.council_code = c.code and cm.starts_on <= current_date and (cm.ends_on is null or cm.ends_on >= current_date)) = 2
     order by (select count(*) from referrals r where r.council_code = c.code and r.status = 'ACCEPTED') desc, c.code
     limit $1::int`,
    [councilCount],
  );
  if (councils.length === 0) throw new Error('No council has providers commissioned for both services: is the demo data loaded?');
  const codes = councils.map((c) => c.code);
  const rows: { council_code: string; service: Service; provider_id: string }[] = await db.query(
    `select distinct cm.council_code, cm.service, cm.provider_id::text as provider_id
     from commissions cm
     where cm.council_code = any($1::text[]) and cm.starts_on <= current_date and (cm.ends_on is null or cm.ends_on >= current_date)
     order by cm.council_code, cm.service, provider_id`,
    [codes],
  );
  const commissionings = rows.map((row) => ({ councilCode: row.council_code, service: row.service, providerId: toGlobalId(PROVIDER_TYPE, row.provider_id) }));
  const all: { code: string }[] = await db.query('select code from councils where is_current order by code');
  const [{ date }] = await db.query(`select to_char((date_trunc('month', current_date) - interval '1 day')::date, 'YYYY-MM-DD') as date`);
  return {
    councils: codes,
    providers: [...new Set(commissionings.map((c) => c.providerId))],
    commissionings,
    allCouncils: all.map((c) => c.code),
    reportDate: date,
  };
}
