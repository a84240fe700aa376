/**
 * The import graph between the files under src/, drawn from their import and export statements
 * (type-only imports count: they are still a dependency of the code that writes them), with every
 * folder given a layer. An arrow "runs up" when a file imports a file in a higher layer; a folder
 * loop is a set of folders that import each other, directly or round a ring.
 *
 *   npm run layers              figures for this checkout
 *   npm run layers -- --root D  figures for another copy of the sources (e.g. `git archive` of a commit)
 *   npm run layers -- --list    also every arrow that runs up
 *
 * The layering rule the test checks (test/architecture/layering.test.ts) is stated in LAYERS and
 * FORBIDDEN below and in the README.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

/**
 * The layers, bottom first. A folder of src/ (or a file directly in src/, by its name without the
 * extension) belongs to the first layer that names it. Plumbing knows nothing of the domains;
 * auth sits on the plumbing; the domains on auth; the composition root on everything.
 */
export const LAYERS: { name: string; folders: string[] }[] = [
  // src/entities.ts (removed) is listed so that older commits can still be measured.
  { name: 'plumbing', folders: ['database', 'graphql', 'config', 'logger', 'cli', 'globalId', 'entities'] },
  { name: 'auth', folders: ['auth'] },
  {
    name: 'domain',
    folders: ['children', 'referrals', 'matches', 'volunteers', 'providers', 'matching', 'councils', 'reporting', 'targets', 'audit', 'demo', 'viewer'],
  },
  // Before the composition root existed, main.ts and server.ts at the top of src/ played its part.
  { name: 'app', folders: ['app', 'main', 'server'] },
  // The reference dashboard: browser code that reads only the public GraphQL API, and that the
  // server serves as built files, never imports.
  { name: 'client', folders: ['dashboard'] },
];

/** Arrows the layering test forbids outright: [from folder or layer, to folder or layer, why]. */
export const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: 'plumbing', to: 'domain', why: 'plumbing imports no domain' },
  { from: 'plumbing', to: 'app', why: 'plumbing imports nothing from the composition root' },
  { from: 'auth', to: 'graphql', why: 'auth imports nothing from graphql/' },
  { from: 'auth', to: 'domain', why: 'auth imports no domain' },
  { from: 'auth', to: 'app', why: 'auth imports nothing from the composition root' },
  { from: 'domain', to: 'app', why: 'a domain imports nothing from the composition root' },
  ...['plumbing', 'auth', 'domain', 'app'].flatMap((layer) => [
    { from: 'client', to: layer, why: 'the dashboard reads only the public GraphQL API, never server code' },
    { from: layer, to: 'client', why: 'the server serves the built dashboard, never imports it' },
  ]),
];

export interface Arrow {
  from: string; // file, relative to the root, e.g. src/graphql/context.ts
  to: string;
  fromFolder: string;
  toFolder: string;
  fromLayer: number;
  toLayer: number;
}

export interface ImportGraph {
  files: string[];
  /** Every import between two files of different folders. */
  arrows: Arrow[];
  /** The arrows whose target is in a higher layer than their source. */
  up: Arrow[];
  /** Folder loops: each a set of two or more folders that reach each other, sorted. */
  loops: string[][];
  /** Pairs of folders that import each other directly. */
  mutualPairs: [string, string][];
}

export function folderOf(file: string): string {
  const parts = file.split('/');
  // parts[0] is 'src'
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.[cm]?[jt]sx?$/, '');
}

export function layerOf(folder: string): number {
  const index = LAYERS.findIndex((layer) => layer.folders.includes(folder));
  if (index < 0) throw new Error(`src/${folder} has no layer: add it to LAYERS in scripts/importGraph.ts.`);
  return index;
}

function sourceFiles(root: string, dir = 'src'): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) found.push(...sourceFiles(root, relative));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) found.push(relative);
  }
  return found;
}

function resolve(root: string, fromFile: string, specifier: string, known: Set<string>): string | null {
  if (!specifier.startsWith('.')) return null; // a package
  if (/\.(json|s?css|svg)$/.test(specifier)) return null; // data or styles (the dashboard's), not a module of the graph
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier.replace(/\.js$/, '')));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (known.has(candidate)) return candidate;
  if (base.startsWith('src/')) throw new Error(`${fromFile}: cannot resolve '${specifier}' under ${root}`);
  return null; // outside src/ (none today)
}

