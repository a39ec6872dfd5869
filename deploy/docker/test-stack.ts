/**
 * `npm run test:docker`: builds the image and the stand-ins, brings the compose stack up for real
 * (docker-compose.yml + deploy/docker/compose.stand-ins.yml), drives it through its published
 * ports, and takes it down. One `pass:`/`FAIL:` line per check and a closing `docker: N passed,
 * N failed` line that .ci/summary.mjs reads from reports/docker.json. Exits 1 on any failure.
 *
 * Environment: DOCKER (the client; default /usr/bin/docker when present, since the machines'
 * /usr/local/bin/docker needs buildx), DEBIAN_IMAGE (base of the stand-ins; default
 * debian:bookworm-slim, or local/debian:bookworm from ../shared/docker-local when that is all
 * there is), TEST_API_PORT / TEST_MONITOR_PORT / TEST_MLFLOW_PORT / TEST_PROMETHEUS_PORT
 * (loopback ports published by the test stack; default 18700–18703), KEEP_STACK=1 (leave it up).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  EventBatchResult,
  ModelVersionMetadata,
  type PredictionEvent,
  PredictResponse,
} from '@polarity/core/contracts';
import { z } from 'zod';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const docker = process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');
const project = 'polarity-docker-test';
const image = 'polarity:local';
const imageSizeLimitMb = 300;

const ports = {
  TEST_API_PORT: process.env.TEST_API_PORT ?? '18700',
  TEST_MONITOR_PORT: process.env.TEST_MONITOR_PORT ?? '18701',
  TEST_MLFLOW_PORT: process.env.TEST_MLFLOW_PORT ?? '18702',
  TEST_PROMETHEUS_PORT: process.env.TEST_PROMETHEUS_PORT ?? '18703',
};
const api = `http://127.0.0.1:${ports.TEST_API_PORT}`;
const prometheus = `http://127.0.0.1:${ports.TEST_PROMETHEUS_PORT}`;
// Fresh secrets per run: the stack must work with whatever .env holds, not with known values.
const secrets = {
  POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
  ADMIN_TOKEN: randomBytes(16).toString('hex'),
};
const env = { ...process.env, ...ports, ...secrets, DOCKER_BUILDKIT: '1' };
// Every service the stack can run here; Grafana has no stand-in (README "Docker Compose").
const services = ['postgres', 'mlflow', 'api', 'monitor', 'prometheus', 'alertmanager'];
const runTag = `docker-test-${randomUUID().slice(0, 8)}`;

const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'pass' : 'FAIL'}: ${name}${detail ? ` (${detail})` : ''}`);
}

function run(command: string, args: string[], options: { quiet?: boolean } = {}): string {
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
const compose = (...args: string[]) => run(docker, [...composeArgs, ...args], { quiet: true });

function hasImage(name: string): boolean {
  return spawnSync(docker, ['image', 'inspect', name], { stdio: 'ignore' }).status === 0;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Polls `probe` until it returns a value or `timeoutMs` passes; the last error explains why not. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s (${last})`);
}

/** An HTTP answer, its body checked against `schema` when the status is 200. */
async function answer<T extends z.ZodType>(
  schema: T,
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body?: z.infer<T>; text: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, text };
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${url}: ${z.prettifyError(parsed.error)}`);
  return { status: 200, body: parsed.data, text };
}

const Readiness = z.object({ status: z.string() });
const PromVector = z.object({
  status: z.literal('success'),
  data: z.object({
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        value: z.tuple([z.number(), z.string()]),
      }),
    ),
  }),
});
const PromRules = z.object({
  data: z.object({
    groups: z.array(
      z.object({
        rules: z.array(
          z.object({
            name: z.string(),
            type: z.enum(['alerting', 'recording']),
            health: z.string(),
            lastError: z.string().optional(),
          }),
        ),
      }),
    ),
  }),
});
const PromAlertmanagers = z.object({
  data: z.object({ activeAlertmanagers: z.array(z.object({ url: z.string() })) }),
});

const post = <T extends z.ZodType>(schema: T, path: string, body: unknown) =>
  answer(schema, `${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

function psql(query: string): string {
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

async function promQuery(query: string) {
  const { body, text } = await answer(
    PromVector,
    `${prometheus}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  if (!body) throw new Error(`query ${query}: ${text}`);
  return body.data.result;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** A prediction event as a browser uploads it, with an id the script can look up afterwards. */
function predictionEvent(model: { name: string; version: string }, n: number): PredictionEvent {
  return {
    type: 'prediction',
    id: randomUUID(),
    created_at: new Date().toISOString(),
    client_id: runTag,
    source: 'web',
    model,
    label: 'positive',
    probabilities: { positive: 0.9, negative: 0.1 },
    runtime: 'wasm',
    latency_ms: 12,
    text: `${runTag} event ${n}: sturdy and well made`,
    shadow: false,
  };
}

async function build() {
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

function checkImage() {
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

async function driveStack() {
  const started = Date.now();
  compose('up', '--detach', '--no-build', '--wait', ...services);
  check('stack up and healthy', true, `${services.join(', ')} in ${seconds(started)}`);

  const modelInit = compose('logs', '--no-color', 'model-init');
  check(
    'model-init registered the shipped champion in MLflow',
    /registered .* as version \d+ of polarity-sentiment in http:\/\/mlflow:5001/.test(modelInit),
    modelInit
      .trim()
      .split('\n')
      .at(-1)
      ?.replace(/^\S+\s+\|\s*/, ''),
  );

  const ready = await answer(Readiness, `${api}/readyz`);
  check('api /readyz answers ready through the published port', ready.body?.status === 'ready');

  const champion = await answer(
    ModelVersionMetadata,
    `${api}/api/models/polarity-sentiment/aliases/champion`,
  );
  check(
    "api serves MLflow's champion",
    champion.body?.aliases.includes('champion') === true,
    `version ${champion.body?.version}, HTTP ${champion.status}`,
  );

  const predicted = await post(PredictResponse, '/api/predict', {
    text: `${runTag}: the battery lasts for days, great value`,
    client_id: runTag,
  });
  const prediction = predicted.body?.predictions?.[0];
  check(
    'POST /api/predict answers a prediction',
    predicted.status === 200 && typeof prediction?.id === 'string',
    `${prediction?.label} from ${prediction?.model?.name} v${prediction?.model?.version}`,
  );
  const feedbackId = randomUUID();
  const feedback = await post(EventBatchResult, '/api/events', {
    events: [
      {
        type: 'feedback',
        id: feedbackId,
        created_at: new Date().toISOString(),
        client_id: runTag,
        prediction_id: prediction?.id,
        label: 'positive',
      },
    ],
  });
  check(
    'POST /api/events stores the feedback',
    feedback.status === 200,
    JSON.stringify(feedback.body),
  );

  const rows = await waitFor(
    'the prediction and its feedback in the compose Postgres',
    async () => {
      const found = psql(
        `select p.label || ' ' || p.source || ' ' || f.label from predictions p join feedback f on f.prediction_id = p.id where p.id = '${prediction?.id}'`,
      );
      return found || undefined;
    },
    20_000,
  );
  check('the prediction and its feedback are rows in the compose Postgres', true, rows);

  const gauge = await waitFor(
    "the monitor's gauges in Prometheus",
    async () => {
      const [sample] = await promQuery(
        'polarity_window_predictions{job="polarity-monitor",window="24h"} >= 1',
      );
      return sample;
    },
    90_000,
  );
  check(
    "Prometheus scraped the monitor's gauges",
    true,
    `polarity_window_predictions{window="24h",version="${gauge.metric.version}"} = ${gauge.value[1]}`,
  );
  const apiUp = await promQuery('up{job="polarity-api"}');
  check('Prometheus scrapes the api', apiUp[0]?.value[1] === '1');

  const rules = await waitFor(
    'every rule evaluated',
    async () => {
      const { body } = await answer(PromRules, `${prometheus}/api/v1/rules`);
      const all = (body?.data.groups ?? []).flatMap((g) => g.rules);
      return all.length > 0 && all.every((r) => r.health !== 'unknown') ? all : undefined;
    },
    60_000,
  );
  const broken = rules.filter((r) => r.health !== 'ok');
  const alerts = rules.filter((r) => r.type === 'alerting');
  check(
    'Prometheus evaluates every alert and recording rule with health ok',
    broken.length === 0 && alerts.length > 0,
    broken.length
      ? broken.map((r) => `${r.name}: ${r.lastError}`).join('; ')
      : `${alerts.length} alerts, ${rules.length - alerts.length} recording rules`,
  );
  const { body: managers } = await answer(PromAlertmanagers, `${prometheus}/api/v1/alertmanagers`);
  check(
    'Prometheus sends alerts to the compose Alertmanager',
    managers?.data.activeAlertmanagers.some((a) => a.url.includes('alertmanager:9093')) === true,
  );

  if (!prediction) throw new Error('no prediction to take the model from');
  await restartLosesNothing(prediction.model);
}

/**
 * Predictions through the api and events uploaded while `docker compose restart api` runs: a
 * client retries what was refused (connection closed, 503), so everything answered 200 must be
 * stored, including what the api was still writing when it got SIGTERM.
 */
async function restartLosesNothing(model: { name: string; version: string }) {
  const acknowledged: string[] = [];
  let sending = true;
  let refused = 0;
  let n = 0;
  const sender = (async () => {
    while (sending) {
      const events = [predictionEvent(model, n++), predictionEvent(model, n++)];
      for (;;) {
        try {
          const stored = await post(EventBatchResult, '/api/events', { events });
          if (stored.status === 200) break;
        } catch {
          // the api is restarting: retry the same batch (idempotent by event id)
        }
        refused++;
        await sleep(250);
      }
      acknowledged.push(...events.map((e) => e.id));
      const predicted = await post(PredictResponse, '/api/predict', {
        text: `${runTag} predict ${n}: broke after a week`,
        client_id: runTag,
      }).catch(() => undefined);
      const id = predicted?.body?.predictions[0]?.id;
      if (id) acknowledged.push(id);
      await sleep(50);
    }
  })();

  await sleep(2_000);
  const started = Date.now();
  // Asynchronously, so the sender keeps sending while the api stops, drains and starts.
  await promisify(execFile)(docker, [...composeArgs, 'restart', 'api'], { cwd: repo, env });
  await waitFor(
    'api ready after restart',
    async () =>
      (await answer(Readiness, `${api}/readyz`)).body?.status === 'ready' ? true : undefined,
    120_000,
  );
  const restartTook = seconds(started);
  await sleep(2_000);
  sending = false;
  await sender;

  const ids = acknowledged.map((id) => `'${id}'`).join(',');
  const stored = await waitFor(
    'every acknowledged prediction stored',
    async () => {
      const count = Number(psql(`select count(*) from predictions where id in (${ids})`));
      return count === acknowledged.length ? count : undefined;
    },
    30_000,
  ).catch(() => Number(psql(`select count(*) from predictions where id in (${ids})`)));
  check(
    '`docker compose restart api` loses nothing sent around it',
    stored === acknowledged.length && refused > 0,
    `${stored} of ${acknowledged.length} acknowledged stored, ${refused} refused during the restart and retried, ready again in ${restartTook}`,
  );
}

function downClean() {
  compose('down', '--volumes', '--remove-orphans');
  const left = run(docker, [
    'ps',
    '--all',
    '--quiet',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  ]).trim();
  const volumes = run(docker, [
    'volume',
    'ls',
    '--quiet',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  ]).trim();
  check(
    '`down -v` leaves no container and no volume',
    left === '' && volumes === '',
    `${left} ${volumes}`.trim(),
  );
}

function report() {
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

async function main() {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(Number(port)))) {
      throw new Error(`${name}: port ${port} is in use on 127.0.0.1; set ${name} to a free one`);
    }
  }
  execFileSync(docker, ['info'], { stdio: 'ignore' });
  const started = Date.now();
  await build();
  checkImage();
  compose('down', '--volumes', '--remove-orphans');
  try {
    await driveStack();
  } catch (error) {
    check('stack driven to the end', false, error instanceof Error ? error.message : String(error));
    process.stdout.write(compose('logs', '--no-color', '--tail', '40'));
  } finally {
    if (process.env.KEEP_STACK !== '1') downClean();
  }
  console.log(`docker: build and stack took ${seconds(started)}`);
}

main()
  .catch((error: unknown) => {
    check('docker test ran', false, error instanceof Error ? error.message : String(error));
  })
  .finally(() => {
    process.exitCode = report() ? 0 : 1;
  });
