import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The Postgres server the tests use, as every other test does (server/test/support/database.ts):
 * TEST_DATABASE_URL, else the local server. The run gets a database of its own on it.
 */
const testServerUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The run's database, created once: Playwright loads its config again in every worker, and the
 * workers inherit E2E_DATABASE_URL from the runner, which set it here.
 */
export async function e2eDatabaseUrl(): Promise<string> {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const name = `polarity_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    const where = process.env.TEST_DATABASE_URL
      ? 'TEST_DATABASE_URL'
      : `${testServerUrl} (the default; set TEST_DATABASE_URL)`;
    throw new Error(`e2e: cannot create a database on ${where}: ${(error as Error).message}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  process.env.E2E_DATABASE_URL = url.href;
  return url.href;
}

/** Drops the run's database (Playwright's global teardown). */
export default async function dropE2eDatabase(): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
