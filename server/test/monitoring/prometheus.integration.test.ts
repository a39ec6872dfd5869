import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { type EventInput, QualityResponse } from '@polarity/core/contracts';
import { modelAlerts, serviceAlerts } from '@polarity/monitoring/alerts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createApiServices } from '../../src/api-services.ts';
import { createApp } from '../../src/app.ts';
import { rowsOf } from '../../src/db/rows.ts';
import { loadEnv } from '../../src/env.ts';
import { createServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { QualityMonitor } from '../../src/monitor/quality-monitor.ts';
import { createMonitorApp } from '../../src/roles/monitor.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { copyShippedRegistry, modelName } from '../support/model-registry.ts';
import {
  type PromResult,
  type ScrapingPrometheus,
  startPrometheus,
} from './scraping-prometheus.ts';

const monitoringDir = fileURLToPath(new URL('../../../monitoring/', import.meta.url));
const yamlFiles = (folder: string) =>
  readdirSync(`${monitoringDir}${folder}`)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${monitoringDir}${folder}/${name}`);
const ruleFiles = [...yamlFiles('prometheus/rules'), ...yamlFiles('prometheus/alerts')];

/** Every `expr` of every panel of every committed dashboard. */
function panelQueries(): { dashboard: string; panel: string; expr: string }[] {
  const found: { dashboard: string; panel: string; expr: string }[] = [];
  for (const file of readdirSync(`${monitoringDir}grafana/dashboards`)) {
    const dashboard = JSON.parse(
      readFileSync(`${monitoringDir}grafana/dashboards/${file}`, 'utf8'),
    );
    const visit = (panel: {
      title?: string;
      targets?: { expr?: string }[];
      panels?: unknown[];
    }) => {
      for (const target of panel.targets ?? []) {
        if (target.expr)
          found.push({ dashboard: dashboard.title, panel: panel.title ?? '', expr: target.expr });
      }
      for (const child of panel.panels ?? []) visit(child as typeof panel);
    };
    for (const panel of dashboard.panels) visit(panel);
  }
  return found;
}

const recordingExprs = ruleFiles.flatMap((file) =>
  (parse(readFileSync(file, 'utf8')) as { groups: { rules: { expr: string }[] }[] }).groups.flatMap(
    (g) => g.rules.map((r) => r.expr),
  ),
);
const accuracyAlert = modelAlerts.rules.find((rule) => rule.alert === 'ModelAccuracyDegradation')!;

let database: TestDatabase;
let registryCopy: Awaited<ReturnType<typeof copyShippedRegistry>>;
let prometheus: ScrapingPrometheus;
let monitor: QualityMonitor;
let apiUrl: string;
const closers: (() => unknown)[] = [];

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`127.0.0.1:${info.port}`),
    );
    closers.push(() => new Promise((done) => server.close(done)));
  });
}

const post = (path: string, body: unknown) =>
  fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Predictions of one version, each with feedback that agrees `agree` of the time (deterministically). */
function predictionBatch(
  version: string,
  count: number,
  feedback: number,
  agree: number,
  shadow: boolean,
) {
  const events: EventInput[] = [];
  for (let i = 0; i < count; i++) {
    const positive = i % 3 !== 0;
    const p = 0.55 + ((i * 7) % 45) / 100;
    const id = randomUUID();
    events.push({
      type: 'prediction',
      id,
      created_at: new Date().toISOString(),
      client_id: `client-${i % 5}`,
      source: 'web',
      model: { name: modelName, version },
      label: positive ? 'positive' : 'negative',
      probabilities: positive ? { positive: p, negative: 1 - p } : { positive: 1 - p, negative: p },
      runtime: i % 4 === 0 ? 'webgpu' : 'wasm',
      latency_ms: 2 + (i % 10),
      text: `review number ${i} ${'good '.repeat(i % 40)}`,
      shadow,
      token_count: 5 + (i % 40),
      unknown_token_rate: (i % 5) / 100,
    });
    if (i < feedback) {
      const right = i < feedback * agree;
      events.push({
        type: 'feedback',
        id: randomUUID(),
        created_at: new Date().toISOString(),
        client_id: `client-${i % 5}`,
        prediction_id: id,
        label: right === positive ? 'positive' : 'negative',
      });
    }
  }
  return events;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const hasData = (result: PromResult) =>
  result.status === 'success' && (result.data?.result.length ?? 0) > 0;
const sampleValue = async (expr: string) => {
  const result = await prometheus.query(expr);
  return hasData(result) ? Number(result.data!.result[0]!.value[1]) : undefined;
};

beforeAll(async () => {
  database = await createTestDatabase();
  registryCopy = await copyShippedRegistry(2);
  await registryCopy.registry.setAlias(modelName, 'challenger', '2');
  const env = loadEnv({ REGISTRY_DIR: registryCopy.dir, RATE_LIMIT_PER_SECOND: '0', ROLE: 'api' });
  const { metrics, registry: metricsRegistry } = createServiceMetrics();
  const api = createApiServices({ env, db: database.db, metrics, registry: registryCopy.registry });
  await api.models.start();
  closers.push(() => api.models.stop());
  apiUrl = `http://${await listen(createApp({ env, db: database.db, metrics, api, metricsRegistry }).fetch)}`;

  monitor = new QualityMonitor({
    db: database.db,
    modelName,
    modelRegistry: registryCopy.registry,
  });
  const monitorTarget = await listen(createMonitorApp(monitor).fetch);
  monitor.start(1_000);
  closers.push(() => monitor.stop());

  prometheus = await startPrometheus({
    targets: { 'polarity-api': apiUrl.replace('http://', ''), 'polarity-monitor': monitorTarget },
    ruleFiles,
  });

  const events = [
    ...predictionBatch('1', 150, 100, 0.9, false),
    ...predictionBatch('2', 150, 80, 1, true),
  ];
  for (let start = 0; start < events.length; start += 200) {
    const response = await post('/api/events', { events: events.slice(start, start + 200) });
    expect(response.status).toBe(200);
  }
  for (const text of ['Great blender, works perfectly.', 'Broke after two days. Awful.']) {
    expect((await post('/api/predict', { text })).status).toBe(200);
  }
  expect((await fetch(`${apiUrl}/api/models/${modelName}/aliases/champion`)).status).toBe(200);
  expect((await fetch(`${apiUrl}/api/quality?window=24h`)).status).toBe(200);
  await eventually('the v2 accuracy gauge in Prometheus', () =>
    sampleValue('polarity_model_accuracy_ratio{version="2",window="24h"}'),
  );
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  for (const close of closers.reverse()) await close();
  await registryCopy?.remove();
  await database?.drop();
});

