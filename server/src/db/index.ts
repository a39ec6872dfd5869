export { type Database, type DatabaseHandle, openDatabase } from './client.ts';
export { applyMigrations, expectedMigrations, migrationsApplied } from './migrations.ts';
export { rowsOf } from './rows.ts';
export * from './schema.ts';
