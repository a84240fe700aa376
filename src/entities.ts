import { CouncilEntity } from './councils/council.entity';
import { OfficialStatisticEntity } from './councils/officialStatistic.entity';
import { StatisticalNeighbourEntity } from './councils/statisticalNeighbour.entity';

/** Every TypeORM entity, registered with the DataSource. */
export const entities = [CouncilEntity, OfficialStatisticEntity, StatisticalNeighbourEntity];
