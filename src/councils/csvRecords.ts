import { parse } from 'csv-parse/sync';

/** A rejected import: which file, line and column, and what was expected. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}: line ${line}${column ? `, column ${column}` : ''}: ${problem}`);
    this.name = 'ImportError';
  }
}

export type CsvRecord = { record: Record<string, string>; info: { lines: number } };

/**
 * Parses a CSV file with a header row into records that know their line number, handling a
 * byte-order mark and quoted fields; a malformed file or a missing column is an ImportError
 * naming the line (and column). Shared by the reference-data importers.
 */
export function parseCsvRecords(csvText: string, file: string, requiredColumns: readonly string[], requiredHint = 'required column is missing'): CsvRecord[] {
  let records: CsvRecord[];
  try {
    records = parse(csvText, { bom: true, columns: true, info: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    const csvError = error as { lines?: number; message: string };
    throw new ImportError(file, csvError.lines ?? 1, undefined, `not a well-formed CSV file (${csvError.message})`);
  }
  if (records.length === 0) throw new ImportError(file, 1, undefined, 'the file has a header but no rows, or is empty');
  for (const column of requiredColumns) {
    if (!(column in records[0].record)) throw new ImportError(file, 1, column, requiredHint);
  }
  return records;
}