/** Reads every .ts file under root/src and draws the graph. */
export function importGraph(root: string): ImportGraph {
  const files = sourceFiles(root);
  const known = new Set(files);
  const arrowKeys = new Set<string>();
  const arrows: Arrow[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      const target = resolve(root, file, imported.fileName, known);
      if (!target || target === file) continue;
      const fromFolder = folderOf(file);
      const toFolder = folderOf(target);
      if (fromFolder === toFolder) continue;
      const key = `${file} -> ${target}`;
      if (arrowKeys.has(key)) continue;
      arrowKeys.add(key);
      arrows.push({ from: file, to: target, fromFolder, toFolder, fromLayer: layerOf(fromFolder), toLayer: layerOf(toFolder) });
    }
  }
  const up = arrows.filter((arrow) => arrow.toLayer > arrow.fromLayer);

  const edges = new Map<string, Set<string>>();
  for (const arrow of arrows) {
    if (!edges.has(arrow.fromFolder)) edges.set(arrow.fromFolder, new Set());
    edges.get(arrow.fromFolder)!.add(arrow.toFolder);
  }
  const folders = [...new Set(files.map(folderOf))].sort();
  const mutualPairs: [string, string][] = [];
  for (const a of folders) for (const b of folders) if (a < b && edges.get(a)?.has(b) && edges.get(b)?.has(a)) mutualPairs.push([a, b]);

  return { files, arrows, up, loops: stronglyConnected(folders, edges), mutualPairs };
}

/** Tarjan's strongly connected components, keeping those of two or more folders. */
function stronglyConnected(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of [...(edges.get(node) ?? [])].sort()) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The arrows that break a FORBIDDEN rule, each with the rule. */
export function forbiddenArrows(graph: ImportGraph): { arrow: Arrow; why: string }[] {
  const matches = (name: string, folder: string, layer: number) => name === folder || name === LAYERS[layer].name;
  const broken: { arrow: Arrow; why: string }[] = [];
  for (const arrow of graph.arrows) {
    const rule = FORBIDDEN.find((r) => matches(r.from, arrow.fromFolder, arrow.fromLayer) && matches(r.to, arrow.toFolder, arrow.toLayer));
    if (rule) broken.push({ arrow, why: rule.why });
  }
  return broken;
}

function main(): void {
  const { values } = parseArgs({
    options: { root: { type: 'string', default: path.resolve(__dirname, '..', '..') }, list: { type: 'boolean', default: false } },
  });
  const root = values.root;
  const graph = importGraph(root);
  console.log(
    `${graph.files.length} files under ${path.join(root, 'src')}; layers, bottom first: ${LAYERS.map((l) => `${l.name} (${l.folders.join(', ')})`).join('; ')}`,
  );
  console.log(`${graph.up.length} of ${graph.arrows.length} arrows between files of different folders run up the layers`);
  const folderArrows = new Set(graph.arrows.map((arrow) => `${arrow.fromFolder} -> ${arrow.toFolder}`));
  const folderArrowsUp = new Set(graph.up.map((arrow) => `${arrow.fromFolder} -> ${arrow.toFolder}`));
  console.log(`${folderArrowsUp.size} of ${folderArrows.size} arrows between folders run up the layers`);
  console.log(`folder loops: ${graph.loops.length === 0 ? 'none' : graph.loops.map((loop) => loop.join(' <-> ')).join('; ')}`);
  console.log(
    `folders importing each other directly: ${graph.mutualPairs.length === 0 ? 'none' : graph.mutualPairs.map(([a, b]) => `${a}<->${b}`).join(', ')}`,
  );
  const broken = forbiddenArrows(graph);
  console.log(`arrows the layering rule forbids: ${broken.length}`);
  if (values.list) {
    for (const arrow of graph.up) console.log(`  up: ${arrow.from} -> ${arrow.to}`);
    for (const { arrow, why } of broken) console.log(`  forbidden (${why}): ${arrow.from} -> ${arrow.to}`);
  }
}

if (require.main === module) main();
