import { keyOfGlobalId } from '../globalId';
import { Role } from './roles';
import type { Principal } from './viewer';

/**
 * Who sees which records, in one place (API.md "Rules the API enforces"). Each function returns
 * a SQL condition over the given table alias, appending its parameters to `params`. Lists,
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

function bind(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/** Roles that may see child-level records at all. */
export function seesChildRecords(principal: Principal | null): boolean {
  return principal?.role === Role.ADMIN || principal?.role === Role.COUNCIL_OFFICER || principal?.role === Role.PROVIDER_COORDINATOR;
}

/** A provider commissions the council for the service today (started, not ended). */
function commissioned(provider: string, councilSql: string, serviceSql: string | null): string {
  return `exists (select 1 from commissions cm where cm.provider_id = ${provider}::uuid and cm.council_code = ${councilSql}
    ${serviceSql ? `and cm.service = ${serviceSql}` : ''} and cm.starts_on <= current_date and (cm.ends_on is null or cm.ends_on >= current_date))`;
}

export function referralScope(principal: Principal | null, alias: string, params: unknown[]): string {
  switch (principal?.role) {
    case Role.ADMIN:
      return 'true';
    case Role.COUNCIL_OFFICER:
      return `${alias}.council_code = ${bind(params, principal.councilCode)}::text`;
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      if (!provider) return 'false';
      const p = bind(params, provider);
      // Referrals from councils that commission the provider for that service, and any referral
      // the provider's volunteers have been matched with (a commission may since have ended); a
      // proposal that was cancelled before it started gives no lasting access.
      return `(${commissioned(p, `${alias}.council_code`, `${alias}.service`)}
        or exists (select 1 from matches sm join volunteers sv on sv.volunteer_id = sm.volunteer_id
                   where sm.referral_id = ${alias}.referral_id and sv.provider_id = ${p}::uuid and sm.status <> 'CANCELLED'))`;
    }
    default:
      return 'false';
  }
}

export function childScope(principal: Principal | null, alias: string, params: unknown[]): string {
  switch (principal?.role) {
    case Role.ADMIN:
      return 'true';
    case Role.COUNCIL_OFFICER:
      return `${alias}.council_code = ${bind(params, principal.councilCode)}::text`;
    case Role.PROVIDER_COORDINATOR:
      // A coordinator sees a child only through a referral they can see.
      return `exists (select 1 from referrals cr where cr.child_id = ${alias}.child_id and ${referralScope(principal, 'cr', params)})`;
    default:
      return 'false';
  }
}

export function volunteerScope(principal: Principal | null, alias: string, params: unknown[]): string {
  switch (principal?.role) {
    case Role.ADMIN:
      return 'true';
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      return provider ? `${alias}.provider_id = ${bind(params, provider)}::uuid` : 'false';
    }
    case Role.COUNCIL_OFFICER: {
      // Volunteers proposed for or matched with the council's children (not cancelled proposals).
      const council = bind(params, principal.councilCode);
      return `exists (select 1 from matches vm join referrals vr on vr.referral_id = vm.referral_id
                      where vm.volunteer_id = ${alias}.volunteer_id and vr.council_code = ${council}::text and vm.status <> 'CANCELLED')`;
    }
    default:
      return 'false';
  }
}

export function matchScope(principal: Principal | null, alias: string, params: unknown[]): string {
  switch (principal?.role) {
    case Role.ADMIN:
      return 'true';
    case Role.COUNCIL_OFFICER:
      return `exists (select 1 from referrals mr where mr.referral_id = ${alias}.referral_id and mr.council_code = ${bind(params, principal.councilCode)}::text)`;
    case Role.PROVIDER_COORDINATOR: {
      const provider = providerKey(principal);
      return provider
        ? `exists (select 1 from volunteers mv where mv.volunteer_id = ${alias}.volunteer_id and mv.provider_id = ${bind(params, provider)}::uuid)`
        : 'false';
    }
    default:
      return 'false';
  }
}

export function selfReferralScope(principal: Principal | null, alias: string, params: unknown[]): string {
  switch (principal?.role) {
    case Role.ADMIN:
      return 'true';
    case Role.COUNCIL_OFFICER:
      return `${alias}.council_code = ${bind(params, principal.councilCode)}::text`;
    default:
      return 'false';
  }
}

/** Providers are not personal data: any signed-in caller may see them. */
export function providerScope(principal: Principal | null): string {
  return principal ? 'true' : 'false';
}
