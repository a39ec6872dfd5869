export { type Database, type DatabaseHandle, openDatabase } from './client.ts';
export { applyMigrations, expectedMigrations, migrationsApplied, rowsOf } from './migrations.ts';
export * from './schema.ts';
