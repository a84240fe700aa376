import 'reflect-metadata';
import { Client } from 'pg';
import { loadReferenceDataIfEmpty } from '../../src/councils/referenceData';
import { createDataSource } from '../../src/database/dataSource';
import { startEmbeddedPostgres, temporaryDataDir } from '../../src/database/embeddedPostgres';

/**
 * Runs once per `jest` run: finds or starts PostgreSQL, then builds a template database with
 * every migration and the reference data. Test files copy the template (see testDatabase.ts),
 * which takes a fraction of a second, so every file starts from the same known state.
 */
export default async function globalSetup(): Promise<void> {
  let maintenanceUrl = process.env.DATABASE_URL;
  if (!maintenanceUrl) {
    const embedded = await startEmbeddedPostgres(temporaryDataDir('tandem-test-'), { persistent: false });
    (globalThis as { __tandemStopPostgres?: () => Promise<void> }).__tandemStopPostgres = embedded.stop;
    maintenanceUrl = embedded.url;
  }
  const template = `tandem_test_template_${process.pid}`;
  const admin = new Client({ connectionString: maintenanceUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();

  const templateUrl = new URL(maintenanceUrl);
  templateUrl.pathname = `/${template}`;
  const dataSource = createDataSource(templateUrl.toString(), { poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await loadReferenceDataIfEmpty(dataSource);
  await dataSource.destroy();

  process.env.TANDEM_TEST_MAINTENANCE_URL = maintenanceUrl;
  process.env.TANDEM_TEST_TEMPLATE = template;
}
