import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/dataSource';

/**
 * A private copy of the migrated template database for one test file. Call in `beforeAll` and
 * `drop()` in `afterAll`; files never see each other's writes.
 */
export type TestDatabase = { dataSource: DataSource; url: string; name: string; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const maintenanceUrl = process.env.TANDEM_TEST_MAINTENANCE_URL;
  const template = process.env.TANDEM_TEST_TEMPLATE;
  if (!maintenanceUrl || !template) throw new Error('Run tests with jest: globalSetup prepares the template database.');
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: maintenanceUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString(), { poolSize: 5 });
  await dataSource.initialize();
  return {
    dataSource,
    url: url.toString(),
    name,
    drop: async () => {
      await dataSource.destroy();
      const cleanup = new Client({ connectionString: maintenanceUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
