import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** What `npm ci --omit=dev` (the image) installs, as npm resolves it: the names in `names`. */
function productionTree(names: string[]): Record<string, unknown> {
  let out: string;
  try {
    out = execFileSync('npm', ['ls', ...names, '--omit=dev', '--all', '--json'], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // npm ls exits 1 when none of the names is installed, which is the answer wanted here.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { dependencies?: Record<string, unknown> }).dependencies ?? {};
}

describe('production dependencies', () => {
  it('hold no TypeScript compiler or loader: the server runs compiled JavaScript', () => {
    expect(productionTree(['tsx', 'typescript', 'esbuild'])).toEqual({});
  });

  it('are what npm ls shows (the check above would pass on a typo)', () => {
    expect(Object.keys(productionTree(['onnxruntime-node']))).toContain('@polarity/server');
  });
});
