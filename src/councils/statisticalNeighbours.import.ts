import type { DataSource } from 'typeorm';
import { ImportError, parseCsvRecords } from './csvRecords';
import { councilCodesWithOld, replaceStatisticalNeighbours } from './import.queries';

/**
 * Imports the Department for Education's statistical-neighbour model: for each council (by its
 * three-digit code) its ten closest councils SN_1..SN_10 with a closeness label SN_nP. One model
 * is held at a time: importing a model replaces the previous one in one transaction.
 */

export type NeighbourRow = { line: number; oldCode: string; rank: number; neighbourOldCode: string; closeness: string };

export function parseStatisticalNeighbours(csvText: string, file: string): NeighbourRow[] {
  const required = ['old_la_code', ...Array.from({ length: 10 }, (_, i) => [`SN_${i + 1}`, `SN_${i + 1}P`]).flat()];
  const records = parseCsvRecords(csvText, file, required);
  const rows: NeighbourRow[] = [];
  for (const { record, info } of records) {
    const oldCode = record.old_la_code.trim();
    if (!/^\d{3}$/.test(oldCode)) {
      throw new ImportError(file, info.lines, 'old_la_code', `expected a three-digit council code; got ${JSON.stringify(record.old_la_code)}`);
    }
    for (let rank = 1; rank <= 10; rank += 1) {
      const neighbour = record[`SN_${rank}`].trim();
      if (!/^\d{3}$/.test(neighbour)) {
        throw new ImportError(file, info.lines, `SN_${rank}`, `expected a three-digit council code; got ${JSON.stringify(record[`SN_${rank}`])}`);
      }
      // Some labels in the department's file carry a trailing space ("Close ").
      rows.push({ line: info.lines, oldCode, rank, neighbourOldCode: neighbour, closeness: record[`SN_${rank}P`].trim() });
    }
  }
  return rows;
}

export async function storeStatisticalNeighbours(dataSource: DataSource, rows: NeighbourRow[], model: string, file: string): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const councils = await councilCodesWithOld(manager);
    const byOldCode = new Map(councils.map((c) => [c.old_code, c.code]));
    const resolve = (oldCode: string, row: NeighbourRow, column: string) => {
      const code = byOldCode.get(oldCode);
      if (!code) throw new ImportError(file, row.line, column, `unknown council code ${oldCode}: import the official statistics first`);
      return code;
    };
    const councilCodes = rows.map((row) => resolve(row.oldCode, row, 'old_la_code'));
    const neighbourCodes = rows.map((row) => resolve(row.neighbourOldCode, row, `SN_${row.rank}`));
    await replaceStatisticalNeighbours(
      manager,
      { councilCodes, ranks: rows.map((r) => r.rank), neighbourCodes, closeness: rows.map((r) => r.closeness) },
      model,
    );
    return rows.length;
  });
}
