import type { EntityManager } from 'typeorm';
import { insertUnnested } from './demo.queries';

/**
 * Multi-row inserts through `unnest`: one statement carries thousands of rows as one array per
 * column, which is an order of magnitude faster than a statement per row and needs no COPY.
 */
export type ColumnType = 'uuid' | 'text' | 'date' | 'timestamptz' | 'boolean' | 'smallint' | 'text[]';

export type Column<Row> = { name: string; type: ColumnType; value: (row: Row) => string | number | boolean | string[] | null };

/** Rows per statement: large enough to amortise the round trip, small enough to keep parameters modest. */
export const ROWS_PER_STATEMENT = 5_000;

export class TableBuffer<Row> {
  private rows: Row[] = [];
  /** Rows written to the database so far. */
  written = 0;

  constructor(
    readonly table: string,
    private readonly columns: Column<Row>[],
  ) {}

  get pending(): number {
    return this.rows.length;
  }

  add(row: Row): void {
    this.rows.push(row);
  }

  async flush(manager: EntityManager): Promise<void> {
    await this.take()(manager);
  }

  /** Hands over the pending rows, so more can be added while these are written. */
  take(): (manager: EntityManager) => Promise<void> {
    const rows = this.rows;
    this.rows = [];
    return (manager) => this.write(manager, rows);
  }

  private async write(manager: EntityManager, rows: Row[]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
      await insertUnnested(
        manager,
        this.table,
        this.columns,
        this.columns.map((column) => batch.map((row) => toParameter(column, row))),
      );
      this.written += batch.length;
    }
  }
}

function toParameter<Row>(column: Column<Row>, row: Row): string | number | boolean | null {
  const value = column.value(row);
  if (Array.isArray(value)) return arrayLiteral(value);
  return value;
}

/** A PostgreSQL array literal with every element quoted, so commas or braces in values are safe. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`).join(',')}}`;
}
