/** Builds the image and the stand-ins, and checks the image itself. */
import { spawnSync } from 'node:child_process';
import { hasImage, run } from './commands.ts';
import { check, seconds } from './results.ts';
import { docker, image, imageSizeLimitMb } from './settings.ts';

export async function buildImages() {
  const debianImage =
    process.env.DEBIAN_IMAGE ??
    (hasImage('debian:bookworm-slim') || !hasImage('local/debian:bookworm')
      ? 'debian:bookworm-slim'
      : 'local/debian:bookworm');
  const builds: [string, string[]][] = [
    [image, ['--target', 'runtime', '.']],
    ['polarity-stand-in/mlflow:protocol', ['--target', 'mlflow-stand-in', '.']],
    [
      'polarity-stand-in/postgres:15',
      ['--build-arg', `DEBIAN_IMAGE=${debianImage}`, 'deploy/docker/stand-ins/postgres'],
    ],
    [
      'polarity-stand-in/prometheus:2.42',
      ['--build-arg', `DEBIAN_IMAGE=${debianImage}`, 'deploy/docker/stand-ins/prometheus'],
    ],
  ];
  for (const [tag, args] of builds) {
    const started = Date.now();
    run(docker, ['build', '-q', '-t', tag, ...args], { quiet: true });
    console.log(`built ${tag} in ${seconds(started)}`);
  }
}

export function checkImage() {
  const [inspected] = JSON.parse(run(docker, ['image', 'inspect', image]));
  const sizeMb = inspected.Size / 1e6;
  check(
    `image ${image} is at most ${imageSizeLimitMb} MB`,
    sizeMb <= imageSizeLimitMb,
    `${sizeMb.toFixed(0)} MB`,
  );
  check('image runs as uid 1000', inspected.Config.User === '1000:1000', inspected.Config.User);
  check(
    'image has a HEALTHCHECK',
    (inspected.Config.Healthcheck?.Test ?? []).join(' ').includes('deploy/healthcheck.mjs'),
  );
  // FROM scratch: nothing to run but node, so no shell, npm or compiler to exec.
  const shell = spawnSync(docker, ['run', '--rm', '--entrypoint', 'sh', image, '-c', 'true'], {
    stdio: 'ignore',
  });
  check('image has no shell and no package manager', shell.status !== 0);
}
