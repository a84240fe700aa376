import { DatabaseRelay } from '../support/databaseRelay';
import { createDataSource } from '../../src/database/dataSource';
import { refreshFailure, refreshReports } from '../../src/reporting/refresh';
import { RefreshReportsDocument } from '../generated/graphql';
import { admin } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';

/**
 * refreshReports fails in two ways a caller can act on: an unknown rollup (fix the input) and a
 * database that is gone (try again later). They must not look alike: the second is UNAVAILABLE,
 * not VALIDATION. The database is reached through a TCP relay the test cuts, as in fault.test.ts.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the refresh to fail');
}

it('reports an unknown rollup as VALIDATION on input.rollups', async () => {
  const error = await failureOf(refreshReports(database.dataSource, { only: ['no_such_rollup'] }));
  expect(refreshFailure(error)).toEqual({
    code: 'VALIDATION',
    field: ['input', 'rollups'],
    message: expect.stringMatching(/^Unknown rollup\(s\): "no_such_rollup"; expected some of /),
  });
});

it('reports a lost database as UNAVAILABLE, not VALIDATION', async () => {
  const relay = DatabaseRelay.to(database.url);
  const port = await relay.start();
  const relayed = new URL(database.url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);
  const dataSource = createDataSource(relayed.toString(), { poolSize: 2, connectTimeoutMs: 1000 });
  await dataSource.initialize();
  const server = await TestServer.start(dataSource);
  try {
    // The database drops off the network: open connections reset, new ones refused.
    await relay.cut();
    const error = await failureOf(refreshReports(dataSource));
    expect(refreshFailure(error)).toEqual({
      code: 'UNAVAILABLE',
      field: null,
      message: expect.stringMatching(/^The database is unavailable at the moment, so nothing was refreshed/),
    });
    // And through the mutation an administrator calls: the payload's error, not VALIDATION.
    const answer = await server.execute(RefreshReportsDocument, {}, admin);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.refreshReports.status).toBeNull();
    expect(answer.data?.refreshReports.errors).toEqual([{ code: 'UNAVAILABLE', message: expect.stringMatching(/^The database is unavailable at the moment/) }]);
  } finally {
    await server.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
  }
});

it("throws on any other failure: a fault is not the caller's to fix", () => {
  const fault = new Error('a bug');
  expect(() => refreshFailure(fault)).toThrow(fault);
});
