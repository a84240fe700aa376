import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One official figure for an area, year and population type. Table: official_statistics. */
@Entity({ name: 'official_statistics' })
export class OfficialStatisticEntity {
  @PrimaryGeneratedColumn('identity', { name: 'official_statistic_id', type: 'bigint', generatedIdentity: 'ALWAYS' })
  officialStatisticId: string;

  @Column({ name: 'geographic_level', type: 'text' })
  geographicLevel: 'National' | 'Regional' | 'Local authority';

  @Column({ name: 'area_code', type: 'text' })
  areaCode: string;

  @Column({ name: 'council_code', type: 'text', nullable: true })
  councilCode: string | null;

  @Column({ name: 'time_period', type: 'integer' })
  timePeriod: number;

  @Column({ name: 'time_identifier', type: 'text' })
  timeIdentifier: string;

  @Column({ type: 'text' })
  measure: string;

  @Column({ name: 'children_count', type: 'integer', nullable: true })
  childrenCount: number | null;

  @Column({ name: 'children_count_symbol', type: 'text', nullable: true })
  childrenCountSymbol: string | null;

  @Column({ name: 'rate_per_10000', type: 'numeric', nullable: true })
  ratePer10000: string | null;

  @Column({ name: 'rate_per_10000_symbol', type: 'text', nullable: true })
  ratePer10000Symbol: string | null;

  @Column({ name: 'population_estimate', type: 'bigint', nullable: true })
  populationEstimate: string | null;

  @Column({ name: 'population_estimate_symbol', type: 'text', nullable: true })
  populationEstimateSymbol: string | null;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  release: string;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}
