import { DatabaseRelay } from '../support/databaseRelay';
import { createDataSource } from '../../src/database/dataSource';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';

/**
 * PostgreSQL goes away while the server runs. The server reaches PostgreSQL through a TCP relay
 * that the test can cut, which is what the server sees when the database host stops or drops off
 * the network: connections reset, new ones refused. Requests must fail fast with
 * SERVICE_UNAVAILABLE, /readyz must say 503, and both must recover without a restart.
 */
let database: TestDatabase;
let relay: DatabaseRelay;
let relayPort: number;
let server: TestServer;
let http: { url: string; close: () => Promise<void> };
let dataSource: ReturnType<typeof createDataSource>;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  relay = DatabaseRelay.to(database.url);
  relayPort = await relay.start();
  target.port = String(relayPort);
  target.hostname = '127.0.0.1';
  dataSource = createDataSource(target.toString(), { poolSize: 4 });
  await dataSource.initialize();
  server = await TestServer.start(dataSource);
  http = await server.listen();
});

afterAll(async () => {
  await http.close();
  await server.stop();
  await dataSource.destroy().catch(() => undefined);
  if (relay.listening) await relay.cut();
  await database.drop();
});

const ask = async () => {
  const response = await fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ localAuthority(code: "E06000001") { name } }' }),
  });
  return (await response.json()) as { data?: { localAuthority: { name: string } | null }; errors?: { message: string; extensions: { code: string } }[] };
};
const ready = async () => (await fetch(`${http.url}/readyz`)).status;

it('fails fast with SERVICE_UNAVAILABLE while PostgreSQL is gone, and recovers on its own', async () => {
  expect((await ask()).data?.localAuthority?.name).toBe('Hartlepool');
  expect(await ready()).toBe(200);

  await relay.cut();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const started = Date.now();
    const body = await ask();
    expect(body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0].message).toMatch(/database is unavailable/);
    // Refused connections fail at once, not after the 5 s connect timeout.
    expect(Date.now() - started).toBeLessThan(5000);
  }
  expect(await ready()).toBe(503);
  expect((await fetch(`${http.url}/healthz`)).status).toBe(200);

  // PostgreSQL is back on the same address: no restart of the server.
  await relay.start(relayPort);
  let recovered = false;
  for (let attempt = 0; attempt < 20 && !recovered; attempt += 1) {
    recovered = (await ask()).data?.localAuthority?.name === 'Hartlepool';
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(recovered).toBe(true);
  expect(await ready()).toBe(200);
});
