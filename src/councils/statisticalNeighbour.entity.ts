import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A council's rank-th closest statistical neighbour. Table: statistical_neighbours. */
@Entity({ name: 'statistical_neighbours' })
export class StatisticalNeighbourEntity {
  @PrimaryColumn({ name: 'council_code', type: 'text' })
  councilCode: string;

  @PrimaryColumn({ type: 'smallint' })
  rank: number;

  @Column({ name: 'neighbour_code', type: 'text' })
  neighbourCode: string;

  @Column({ type: 'text' })
  closeness: string;

  @Column({ type: 'text' })
  model: string;
}
