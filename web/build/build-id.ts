import { execFileSync } from 'node:child_process';

/**
 * What the app shows as its build, so a user (and the update test) can tell builds apart:
 * VITE_BUILD_ID when set (CI, the Docker image), else the git commit, else "dev".
 */
export function buildId(): string {
  if (process.env.VITE_BUILD_ID) return process.env.VITE_BUILD_ID;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'dev';
  }
}
