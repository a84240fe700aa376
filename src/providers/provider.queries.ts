import DataLoader from 'dataloader';
import sql, { raw } from 'sql-template-tag';
import { z } from 'zod';
import { providerScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { pgDate, pgTimestamp, rowParser } from '../database/rows';
import { query, Queryable } from '../database/sql';
import { Service } from '../graphql/enums';
import { groupInKeyOrder, ListSource, oneInKeyOrder } from '../graphql/listQuery';
import type { FieldColumns } from '../graphql/lookAhead';
import { CommissionRow, ProviderKind, ProviderRow } from './provider.types';

/** Every statement on providers and commissions. */

const providerRow: z.ZodType<ProviderRow> = z.object({ provider_id: z.string(), name: z.string(), kind: z.enum(ProviderKind), created_at: pgTimestamp });
export const parseProviderRow = rowParser(providerRow);
const commissionRow: z.ZodType<CommissionRow> = z.object({
  commission_id: z.string(),
  provider_id: z.string(),
  council_code: z.string(),
  service: z.enum(Service),
  starts_on: pgDate,
  ends_on: pgDate.nullable(),
});
const parseCommissionRow = rowParser(commissionRow);

export const PROVIDER_COLUMNS = 'p.provider_id, p.name, p.kind, p.created_at';
export const COMMISSION_COLUMNS = 'cm.commission_id, cm.provider_id, cm.council_code, cm.service, cm.starts_on, cm.ends_on';
const providerColumns = raw(PROVIDER_COLUMNS);

/** The columns each field of Provider reads (Provider.fromRow and its field resolvers), for lists that read only those (lookAhead.ts). */
export const PROVIDER_FIELD_COLUMNS: FieldColumns = {
  id: ['provider_id'],
  name: ['name'],
  kind: ['kind'],
  createdAt: ['created_at'],
  commissions: ['provider_id'],
};
const commissionColumns = raw(COMMISSION_COLUMNS);

export function createProviderLoaders(db: Queryable, principal: Principal | null) {
  return {
    providerById: new DataLoader<string, ProviderRow | null>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${providerColumns} from providers p where p.provider_id = any(${ids}::uuid[]) and ${providerScope(principal)}`,
        parseProviderRow,
      );
      return oneInKeyOrder(ids, rows, (row) => row.provider_id);
    }),
    commissionsByProvider: new DataLoader<string, CommissionRow[]>(async (ids) => {
      const rows = await query(
        db,
        sql`select ${commissionColumns} from commissions cm where cm.provider_id = any(${ids}::uuid[]) and ${providerScope(principal)}
         order by cm.provider_id, cm.starts_on, cm.council_code, cm.service`,
        parseCommissionRow,
      );
      return groupInKeyOrder(ids, rows, (row) => row.provider_id);
    }),
    /** Every commission of each council, earliest first; LocalAuthority.commissions filters them by service and date. */
    commissionsByCouncil: new DataLoader<string, CommissionRow[]>(async (codes) => {
      const rows = await query(
        db,
        sql`select ${commissionColumns} from commissions cm where cm.council_code = any(${codes}::text[]) and ${providerScope(principal)}
         order by cm.council_code, cm.starts_on, cm.service, cm.provider_id`,
        parseCommissionRow,
      );
      return groupInKeyOrder(codes, rows, (row) => row.council_code);
    }),
  };
}

/** Providers by name (any signed-in caller). */
export function providerList(principal: Principal | null): ListSource<ProviderRow> {
  return {
    select: providerColumns,
    from: raw('providers p'),
    conditions: [providerScope(principal)],
    orderBy: [
      { sql: raw('p.name'), cast: 'text', key: (row) => row.name },
      { sql: raw('p.provider_id'), cast: 'uuid', key: (row) => row.provider_id },
    ],
    direction: 'asc',
    row: parseProviderRow,
  };
}

/** A commission the caller may see (node(id)); null when not found. */
export async function findCommission(db: Queryable, principal: Principal | null, commissionId: string): Promise<CommissionRow | null> {
  const [row] = await query(
    db,
    sql`select ${commissionColumns} from commissions cm where cm.commission_id = ${commissionId}::uuid and ${providerScope(principal)}`,
    parseCommissionRow,
  );
  return row ?? null;
}

const oneRow = rowParser(z.object({ one: z.number() }));

export async function providerExists(db: Queryable, providerId: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 as one from providers where provider_id = ${providerId}::uuid`, oneRow);
  return rows.length > 0;
}

export async function insertProvider(db: Queryable, name: string, kind: string): Promise<ProviderRow> {
  const [row] = await query(
    db,
    sql`insert into providers as p (name, kind) values (${name}::text, ${kind}::text) returning ${providerColumns}`,
    parseProviderRow,
  );
  return row;
}

export async function insertCommission(
  db: Queryable,
  c: { provider_id: string; council_code: string; service: string; starts_on: string; ends_on: string | null },
): Promise<CommissionRow> {
  const [row] = await query(
    db,
    sql`insert into commissions as cm (provider_id, council_code, service, starts_on, ends_on)
     values (${c.provider_id}::uuid, ${c.council_code}::text, ${c.service}::text, ${c.starts_on}::date, ${c.ends_on}::date)
     returning ${commissionColumns}`,
    parseCommissionRow,
  );
  return row;
}

const demoProviderRow = rowParser(z.object({ provider_id: z.string(), name: z.string() }));

/** A provider the council commissions (first by service and name): the one a printed development token names. */
export async function firstCommissionedProvider(db: Queryable, councilCode: string): Promise<{ provider_id: string; name: string } | null> {
  const [row] = await query(
    db,
    sql`select p.provider_id, p.name from providers p join commissions cm on cm.provider_id = p.provider_id
     where cm.council_code = ${councilCode}::text order by cm.service, p.name limit 1`,
    demoProviderRow,
  );
  return row ?? null;
}
