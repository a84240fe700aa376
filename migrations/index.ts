import { ReferenceTables1763900000000 } from './1763900000000-ReferenceTables';

/**
 * Every migration, oldest first. Listed explicitly rather than globbed so the same list works
 * from TypeScript sources (tests) and compiled JavaScript (the server).
 */
export const migrations = [ReferenceTables1763900000000];
