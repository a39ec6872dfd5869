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
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventBatchResult, ModelVersionMetadata, PredictResponse } from '@polarity/core/contracts';
import { compose, portIsFree, psql, run } from './stack/commands.ts';
import {
  answer,
  PromAlertmanagers,
  PromRules,
  post,
  promQuery,
  Readiness,
  waitFor,
} from './stack/http.ts';
import { buildImages, checkImage } from './stack/images.ts';
import { restartLosesNothing } from './stack/restart.ts';
import { check, report, seconds } from './stack/results.ts';
import { api, docker, ports, project, prometheus, runTag, services } from './stack/settings.ts';

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

  // The web app and the API reference: files the image carries besides the compiled server.
  for (const path of ['/', '/docs', '/docs/swagger-ui-bundle.js']) {
    const response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(10_000) });
    check(
      `GET ${path} through the published port`,
      response.status === 200,
      `HTTP ${response.status}`,
    );
  }

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
  // The api's first scrape can come before it answers (up = 0 until the next one, 15 s later).
  const apiUp = await waitFor(
    'Prometheus scraping the api',
    async () => {
      const [sample] = await promQuery('up{job="polarity-api"} == 1');
      return sample;
    },
    60_000,
  ).catch((error: Error) => error);
  check(
    'Prometheus scrapes the api',
    !(apiUp instanceof Error),
    apiUp instanceof Error ? apiUp.message : 'up{job="polarity-api"} = 1',
  );

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

async function main() {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(Number(port)))) {
      throw new Error(`${name}: port ${port} is in use on 127.0.0.1; set ${name} to a free one`);
    }
  }
  execFileSync(docker, ['info'], { stdio: 'ignore' });
  const started = Date.now();
  await buildImages();
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
