import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each council area is, for the distance factor of match suggestions (src/matching/):
 * the centroid and area of each council, loaded from src/councils/data/council_centroids.csv by
 * src/councils/referenceData.ts (derived from mySociety's register, MIT; contains OS data ©
 * Crown copyright and database right).
 *
 * The partial index serves the matching prefilter: of a commissioned provider's volunteers, only
 * those APPROVED with spare capacity can be suggested, and that is what it holds.
 */
export class CouncilCentroids1763900300000 implements MigrationInterface {
  name = 'CouncilCentroids1763900300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table council_centroids (
        council_code text primary key references councils (code) on delete cascade,
        latitude double precision not null constraint council_centroids_latitude_check check (latitude between 49 and 61),
        longitude double precision not null constraint council_centroids_longitude_check check (longitude between -9 and 3),
        area_km2 double precision not null constraint council_centroids_area_km2_check check (area_km2 > 0),
        source text not null
      );

      create index volunteers_matchable_idx on volunteers (provider_id, volunteer_id)
        where status = 'APPROVED' and open_matches < max_matches;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
