/**
 * `npm run loop`: the feedback loop end to end without Docker. MLflow (or its in-process
 * protocol twin) gets the shipped champion; the API and the monitor run on a real Postgres; a
 * real Prometheus evaluates the repository's rules; the simulator makes the model look worse on
 * purpose until ModelAccuracyDegradation fires. Everything is torn down after.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type MlflowProtocolServer,
  startMlflowProtocolServer,
} from '@polarity/core/mlflow-stand-in';
import { createRegistry, LocalRegistry } from '@polarity/core/registry';
import { seededRandom } from '@polarity/model-export/random';
import { loadEnv } from '@polarity/server/env';
import {
  activeAlerts,
  createTestDatabase,
  type PrometheusProcess,
  type ServerProcess,
  startPrometheus,
  startServerProcess,
  type TestDatabase,
} from '@polarity/server/testing';
import { createApiClient } from '@polarity/simulator/api-client';
import { parseOptions } from '@polarity/simulator/options';
import { loadTestReviews, reviewSource } from '@polarity/simulator/reviews';
import { runSimulation } from '@polarity/simulator/simulation';
import { formatSummary } from '@polarity/simulator/summary';
import { demoRuleFiles } from './local-stack/demo-rules.ts';
import { localPrometheusConfig } from './local-stack/prometheus-config.ts';
import { seedChampion } from './seed-champion.ts';

const repo = fileURLToPath(new URL('../', import.meta.url));
const alertName = 'ModelAccuracyDegradation';
const loopBudgetMs = 180_000;
const evaluationIntervalS = 2;
/** How long an alert's condition must hold in the demo before it fires. */
const demoAlertFor = '10s';

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

async function main(): Promise<boolean> {
  // Only what server/src/env.ts defines: an outside MLflow or Postgres when given.
  const env = loadEnv();
  const work = await mkdtemp(join(tmpdir(), 'polarity-loop-'));
  const interrupted = new AbortController();
  const onInterrupt = () => {
    log('interrupted: tearing down');
    interrupted.abort();
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  // A plain timer: a signal from AbortSignal.any over AbortSignal.timeout can be collected unfired.
  const outOfTime = setTimeout(() => interrupted.abort(), loopBudgetMs);
  const budget = interrupted.signal;

  let mlflow: MlflowProtocolServer | undefined;
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let monitor: ServerProcess | undefined;
  let prometheus: PrometheusProcess | undefined;
  try {
    let trackingUri = env.MLFLOW_TRACKING_URI;
    if (!trackingUri) {
      mlflow = await startMlflowProtocolServer();
      trackingUri = mlflow.url;
      log(`MLflow protocol server (in-process) at ${trackingUri}`);
    } else log(`MLflow at ${trackingUri}`);
    const seeded = await seedChampion(
      new LocalRegistry(env.REGISTRY_DIR),
      createRegistry({
        registryDir: env.REGISTRY_DIR,
        mlflowTrackingUri: trackingUri,
        cacheDir: join(work, 'cache'),
      }),
      env.MODEL_NAME,
    );
    log(`model registry: ${JSON.stringify(seeded)}`);

    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      database = await createTestDatabase();
      databaseUrl = database.url;
      log(`throwaway Postgres database ${new URL(databaseUrl).pathname.slice(1)}`);
    }

    // Two processes, as in the compose stack: the API, and the monitor that publishes the gauges.
    const serverEnv = {
      DATABASE_URL: databaseUrl,
      MLFLOW_TRACKING_URI: trackingUri,
      MODEL_NAME: env.MODEL_NAME,
      DATA_DIR: join(work, 'data'),
      MONITOR_INTERVAL_MS: '2000',
      CHAMPION_POLL_INTERVAL_MS: '5000',
      RATE_LIMIT_PER_SECOND: '0',
    };
    server = await startServerProcess({ env: { ...serverEnv, ROLE: 'api' } });
    log(`API (ROLE=api) at ${server.url}`);
    monitor = await startServerProcess({ env: { ...serverEnv, ROLE: 'monitor' } });
    log(`monitor (ROLE=monitor) at ${monitor.url}/metrics`);

    const configDir = join(repo, 'monitoring', 'prometheus');
    const repoConfig = await readFile(join(configDir, 'prometheus.yml'), 'utf8').catch(
      (error: Error) => {
        throw new Error(
          `monitoring/prometheus/prometheus.yml is needed for the rules: ${error.message}`,
        );
      },
    );
    prometheus = await startPrometheus(
      localPrometheusConfig(
        repoConfig,
        configDir,
        { 'api:8000': `127.0.0.1:${server.port}`, 'monitor:8001': `127.0.0.1:${monitor.port}` },
        evaluationIntervalS,
        await demoRuleFiles(configDir, work, demoAlertFor),
      ),
      work,
    );
    log(
      `Prometheus at ${prometheus.url} (rules from monitoring/prometheus, every ${evaluationIntervalS} s, alerts held ${demoAlertFor} instead of their production 'for')`,
    );

    const options = parseOptions([
      `--url=${server.url}`,
      '--predictions=server',
      '--rate=10',
      `--duration=${Math.floor(loopBudgetMs / 1000)}s`,
      '--feedback-share=1',
      '--feedback-delay=1s',
      '--degrade',
    ]);
    const random = seededRandom(options.seed);
    const stopSimulation = new AbortController();
    budget.addEventListener('abort', () => stopSimulation.abort(), { once: true });
    log('simulator: 10 reviews/s through POST /api/predict, every verdict contradicting the model');
    const simulation = runSimulation(
      options,
      {
        api: createApiClient(server.url),
        reviews: reviewSource(await loadTestReviews(), options.seed),
        random,
        clientId: 'simulator-loop',
      },
      stopSimulation.signal,
    );

    const seen = await watchAlert(prometheus.url, budget);
    stopSimulation.abort();
    log(formatSummary(await simulation));
    return seen;
  } finally {
    await prometheus?.stop();
    await Promise.all([server?.stop(), monitor?.stop()]);
    await database?.drop();
    await mlflow?.close();
    await rm(work, { recursive: true, force: true });
    clearTimeout(outOfTime);
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    log('torn down');
  }
}

