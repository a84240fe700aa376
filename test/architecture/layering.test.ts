import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forbiddenArrows, importGraph, LAYERS } from '../../scripts/importGraph';

/**
 * The layering rule (README, "Layers"), checked on the import graph of src/ drawn by
 * scripts/importGraph.ts (`npm run layers` prints the same figures). Type-only imports count.
 */
const root = path.resolve(__dirname, '..', '..');

describe('layering of src/', () => {
  const graph = importGraph(root);
  const describeArrows = (arrows: { from: string; to: string }[]) => arrows.map((arrow) => `${arrow.from} -> ${arrow.to}`);

  it('gives every folder a layer', () => {
    // importGraph throws for a folder LAYERS does not name; this names the layers it found.
    const layers = new Set(graph.arrows.flatMap((arrow) => [arrow.fromLayer, arrow.toLayer]).map((layer) => LAYERS[layer].name));
    expect([...layers].sort()).toEqual(['app', 'auth', 'domain', 'plumbing']);
  });

  it('has no import from the plumbing to a domain or to the composition root', () => {
    expect(describeArrows(graph.arrows.filter((arrow) => arrow.fromLayer === 0 && arrow.toLayer >= 2))).toEqual([]);
  });

  it('has no import from auth to graphql/, to a domain or to the composition root', () => {
    expect(describeArrows(graph.arrows.filter((arrow) => arrow.fromFolder === 'auth' && (arrow.toFolder === 'graphql' || arrow.toLayer >= 2)))).toEqual([]);
  });

  it('has no import from a domain to the composition root', () => {
    expect(describeArrows(graph.arrows.filter((arrow) => arrow.fromLayer === 2 && arrow.toLayer === 3))).toEqual([]);
  });

  it('breaks no rule in FORBIDDEN, and no folder loop reaches below the domains', () => {
    expect(forbiddenArrows(graph).map(({ arrow, why }) => `${arrow.from} -> ${arrow.to}: ${why}`)).toEqual([]);
    expect(graph.loops.filter((loop) => loop.some((folder) => !LAYERS[2].folders.includes(folder)))).toEqual([]);
  });
});

describe('importGraph', () => {
  it('sees a forbidden arrow, type-only imports included, and a folder loop', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
        fs.writeFileSync(path.join(tree, file), text);
      };
      write('src/graphql/context.ts', "import type { ChildRow } from '../children/child.queries';\nexport type Context = { row: ChildRow };\n");
      write('src/children/child.queries.ts', "import type { Context } from '../graphql/context';\nexport type ChildRow = { context: Context };\n");
      write('src/auth/scope.ts', "export { toGlobalId } from '../graphql/relay';\n");
      write('src/graphql/relay.ts', 'export const toGlobalId = (key: string) => key;\n');
      const graph = importGraph(tree);
      expect(graph.up.map((arrow) => `${arrow.from} -> ${arrow.to}`)).toEqual(['src/graphql/context.ts -> src/children/child.queries.ts']);
      expect(
        forbiddenArrows(graph)
          .map(({ arrow }) => arrow.from)
          .sort(),
      ).toEqual(['src/auth/scope.ts', 'src/graphql/context.ts']);
      expect(graph.loops).toEqual([['children', 'graphql']]);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
