import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';

/**
 * The SQL models in reports/, in the dbt tradition. Each model is one file,
 * `reports/models/NN_name.sql`, holding a single `select` and a header of `--` lines:
 *
 *   -- grain: one row per council, service and month end      (required, one sentence)
 *   -- materialized: view | table                              (required)
 *   -- key: council_code, service, month_end                   (tables: unique, not null; tested)
 *   -- index: council_code, service                            (optional, repeatable)
 *
 * NN orders the files: a model may read only models with a smaller NN (and, for staging views,
 * the operational tables). Data tests are `reports/tests/name.sql`: a query returning the rows
 * that break an invariant, so zero rows means it holds.
 */

export type Materialization = 'view' | 'table';

export type ReportModel = {
  name: string;
  file: string;
  order: number;
  grain: string;
  materialized: Materialization;
  key: string[];
  indexes: string[][];
  sql: string;
  hash: string;
};

export type ReportTest = { name: string; file: string; sql: string };

export const REPORTS_DIR = path.join(projectRoot, 'reports');

function header(sql: string, field: string): string[] {
  const pattern = new RegExp(`^--\\s*${field}:\\s*(.+)$`, 'gim');
  return [...sql.matchAll(pattern)].map((match) => match[1].trim());
}

const columns = (list: string) =>
  list
    .split(',')
    .map((column) => column.trim())
    .filter(Boolean);

export function parseModel(file: string, sql: string): ReportModel {
  const match = /^(\d+)_([a-z][a-z0-9_]*)\.sql$/.exec(path.basename(file));
  if (!match) throw new Error(`${file}: model files are named NN_name.sql (lower case, digits and underscores)`);
  const [grain] = header(sql, 'grain');
  const [materialized] = header(sql, 'materialized');
  if (!grain) throw new Error(`${file}: the header must state the grain ("-- grain: one row per ...")`);
  if (materialized !== 'view' && materialized !== 'table') throw new Error(`${file}: "-- materialized: view" or "-- materialized: table" is required`);
  const [key] = header(sql, 'key');
  if (materialized === 'table' && !key) throw new Error(`${file}: a table model must declare its key ("-- key: column, ...")`);
  const body = sql.trim().replace(/;\s*$/, '');
  return {
    name: match[2],
    file,
    order: Number(match[1]),
    grain,
    materialized,
    key: key ? columns(key) : [],
    indexes: header(sql, 'index').map(columns),
    sql: body,
    hash: createHash('sha256').update(body).digest('hex'),
  };
}

/** Every model, in dependency (file number) order. */
export function loadModels(dir = path.join(REPORTS_DIR, 'models')): ReportModel[] {
  const models = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => parseModel(file, fs.readFileSync(path.join(dir, file), 'utf8')))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const names = new Set<string>();
  for (const model of models) {
    if (names.has(model.name)) throw new Error(`${model.file}: another model is already called ${model.name}`);
    names.add(model.name);
  }
  return models;
}

export function loadTests(dir = path.join(REPORTS_DIR, 'tests')): ReportTest[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), file, sql: fs.readFileSync(path.join(dir, file), 'utf8').trim().replace(/;\s*$/, '') }));
}
