import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLObjectType, isInterfaceType, isObjectType } from 'graphql';
import { getSchema, printedSchema } from '../../src/app/schema';

const committedPath = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing types)', () => {
    expect(fs.readFileSync(committedPath, 'utf8')).toBe(printedSchema());
  });

  it('parses as a valid schema', () => {
    expect(() => buildSchema(fs.readFileSync(committedPath, 'utf8'))).not.toThrow();
  });

  it('describes every type and every field', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(getSchema().getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      // Root operation types are containers; their fields carry the documentation.
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values((type as GraphQLObjectType).getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
