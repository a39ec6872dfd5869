/** One `pass:`/`FAIL:` line per check, and reports/docker.json for .ci/summary.mjs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { repo } from './settings.ts';

const results: { name: string; ok: boolean; detail: string }[] = [];

export function check(name: string, ok: boolean, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'pass' : 'FAIL'}: ${name}${detail ? ` (${detail})` : ''}`);
}

export function report() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  mkdirSync(`${repo}reports`, { recursive: true });
  writeFileSync(
    `${repo}reports/docker.json`,
    `${JSON.stringify({ passed, failed, skipped: 0, results }, null, 2)}\n`,
  );
  console.log(`docker: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

export const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
