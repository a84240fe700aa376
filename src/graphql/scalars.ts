import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * `LocalDate` (YYYY-MM-DD) as graphql-scalars defines it, limited to the years 1900 to 2100:
 * graphql-scalars accepts year 0, which PostgreSQL cannot store, and no record here is older.
 */
function inRange(value: string): string {
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2100) throw new GraphQLError(`LocalDate must be between 1900-01-01 and 2100-12-31; got ${value}.`);
  return value;
}

export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  parseValue: (value) => inRange(LocalDateResolver.parseValue(value) as string),
  parseLiteral: (ast, variables) => {
    const value = LocalDateResolver.parseLiteral(ast, variables) as string;
    return ast.kind === Kind.STRING ? inRange(value) : value;
  },
});
