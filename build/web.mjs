// The web app, built by Vite only when something it is built from changed: its sources, the
// core workspace it imports, the lockfile, and the build id it shows (web/build/build-id.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stampOf, upToDate, writeStamp } from './stamp.mjs';

const root = resolve(import.meta.dirname, '..');

/** Folders whose files the web build reads; tests, benchmarks and outputs are left out. */
const inputDirs = ['web', 'core/src'];
const skipped = new Set(['node_modules', 'dist', 'test', 'bench', 'test-results', 'dev-dist']);
const inputFiles = ['package-lock.json', 'tsconfig.base.json', 'build/web.mjs'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The id web/build/build-id.ts gives the build: VITE_BUILD_ID, else the git commit. */
function buildId() {
  if (process.env.VITE_BUILD_ID) return process.env.VITE_BUILD_ID;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'dev';
  }
}

/** Builds web/dist; with `ifChanged`, only when an input changed since the last build. */
export function buildWeb({ ifChanged }) {
  const inputs = [
    ...inputDirs.flatMap((dir) => filesUnder(join(root, dir))),
    ...inputFiles.map((file) => join(root, file)),
  ];
  const stamp = stampOf(inputs, { buildId: buildId() });
  if (ifChanged && upToDate('web', stamp, [join(root, 'web/dist/index.html')])) return false;
  execFileSync('npm', ['run', 'build', '--silent', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  writeStamp('web', stamp);
  return true;
}
