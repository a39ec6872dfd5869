/** The docker and docker compose commands the test runs, from the repository root. */
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { docker, env, project, repo } from './settings.ts';

export function run(command: string, args: string[], options: { quiet?: boolean } = {}): string {
  const result = spawnSync(command, args, {
    cwd: repo,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output}`);
  }
  if (!options.quiet && result.stderr.trim()) process.stderr.write(result.stderr);
  return result.stdout;
}

const composeArgs = [
  'compose',
  '--project-name',
  project,
  '--project-directory',
  repo,
  '-f',
  'docker-compose.yml',
  '-f',
  'deploy/docker/compose.stand-ins.yml',
];
export const compose = (...args: string[]) =>
  run(docker, [...composeArgs, ...args], { quiet: true });

/** The same, without blocking the event loop: requests keep flowing while it runs. */
export async function composeInBackground(...args: string[]): Promise<void> {
  await promisify(execFile)(docker, [...composeArgs, ...args], { cwd: repo, env });
}

export function hasImage(name: string): boolean {
  return spawnSync(docker, ['image', 'inspect', name], { stdio: 'ignore' }).status === 0;
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export function psql(query: string): string {
  return compose(
    'exec',
    '-T',
    'postgres',
    'psql',
    '-U',
    'polarity',
    '-d',
    'polarity',
    '-tA',
    '-c',
    query,
  ).trim();
}
