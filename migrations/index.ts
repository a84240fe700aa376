import { ReferenceTables1763900000000 } from './1763900000000-ReferenceTables';
import { Workflow1763900100000 } from './1763900100000-Workflow';
import { ReportingRuns1763900200000 } from './1763900200000-ReportingRuns';
import { CouncilCentroids1763900300000 } from './1763900300000-CouncilCentroids';
import { IdempotencyKeys1763900400000 } from './1763900400000-IdempotencyKeys';
import { DisclosureAudit1763900500000 } from './1763900500000-DisclosureAudit';
import { Targets1763900600000 } from './1763900600000-Targets';
import { VolunteerHistory1763900700000 } from './1763900700000-VolunteerHistory';

/**
 * Every migration, oldest first. Listed explicitly rather than globbed so the same list works
 * from TypeScript sources (tests) and compiled JavaScript (the server).
 */
export const migrations = [
  ReferenceTables1763900000000,
  Workflow1763900100000,
  ReportingRuns1763900200000,
  CouncilCentroids1763900300000,
  IdempotencyKeys1763900400000,
  DisclosureAudit1763900500000,
  Targets1763900600000,
  VolunteerHistory1763900700000,
];
