import type { DataSource } from 'typeorm';

/** An md5 over every row of each table, to prove a failed operation changed nothing. */
export async function tableChecksums(db: DataSource, tables: string[]): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const [{ sum }] = await db.query(`select coalesce(md5(string_agg(t::text, '|' order by t::text)), 'empty') as sum from ${table} t`);
    sums[table] = sum;
  }
  return sums;
}
