import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * `LocalDate` (YYYY-MM-DD) as graphql-scalars defines it, from the year 1900: graphql-scalars
 * accepts year 0, which PostgreSQL cannot store, and no record here is older. Future dates pass
 * the scalar so that each mutation can say which date may not be in the future.
 */
function inRange(value: string): string {
  if (Number(value.slice(0, 4)) < 1900) throw new GraphQLError(`LocalDate must be 1900-01-01 or later; got ${value}.`);
  return value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const serializeLocalDate = LocalDateResolver.serialize.bind(LocalDateResolver);

export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  // Dates read from PostgreSQL arrive as YYYY-MM-DD text (src/database/dataSource.ts) and are
  // valid by the column type; only anything else goes through graphql-scalars' full check.
  serialize: (value) => (typeof value === 'string' && ISO_DATE.test(value) ? value : serializeLocalDate(value)),
  parseValue: (value) => inRange(LocalDateResolver.parseValue(value) as string),
  parseLiteral: (ast, variables) => {
    const value = LocalDateResolver.parseLiteral(ast, variables) as string;
    return ast.kind === Kind.STRING ? inRange(value) : value;
  },
});
