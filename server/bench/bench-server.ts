import { execFileSync } from 'node:child_process';
import { repoRoot } from '../src/env.ts';
import {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from '../test/support/server-process.ts';

/**
 * The server the benches measure: compiled, on plain node with the image's flags, as `npm start`
 * and the image serve it. Through tsx (what the tests run, so they see the code as written)
 * esbuild's keep-names wraps every function made inside another in a `__name` call each time it
 * is made, which cost the long-review path alone several µs a request (2026-12-06), so figures
 * taken there describe no server anyone runs.
 */
export async function startBenchServer(
  options: Omit<ServerProcessOptions, 'runs'>,
): Promise<ServerProcess> {
  execFileSync(process.execPath, ['build/build.mjs', '--if-changed', '--skip-web'], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  return await startServerProcess({ ...options, runs: 'compiled' });
}
