import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const maintenanceUrl = process.env.TANDEM_TEST_MAINTENANCE_URL;
  const template = process.env.TANDEM_TEST_TEMPLATE;
  if (maintenanceUrl && template) {
    const admin = new Client({ connectionString: maintenanceUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  }
  await (globalThis as { __tandemStopPostgres?: () => Promise<void> }).__tandemStopPostgres?.();
}
