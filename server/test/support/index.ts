/** Test fixtures other workspaces' tests use: a database of their own, the real app on it. */
export { type AppUnderTest, useAppUnderTest } from './app-under-test.ts';
export { createTestDatabase, type TestDatabase, testServerUrl } from './database.ts';
export { freePort } from './free-port.ts';
export {
  type AlertState,
  activeAlerts,
  type PrometheusProcess,
  startPrometheus,
} from './prometheus-process.ts';
export { type ServerProcess, startServerProcess } from './server-process.ts';
