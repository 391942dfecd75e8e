import { randomBytes } from 'node:crypto';
import { migratedTemplate, TEMPLATE_ENV } from './test-database';

/**
 * jest globalSetup (e2e and reliability projects): names the run's template database and migrates it once.
 * Each test file then clones it (`CREATE DATABASE … TEMPLATE`, ~50 ms) instead of migrating its own (~3 s).
 * The name reaches the workers through the environment they inherit; a second project's setup in the same
 * run finds it set and the template built.
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEMPLATE_ENV] ??= `pr_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  await migratedTemplate();
}
