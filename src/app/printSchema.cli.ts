import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { printedSchema } from './schema';

/** `npm run schema:print`: rewrites schema/schema.graphql from the code. A test fails when they differ. */
const target = path.join(projectRoot, 'schema', 'schema.graphql');
fs.writeFileSync(target, printedSchema());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
