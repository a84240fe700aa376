/**
 * The days on which councils created or abolished since the reference data's first year came into
 * being or ceased to exist (inclusive). A council not listed existed throughout. The councils table
 * keeps only `is_current`; these dates are statutory:
 * - The Northamptonshire (Structural Changes) Order 2020: Northamptonshire (E10000021) abolished,
 *   North (E06000061) and West Northamptonshire (E06000062) from 1 April 2021.
 * - The Cumbria (Structural Changes) Order 2022: Cumbria (E10000006) abolished, Cumberland
 *   (E06000063) and Westmorland and Furness (E06000064) from 1 April 2023.
 */
export const COUNCIL_EXISTENCE: Readonly<Record<string, { from?: string; until?: string }>> = {
  E10000021: { until: '2021-03-31' },
  E06000061: { from: '2021-04-01' },
  E06000062: { from: '2021-04-01' },
  E10000006: { until: '2023-03-31' },
  E06000063: { from: '2023-04-01' },
  E06000064: { from: '2023-04-01' },
};

/** The first and last day (`YYYY-MM-DD`, inclusive) of a council; null when not known to end or start. */
export function councilExistence(code: string): { from: string | null; until: string | null } {
  const dates = COUNCIL_EXISTENCE[code];
  return { from: dates?.from ?? null, until: dates?.until ?? null };
}
