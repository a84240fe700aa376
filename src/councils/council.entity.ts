import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An English local authority with children's services responsibilities. Table: councils. */
@Entity({ name: 'councils' })
export class CouncilEntity {
  /** ONS code, e.g. E06000001. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  /** The Department for Education's three-digit code, e.g. 805. */
  @Column({ name: 'old_code', type: 'text' })
  oldCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'region_name', type: 'text' })
  regionName: string;

  @Column({ name: 'is_current', type: 'boolean' })
  isCurrent: boolean;
}