/** Polls Prometheus until the alert fires, or time is up. */
async function watchAlert(prometheusUrl: string, budget: AbortSignal): Promise<boolean> {
  let lastState = 'inactive';
  let lastFigures = '';
  while (!budget.aborted) {
    const figures = await qualityFigures(prometheusUrl);
    if (figures !== lastFigures) {
      log(`Prometheus sees ${figures}`);
      lastFigures = figures;
    }
    const alert = (await activeAlerts(prometheusUrl).catch(() => [])).find(
      (a) => a.name === alertName,
    );
    const state = alert?.state ?? 'inactive';
    if (state !== lastState) {
      log(`${alertName}: ${state}${alert ? ` ${JSON.stringify(alert.labels)}` : ''}`);
      lastState = state;
    }
    if (state === 'firing') return true;
    await new Promise((resolve) => setTimeout(resolve, evaluationIntervalS * 1000));
  }
  log(`${alertName} never fired within ${loopBudgetMs / 1000} s`);
  return false;
}

/** The series the alert reads, as Prometheus has them now. */
async function qualityFigures(prometheusUrl: string): Promise<string> {
  const value = async (query: string) => {
    const url = `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`;
    const body = (await fetch(url)
      .then((r) => r.json())
      .catch(() => ({}))) as { data?: { result?: { value: [number, string] }[] } };
    return body.data?.result?.map((r) => r.value[1]).join(',') || 'none';
  };
  const [targets, accuracy, feedback] = await Promise.all([
    value('up'),
    value('polarity_model_accuracy_ratio{window="24h"}'),
    value('polarity_window_feedback{window="24h"}'),
  ]);
  return `targets up=${targets}, accuracy(24h)=${accuracy}, feedback(24h)=${feedback}`;
}

main().then(
  (seen) => {
    process.exitCode = seen ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`loop: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
