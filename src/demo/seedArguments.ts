import { parseArgs } from 'node:util';
import { MAX_DEMO_SCALE } from './demoData';

export const SEED_USAGE = `Usage: node dist/src/demo/seed.cli.js [--scale N] [--seed S]   (scale above 0 and at most ${MAX_DEMO_SCALE}, default 1; seed a whole number, default 42)`;

/**
 * Reads `--scale N --seed S` (or `--scale=N`) for the seed CLI; null when a flag is unknown,
 * has no value or is out of range, so the CLI prints its usage instead of guessing.
 */
export function parseSeedArguments(argv: string[]): { scale: number; seed: number } | null {
  let values: { scale?: string; seed?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, seed: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch {
    return null; // an unknown flag, a flag without its value, or a stray argument
  }
  if (values.scale?.trim() === '' || values.seed?.trim() === '') return null;
  const scale = Number(values.scale ?? 1);
  const seed = Number(values.seed ?? 42);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE || !Number.isSafeInteger(seed)) return null;
  return { scale, seed };
}
