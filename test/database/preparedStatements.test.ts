import sql from 'sql-template-tag';
import { z } from 'zod';
import { createDataSource } from '../../src/database/dataSource';
import { rowParser } from '../../src/database/rows';
import { query } from '../../src/database/sql';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';

/**
 * Statements on the operational tables run as named statements, prepared once per connection
 * (src/database/dataSource.ts); those on the rollups do not, and DATABASE_PREPARED_STATEMENTS=false
 * turns it off. A pool of one connection lets pg_prepared_statements show that connection's.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const countRow = rowParser(z.object({ n: z.number().int() }));
const preparedRow = rowParser(z.object({ name: z.string(), statement: z.string() }));

async function withOneConnection<T>(preparedStatements: boolean, work: (db: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const db = createDataSource(database.url, { poolSize: 1, preparedStatements });
  await db.initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const prepared = (db: ReturnType<typeof createDataSource>) =>
  query(db, sql`select name, statement from pg_prepared_statements where name like ${'tandem_%'}::text order by name`, preparedRow);

it('prepares a statement on the operational tables once, and runs it again by name with new values', async () => {
  await withOneConnection(true, async (db) => {
    const statement = (code: string) => sql`select count(*)::int as n from referrals r where r.council_code = ${code}::text`;
    expect(await query(db, statement('E06000001'), countRow)).toEqual([{ n: 0 }]);
    expect(await query(db, statement('E06000002'), countRow)).toEqual([{ n: 0 }]);
    const statements = (await prepared(db)).filter((row) => row.statement === statement('E06000001').text);
    expect(statements).toHaveLength(1);
    expect(statements[0].name).toMatch(/^tandem_[0-9a-f]{24}$/);
  });
});

it('does not prepare statements on the rollups, which a refresh replaces', async () => {
  await withOneConnection(true, async (db) => {
    const statement = sql`select count(*)::int as n from reporting.refresh_runs where status = ${'SUCCEEDED'}::text`;
    await query(db, statement, countRow);
    await query(db, statement, countRow);
    expect((await prepared(db)).map((row) => row.statement)).not.toContain(statement.text);
  });
});

it('prepares nothing with DATABASE_PREPARED_STATEMENTS=false', async () => {
  await withOneConnection(false, async (db) => {
    const statement = sql`select count(*)::int as n from children c where c.council_code = ${'E06000001'}::text`;
    await query(db, statement, countRow);
    await query(db, statement, countRow);
    expect(await prepared(db)).toEqual([]);
  });
});
