// The first step of `npm test`: everything outside node_modules that the tests run, checked up
// front, so a missing one fails the run with one line naming it rather than a test failing
// (or skipping) halfway. `.ci/run` installs them all; the README lists them.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const tools = [
  { command: process.env.KUBECTL ?? 'kubectl', what: 'kubectl (or set KUBECTL)' },
  { command: 'promtool', what: 'promtool (Debian package prometheus)' },
  { command: 'amtool', what: 'amtool (Debian package prometheus-alertmanager)' },
];
const database = new URL(
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);

const missing = [];
try {
  accessSync(chromium, constants.X_OK);
} catch {
  missing.push(`Chromium at ${chromium} (Debian package chromium, or set CHROMIUM_PATH)`);
}
for (const { command, what } of tools) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
  } catch (error) {
    if (error.code === 'ENOENT') missing.push(`${what} on PATH`);
  }
}
const reachable = await new Promise((resolve) => {
  const socket = connect({ host: database.hostname, port: Number(database.port || 5432) });
  socket.setTimeout(3_000);
  const answer = (ok) => {
    socket.destroy();
    resolve(ok);
  };
  socket.once('connect', () => answer(true));
  socket.once('error', () => answer(false));
  socket.once('timeout', () => answer(false));
});
if (!reachable) {
  missing.push(
    `PostgreSQL at ${database.host} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'the default; set TEST_DATABASE_URL'})`,
  );
}
if (missing.length > 0) {
  console.error(`npm test needs: ${missing.join('; ')}`);
  process.exit(1);
}
