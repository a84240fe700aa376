import type { EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { addYears, todayInLondon } from '../graphql/dates';
import type { MutationOutcome } from '../audit/mutation';
import { invalid, notFound, UserFacingError } from '../graphql/userErrors';
import { boundedText, recordKey } from '../graphql/validate';
import { ENGLAND_CODE } from '../reporting/disclosure';
import { areaStatus } from '../councils/council.queries';
import type { Queryable } from '../database/sql';
import { countAreaTargets, deleteTarget, insertTarget, lockAreaTargets, lockTarget, updateTarget } from './target.queries';
import { RemoveTargetInput, SetTargetInput, TARGET_TYPE, TargetMetric, TargetRow } from './target.types';

/** Targets one area may hold (both services and metrics together): what bounds `targets(areaCode:)`. */
export const MAX_TARGETS_PER_AREA = 10;
export const MAX_TARGET_NAME_LENGTH = 120;
export const MAX_ACTIVE_MATCHES_TARGET = 1_000_000;
export const MAX_TARGET_YEARS_AHEAD = 10;

const AREA_EXPECTED = 'expected a current council (such as E06000001), a region (E12000001 to E12000009; London is E12000007) or England (E92000001)';

/**
 * The area a target may be set for: a current council, a region of current councils, or England.
 * Unknown and abolished codes are VALIDATION errors naming the field; `describe` says what kind.
 */
export async function targetArea(manager: Queryable, field: string, code: string): Promise<{ code: string; kind: 'council' | 'region' | 'england' }> {
  const normalised = code.trim().toUpperCase();
  if (normalised === ENGLAND_CODE) return { code: normalised, kind: 'england' };
  const shown = JSON.stringify(code.slice(0, 20));
  if (!/^E\d{8}$/.test(normalised)) throw invalid(field, `${field} ${shown} is not an area code: ${AREA_EXPECTED}.`);
  const found = await areaStatus(manager, normalised);
  if (found?.is_council === null || found?.is_council === undefined) throw invalid(field, `Unknown area code ${shown}: ${AREA_EXPECTED}.`);
  if (!found.is_current) {
    throw invalid(
      field,
      found.is_council
        ? `Council ${normalised} no longer exists: set the target for its successor council.`
        : `Region ${normalised} has no current councils: ${AREA_EXPECTED}.`,
    );
  }
  return { code: normalised, kind: found.is_council ? 'council' : 'region' };
}

function targetName(raw: string): string {
  const name = boundedText('name', raw, MAX_TARGET_NAME_LENGTH, true)!;
  if (/[\n\r\t]/.test(name)) throw invalid('name', 'name must be one line: no new lines or tabs.');
  return name;
}

function targetValue(metric: TargetMetric, value: number): number {
  if (metric === TargetMetric.COVERAGE_RATE) {
    if (!Number.isFinite(value) || value < 0 || value > 100 || Math.round(value * 10) / 10 !== value) {
      throw invalid('value', `A COVERAGE_RATE target is a percentage from 0 to 100 with at most one decimal place (as the rate is published); got ${value}.`);
    }
    return value;
  }
  if (!Number.isInteger(value) || value < 0 || value > MAX_ACTIVE_MATCHES_TARGET) {
    throw invalid(
      'value',
      `An ACTIVE_MATCHES target is a whole number of children from 0 to ${MAX_ACTIVE_MATCHES_TARGET.toLocaleString('en-GB')}; got ${value}.`,
    );
  }
  return value;
}

function targetDueOn(dueOn: string): string {
  const today = todayInLondon();
  const latest = addYears(today, MAX_TARGET_YEARS_AHEAD);
  if (dueOn <= today) throw invalid('dueOn', `dueOn must be after today (${today}, Europe/London); got ${dueOn}.`);
  if (dueOn > latest) throw invalid('dueOn', `dueOn may be at most ${MAX_TARGET_YEARS_AHEAD} years ahead, ${latest}; got ${dueOn}.`);
  return dueOn;
}

/**
 * Sets a target: a new one, or, for the same area, service, metric and due date, a new name and
 * value for the one there (same ID). A council officer sets targets for their own council only.
 * The area's targets are counted under a transaction-scoped advisory lock, so two requests at
 * once cannot both take the last place.
 */
export async function setTarget(manager: EntityManager, principal: Principal | null, input: SetTargetInput): Promise<MutationOutcome<TargetRow>> {
  const name = targetName(input.name);
  const area = await targetArea(manager, 'areaCode', input.areaCode);
  if (principal?.role === Role.COUNCIL_OFFICER && area.code !== principal.councilCode) {
    throw new UserFacingError(
      'FORBIDDEN',
      `A council officer sets targets for their own council only (${principal.councilCode}); got ${area.code}. Regional and England targets are set by a NATIONAL_ANALYST or ADMIN.`,
      'areaCode',
    );
  }
  const value = targetValue(input.metric, input.value);
  const dueOn = targetDueOn(input.dueOn);

  await lockAreaTargets(manager, area.code);
  const existing = await lockTarget(manager, { areaCode: area.code, service: input.service, metric: input.metric, dueOn });
  if (existing) {
    const changedFields = [...(existing.name !== name ? ['name'] : []), ...(Number(existing.value) !== value ? ['value'] : [])];
    const row = await updateTarget(manager, existing.target_id, name, value);
    return { result: row, audit: { recordType: 'Target', recordId: row.target_id, changedFields } };
  }
  const count = await countAreaTargets(manager, area.code);
  if (count >= MAX_TARGETS_PER_AREA) {
    throw new UserFacingError(
      'CONFLICT',
      `${area.code} already has ${count} targets, the most one area may hold (${MAX_TARGETS_PER_AREA}): remove one first, or set an existing one again (same service, metric and dueOn) to change it.`,
      'areaCode',
    );
  }
  const row = await insertTarget(manager, { name, area_code: area.code, service: input.service, metric: input.metric, value, due_on: dueOn });
  return { result: row, audit: { recordType: 'Target', recordId: row.target_id, changedFields: ['name', 'areaCode', 'service', 'metric', 'value', 'dueOn'] } };
}

/** Removes a target. A council officer's reach is their own council's targets: any other is NOT_FOUND. */
export async function removeTarget(manager: EntityManager, principal: Principal | null, input: RemoveTargetInput): Promise<MutationOutcome<TargetRow>> {
  const key = recordKey('targetId', input.targetId, TARGET_TYPE, 'target');
  const ownCouncil = principal?.role === Role.COUNCIL_OFFICER ? principal.councilCode : null;
  const row = await deleteTarget(manager, key, ownCouncil);
  if (!row) throw notFound('target', 'targetId');
  return { result: row, audit: { recordType: 'Target', recordId: row.target_id, changedFields: ['name', 'areaCode', 'service', 'metric', 'value', 'dueOn'] } };
}
