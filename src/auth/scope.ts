import sql, { raw, Sql } from 'sql-template-tag';
import { keyOfGlobalId } from '../globalId';
import { Role } from './roles';
import type { Principal } from './viewer';

/**
 * Who sees which records, in one place (API.md "Rules the API enforces"). Each function returns
 * a SQL condition over the given table alias, as a value that carries its own parameters. Lists,
 * `node(id)` and mutations all use these, so a record outside the caller's scope is simply not
 * found: never "forbidden", which would leak that it exists.
 */

export const PROVIDER_TYPE = 'Provider';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The provider UUID of a coordinator's token, or null when the claim is not a Provider ID. */
export function providerKey(principal: Principal | null): string | null {
  if (!principal?.providerId) return null;
  const key = keyOfGlobalId(principal.providerId, PROVIDER_TYPE);
  return key && uuidPattern.test(key) ? key : null;
}

/** A table alias written by this code (never input), as SQL. */
function table(alias: string): Sql {
  if (!/^[a-z_]{1,20}$/.test(alias)) throw new Error(`scope: ${JSON.stringify(alias)} is not a table alias`);
  return raw(alias);
}

const TRUE = raw('true');
const FALSE = raw('false');

/** Roles that may see child-level records at all. */
export function seesChildRecords(principal: Principal | null): boolean {
  return principal?.role === Role.ADMIN || principal?.role === Role.COUNCIL_OFFICER || principal?.role === Role.PROVIDER_COORDINATOR;
}

/** A provider commissions the council for the service today (started, not ended). */
function commissioned(provider: string, alias: Sql): Sql {
  return sql`exists (select 1 from commissions cm where cm.provider_id = ${provider}::uuid and cm.council_code = ${alias}.council_code
    and cm.service = ${alias}.service and cm.starts_on <= current_date and (cm.ends_on is null or cm.ends_on >= current_date))`;
}

export function referralScope(principal: Principal | null, alias: string): Sql {
  const r = table(alias);
  switch (principal?.role) {
    case Role.ADMIN:
      return TRUE;
    case Role.COUNCIL_OFFICER:
      return sql`${r}.council_code = ${principal.councilCode}::text`;
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      if (!provider) return FALSE;
      // Referrals from councils that commission the provider for that service, and any referral
      // the provider's volunteers have been matched with (a commission may since have ended); a
      // proposal that was cancelled before it started gives no lasting access.
      return sql`(${commissioned(provider, r)}
        or exists (select 1 from matches sm join volunteers sv on sv.volunteer_id = sm.volunteer_id
                   where sm.referral_id = ${r}.referral_id and sv.provider_id = ${provider}::uuid and sm.status <> 'CANCELLED'))`;
    }
    default:
      return FALSE;
  }
}

export function childScope(principal: Principal | null, alias: string): Sql {
  const c = table(alias);
  switch (principal?.role) {
    case Role.ADMIN:
      return TRUE;
    case Role.COUNCIL_OFFICER:
      return sql`${c}.council_code = ${principal.councilCode}::text`;
    case Role.PROVIDER_COORDINATOR:
      // A coordinator sees a child only through a referral they can see.
      return sql`exists (select 1 from referrals cr where cr.child_id = ${c}.child_id and ${referralScope(principal, 'cr')})`;
    default:
      return FALSE;
  }
}

export function volunteerScope(principal: Principal | null, alias: string): Sql {
  const v = table(alias);
  switch (principal?.role) {
    case Role.ADMIN:
      return TRUE;
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      return provider ? sql`${v}.provider_id = ${provider}::uuid` : FALSE;
    }
    case Role.COUNCIL_OFFICER:
      // Volunteers proposed for or matched with the council's children (not cancelled proposals).
      return sql`exists (select 1 from matches vm join referrals vr on vr.referral_id = vm.referral_id
                      where vm.volunteer_id = ${v}.volunteer_id and vr.council_code = ${principal.councilCode}::text and vm.status <> 'CANCELLED')`;
    default:
      return FALSE;
  }
}

export function matchScope(principal: Principal | null, alias: string): Sql {
  const m = table(alias);
  switch (principal?.role) {
    case Role.ADMIN:
      return TRUE;
    case Role.COUNCIL_OFFICER:
      return sql`exists (select 1 from referrals mr where mr.referral_id = ${m}.referral_id and mr.council_code = ${principal.councilCode}::text)`;
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      return provider ? sql`exists (select 1 from volunteers mv where mv.volunteer_id = ${m}.volunteer_id and mv.provider_id = ${provider}::uuid)` : FALSE;
    }
    default:
      return FALSE;
  }
}

export function selfReferralScope(principal: Principal | null, alias: string): Sql {
  const s = table(alias);
  switch (principal?.role) {
    case Role.ADMIN:
      return TRUE;
    case Role.COUNCIL_OFFICER:
      return sql`${s}.council_code = ${principal.councilCode}::text`;
    default:
      return FALSE;
  }
}

/** Providers are not personal data: any signed-in caller may see them. */
export function providerScope(principal: Principal | null): Sql {
  return principal ? TRUE : FALSE;
}
