import type { DataSource } from 'typeorm';
import { councilStatuses, providerIdExists } from './auth.queries';

/**
 * What a bearer token's organisation claims are checked against: council codes and provider IDs.
 * A token is verified on every signed-in request, so this answers from memory almost always:
 * - Councils are reference data that change only when an import or migration runs, so every code
 *   and whether it is current are read in one statement and kept for COUNCILS_TTL_MS.
 * - Providers are never deleted, so a provider once found stays found for the life of the process.
 *   One not (yet) found is looked up again on each request, so a provider created after a token
 *   was minted, here or on another replica, is valid at once; concurrent look-ups of the same ID
 *   share one statement.
 */

export type CouncilStatus = 'current' | 'abolished' | 'unknown';

const COUNCILS_TTL_MS = 10 * 60_000;

/** Known providers kept at most; far above England's few hundred, so it only bounds abuse. */
const MAX_KNOWN_PROVIDERS = 100_000;

export class ClaimDirectory {
  private councils: { statuses: Map<string, boolean>; loadedAt: number } | null = null;
  private councilsLoading: Promise<Map<string, boolean>> | null = null;
  private readonly knownProviders = new Set<string>();
  private readonly providerLookups = new Map<string, Promise<boolean>>();

  constructor(private readonly db: DataSource) {}

  async councilStatus(code: string): Promise<CouncilStatus> {
    const statuses = await this.councilStatuses();
    const isCurrent = statuses.get(code);
    if (isCurrent === undefined) return 'unknown';
    return isCurrent ? 'current' : 'abolished';
  }

  /** True when a provider with this UUID exists. */
  async providerExists(providerKey: string): Promise<boolean> {
    if (this.knownProviders.has(providerKey)) return true;
    let lookup = this.providerLookups.get(providerKey);
    if (!lookup) {
      lookup = providerIdExists(this.db, providerKey)
        .then((exists) => {
          if (exists && this.knownProviders.size < MAX_KNOWN_PROVIDERS) this.knownProviders.add(providerKey);
          return exists;
        })
        .finally(() => this.providerLookups.delete(providerKey));
      this.providerLookups.set(providerKey, lookup);
    }
    return lookup;
  }

  private async councilStatuses(): Promise<Map<string, boolean>> {
    if (this.councils && Date.now() - this.councils.loadedAt < COUNCILS_TTL_MS) return this.councils.statuses;
    if (!this.councilsLoading) {
      this.councilsLoading = councilStatuses(this.db)
        .then((rows) => {
          const statuses = new Map(rows.map((row) => [row.code, row.is_current]));
          this.councils = { statuses, loadedAt: Date.now() };
          return statuses;
        })
        .finally(() => {
          this.councilsLoading = null;
        });
    }
    return this.councilsLoading;
  }
}