describe('against a real Prometheus', () => {
  it('both targets are up', async () => {
    const up = await eventually('both targets scraped', async () => {
      const result = await prometheus.query('up == 1');
      return result.data?.result.length === 2 ? result.data.result : undefined;
    });
    expect(up.map((r) => r.metric.job).sort()).toEqual(['polarity-api', 'polarity-monitor']);
  });

  it('parses every recording rule and alert expression', async () => {
    const alertExprs = [...serviceAlerts.rules, ...modelAlerts.rules].map((rule) => rule.expr);
    for (const expr of [...recordingExprs, ...alertExprs]) {
      const result = await prometheus.query(expr);
      expect(result.status, `${expr}: ${result.error}`).toBe('success');
    }
  });

  it('returns data for every dashboard panel query', async () => {
    for (const { dashboard, panel, expr } of panelQueries()) {
      await eventually(`data for ${dashboard} / ${panel}: ${expr}`, async () =>
        hasData(await prometheus.query(expr)) ? true : undefined,
      );
    }
  }, 45_000);

  it('labels HTTP series with route templates', async () => {
    const result = await prometheus.query(
      'sum by (route) (http_requests_total{job="polarity-api"})',
    );
    const routes = result.data!.result.map((r) => r.metric.route);
    expect(routes).toContain('/api/models/:name/aliases/:alias');
    expect(routes).toContain('/api/events');
    expect(routes.some((route) => route?.includes(modelName))).toBe(false);
  });

  it('matches /api/quality to the rows in Postgres', async () => {
    const counts = rowsOf<{
      version: string;
      predictions: number;
      feedback: number;
      correct: number;
    }>(
      await database.db.execute(sql`
        select p.model_version as version, count(*)::int as predictions, count(f.label)::int as feedback,
               (count(*) filter (where f.label = p.label))::int as correct
          from predictions p left join feedback f on f.prediction_id = p.id group by 1 order by 1`),
    );
    const body = QualityResponse.parse(
      await (await fetch(`${apiUrl}/api/quality?window=24h`)).json(),
    );
    expect(body.versions.map((v) => [v.version, v.predictions, v.feedback])).toEqual(
      counts.map((c) => [c.version, c.predictions, c.feedback]),
    );
    for (const c of counts) {
      const version = body.versions.find((v) => v.version === c.version)!;
      expect(version.accuracy).toBeCloseTo(c.correct / c.feedback, 9);
    }
    expect(body.versions.find((v) => v.version === '1')!.aliases).toEqual(['champion']);
    expect(body.versions.find((v) => v.version === '2')!.aliases).toEqual(['challenger']);
  });

  it('wrong feedback drops accuracy for that version only and makes the accuracy alert true', async () => {
    const v1Before = await sampleValue('polarity_model_accuracy_ratio{version="1",window="24h"}');
    expect(await prometheus.query(accuracyAlert.expr)).toMatchObject({
      status: 'success',
      data: { result: [] },
    });

    const v2 = rowsOf<{ id: string; label: string }>(
      await database.db.execute(sql`select id, label from predictions where model_version = '2'`),
    );
    const wrong: EventInput[] = v2.map(({ id, label }) => ({
      type: 'feedback',
      id: randomUUID(),
      created_at: new Date(Date.now() + 1_000).toISOString(),
      client_id: 'disagreeing-client',
      prediction_id: id,
      label: label === 'positive' ? 'negative' : 'positive',
    }));
    expect((await post('/api/events', { events: wrong })).status).toBe(200);

    const v2After = await eventually('v2 accuracy to drop', async () => {
      const value = await sampleValue('polarity_model_accuracy_ratio{version="2",window="24h"}');
      return value !== undefined && value < 0.1 ? value : undefined;
    });
    expect(v2After).toBe(0);
    expect(await sampleValue('polarity_model_accuracy_ratio{version="1",window="24h"}')).toBe(
      v1Before,
    );
    const firing = await eventually('the accuracy alert expression', async () => {
      const result = await prometheus.query(accuracyAlert.expr);
      return hasData(result) ? result.data!.result : undefined;
    });
    expect(firing.map((series) => series.metric.version)).toEqual(['2']);
    const pending = await eventually('ModelAccuracyDegradation pending', async () => {
      const result = await prometheus.query('ALERTS{alertname="ModelAccuracyDegradation"}');
      return hasData(result) ? result.data!.result : undefined;
    });
    expect(pending.map((series) => [series.metric.version, series.metric.alertstate])).toEqual([
      ['2', 'pending'],
    ]);
  }, 30_000);
});
