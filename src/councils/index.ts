import { registerNodeType } from '../graphql/nodeRegistry';
import { LocalAuthorityResolver } from './localAuthority.resolver';
import { LOCAL_AUTHORITY_TYPE, LocalAuthority } from './localAuthority.type';

// Councils are public reference data: anyone may fetch one by ID.
registerNodeType(
  LOCAL_AUTHORITY_TYPE,
  async (code, { loaders }) => {
    const row = await loaders.councilByCode.load(code);
    return row ? LocalAuthority.fromRow(row) : null;
  },
  'any',
);

export const councilResolvers = [LocalAuthorityResolver] as const;
