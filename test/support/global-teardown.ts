import { adminQuery, dropRunDatabases, TEMPLATE_ENV } from './test-database';

/**
 * jest globalTeardown: drops the databases the run's test files created (see `TestDatabase.drop`), then the
 * run's template (and a half-built one left by an interrupted build).
 */
export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  await dropRunDatabases();
  await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(`DROP DATABASE IF EXISTS ${template}_building WITH (FORCE)`);
}
