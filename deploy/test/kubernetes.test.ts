import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderKubernetesFiles } from '@polarity/monitoring/kubernetes';
import { EnvSchema } from '@polarity/server/env';
import { healthRoutes } from '@polarity/server/health';
import { createMonitorApp } from '@polarity/server/roles/monitor';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appSecretOf, readWriteServiceOf } from './support/cloudnative-pg.ts';
import { type KubernetesObject, kustomize, schemaProblems } from './support/kubernetes.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(repo, path), 'utf8');

const base = kustomize(join(repo, 'deploy/k8s/base'));
const example = kustomize(join(repo, 'deploy/k8s/overlays/example'));

const ofKind = (kind: string) => example.filter((o) => o.kind === kind);
function find(kind: string, name: string): KubernetesObject {
  const found = example.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`the example overlay renders no ${kind}/${name}`);
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests; their shape is checked by schemaProblems
type Field = any;
const podSpecOf = (o: KubernetesObject): Field => o.spec.template.spec;
const workloads = example.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
/** Workloads running this repository's image (the others are MLflow's). */
const ours = workloads.filter((o) =>
  podSpecOf(o).containers.some((c: { image: string }) => /\/polarity:/.test(c.image)),
);
const container = (o: KubernetesObject) => podSpecOf(o).containers[0];

/** `env` of a container as EnvSchema sees it; secrets replaced by values of their shape. */
function envOf(c: Field): Record<string, string> {
  const sample: Record<string, string> = {
    DATABASE_URL: 'postgresql://polarity:secret@polarity-db-rw.polarity:5432/polarity',
    ADMIN_TOKEN: 'a-token-of-at-least-16-characters',
  };
  return Object.fromEntries(
    (c.env ?? []).map((e: { name: string; value?: string }) => [
      e.name,
      e.value ?? sample[e.name] ?? `unknown secret variable ${e.name}`,
    ]),
  );
}

function selects(selector: Record<string, string>, labels: Record<string, string> = {}) {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** The NetworkPolicy that admits traffic to pods with these labels (not the default deny). */
const policyFor = (labels: Record<string, string>) =>
  ofKind('NetworkPolicy').find(
    (p) =>
      Object.keys(p.spec.podSelector.matchLabels ?? {}).length > 0 &&
      selects(p.spec.podSelector.matchLabels, labels),
  );

/** The secrets table of the README's Kubernetes section: name, keys, who makes it. */
const readmeSection = read('README.md').split('## Run on Kubernetes')[1]?.split('\n## ')[0] ?? '';
const secretRows = (readmeSection.split('| secret | keys |')[1]?.split('\n\n')[0] ?? '')
  .split('\n')
  .filter((line) => /^\| `[\w-]+` \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, name = '', keys = '', madeBy = '']) => ({
    name: name.replaceAll('`', ''),
    keys: [...keys.matchAll(/`([^`]+)`/g)].map(([, key]) => key!),
    madeBy,
  }));

describe('deploy/k8s renders and validates offline', () => {
  it('renders the base and the example overlay with kubectl kustomize', () => {
    expect(base.length).toBeGreaterThan(10);
    const names = example.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size, 'two objects share a kind and name').toBe(names.length);
    for (const o of example) {
      if (o.kind !== 'Namespace') expect(o.metadata.namespace, names.join()).toBe('polarity');
    }
  });

  it.each([
    ['base', base],
    ['overlays/example', example],
  ])(
    '%s: every object is valid against the Kubernetes API schema or its CRD schema',
    async (_, objects) => {
      const problems = (await Promise.all(objects.map(schemaProblems))).flat();
      expect(problems).toEqual([]);
    },
  );

  it('rejects an invalid object, so the validation above can fail', async () => {
    const api = structuredClone(find('Deployment', 'polarity-api'));
    api.spec.replicas = 'two';
    expect(await schemaProblems(api)).toEqual([expect.stringContaining('replicas')]);
    const cluster = structuredClone(find('Cluster', 'polarity-db'));
    cluster.spec.instancez = 3;
    expect(await schemaProblems(cluster)).toEqual([expect.stringContaining('instancez')]);
  });

  it('gives every image of the example overlay a registry and a tag', () => {
    for (const o of workloads) {
      for (const c of podSpecOf(o).containers) {
        expect(c.image, `${o.metadata.name}/${c.name}`).toMatch(
          /^[\w.-]+\.[\w.-]+\/[\w./-]+:[\w.-]+$/,
        );
      }
    }
    expect(existsSync(join(repo, 'deploy/k8s/mlflow/Dockerfile'))).toBe(true);
  });
});

describe('the api Deployment', () => {
  const api = find('Deployment', 'polarity-api');
  const c = container(api);
  const env = EnvSchema.parse(envOf(c));
  const probePort = (probe: { httpGet: { port: string | number } }) =>
    typeof probe.httpGet.port === 'number'
      ? probe.httpGet.port
      : c.ports.find((p: { name: string }) => p.name === probe.httpGet.port)?.containerPort;

  it('runs at least two replicas, scaled on CPU by an HPA and kept up by a PDB', () => {
    expect(env.ROLE).toBe('api');
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    const hpa = ofKind('HorizontalPodAutoscaler').find(
      (h) =>
        h.spec.scaleTargetRef.kind === 'Deployment' &&
        h.spec.scaleTargetRef.name === 'polarity-api',
    );
    expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa?.spec.metrics).toContainEqual(
      expect.objectContaining({
        type: 'Resource',
        resource: expect.objectContaining({ name: 'cpu' }),
      }),
    );
    const podLabels = api.spec.template.metadata.labels;
    const pdb = ofKind('PodDisruptionBudget').find((p) =>
      selects(p.spec.selector.matchLabels, podLabels),
    );
    expect(pdb, 'no PodDisruptionBudget selects the api pods').toBeDefined();
    expect(pdb!.spec.maxUnavailable ?? api.spec.replicas - pdb!.spec.minAvailable).toBeLessThan(
      api.spec.replicas,
    );
  });

  it('probes /healthz (startup, liveness) and /readyz (readiness) on PORT, routes the API serves', async () => {
    expect(c.startupProbe.httpGet.path).toBe('/healthz');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probePort(probe)).toBe(env.PORT);
    }
    // No database here: /healthz answers, /readyz exists and says not ready.
    const drainingLog = { health: () => ({ pending: 0, stalledMs: 0, fill: 0 }) };
    const noModel = { modelName: 'polarity-sentiment', current: () => undefined };
    const routes = healthRoutes(undefined as never, drainingLog, noModel);
    expect((await routes.request('/healthz')).status).toBe(200);
    expect((await routes.request('/readyz')).status).toBe(503);
  });

  it('outlives its drain on SIGTERM: grace period > preStop + the prediction-log drain', () => {
    const drainMs = /const shutdownDrainMs = ([\d_]+);/.exec(read('server/src/roles/api.ts'))?.[1];
    expect(drainMs, 'shutdownDrainMs in server/src/roles/api.ts').toBeDefined();
    const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(preStop, 'preStop lets endpoints drop the pod first').toBeGreaterThan(0);
    expect(podSpecOf(api).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      preStop + Number(drainMs!.replaceAll('_', '')) / 1000 + 10,
    );
  });

  it('has requests and limits, at least the memory the soak bench measured (RSS 254 MiB)', () => {
    const mebibytes = (q: string) => Number.parseInt(q, 10) * (q.endsWith('Gi') ? 1024 : 1);
    expect(mebibytes(c.resources.requests.memory)).toBeGreaterThanOrEqual(256);
    expect(mebibytes(c.resources.limits.memory)).toBeGreaterThan(
      mebibytes(c.resources.requests.memory),
    );
    expect(c.resources.requests.cpu).toBeDefined();
  });
});

describe('the monitor, model-init, MLflow and Postgres', () => {
  it('runs exactly one monitor, never two at once, probed on MONITOR_PORT /healthz', async () => {
    const monitor = find('Deployment', 'polarity-monitor');
    expect(monitor.spec.replicas).toBe(1);
    expect(monitor.spec.strategy.type).toBe('Recreate');
    expect(ofKind('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).not.toContain(
      'polarity-monitor',
    );
    const c = container(monitor);
    const env = EnvSchema.parse(envOf(c));
    expect(env.ROLE).toBe('monitor');
    expect(c.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([
      env.MONITOR_PORT,
    ]);
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probe.httpGet.path).toBe('/healthz');
    }
    const app = createMonitorApp({ registry: new Registry() } as unknown as Parameters<
      typeof createMonitorApp
    >[0]);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('runs model-init as a Job with the command compose runs', () => {
    const job = find('Job', 'polarity-model-init');
    const compose = parse(readFileSync(join(repo, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { command?: string[] }>;
    };
    // The compiled script the image ships (deploy/dist, built by `npm run build` in the Dockerfile).
    expect(container(job).command).toEqual(compose.services['model-init']?.command);
    expect(container(job).command).toContain('deploy/dist/model-init.js');
    expect(podSpecOf(job).restartPolicy).not.toBe('Always');
  });

  it('starts every process of ours with a file that exists once built', () => {
    // The image holds what `npm run build` writes; the web app is not a process.
    execFileSync(process.execPath, ['build/build.mjs', '--if-changed', '--skip-web'], {
      cwd: repo,
      stdio: 'pipe',
    });
    for (const o of ours) {
      const command: string[] = container(o).command ?? ['server/dist/index.js'];
      for (const file of command.filter((word) => /\.(ts|mjs|js)$/.test(word))) {
        expect(existsSync(join(repo, file)), `${o.metadata.name}: ${file}`).toBe(true);
      }
    }
  });

  it('keeps MLflow’s backend store in a Postgres database of the CloudNativePG cluster', () => {
    const cluster = find('Cluster', 'polarity-db');
    const mlflow = find('Deployment', 'mlflow');
    const backend = container(mlflow).command.find((arg: string) =>
      arg.startsWith('--backend-store-uri='),
    );
    const url = new URL(backend.split('=')[1].replace(/\$\((\w+)\)/g, 'x'));
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname).toBe(readWriteServiceOf(cluster.metadata.name));
    const database = ofKind('Database').find((d) => d.spec.name === url.pathname.slice(1));
    expect(database?.spec.cluster.name).toBe(cluster.metadata.name);
    expect(cluster.spec.managed.roles.map((r: { name: string }) => r.name)).toContain(
      database!.spec.owner,
    );
    // Artifacts on a volume MLflow serves itself.
    expect(container(mlflow).command).toContain('--serve-artifacts');
    expect(podSpecOf(mlflow).volumes).toContainEqual(
      expect.objectContaining({ persistentVolumeClaim: expect.anything() }),
    );
  });
});

describe('settings, ports and secrets match server/src/env.ts and the README', () => {
  it('gives our containers only settings env.ts knows, with valid values', () => {
    const known = Object.keys(EnvSchema.shape);
    for (const o of ours) {
      const env = envOf(container(o));
      for (const key of Object.keys(env))
        expect(known, `${o.metadata.name}: ${key}`).toContain(key);
      const parsed = EnvSchema.safeParse(env);
      expect(parsed.success, `${o.metadata.name}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('points DATABASE_URL at the secret CloudNativePG makes, and MLflow at its Service', () => {
    const cluster = find('Cluster', 'polarity-db');
    for (const o of ours) {
      for (const e of container(o).env) {
        if (e.name === 'DATABASE_URL') {
          expect(e.valueFrom.secretKeyRef).toEqual({
            name: appSecretOf(cluster.metadata.name),
            key: 'uri',
          });
        }
        if (e.name === 'MLFLOW_TRACKING_URI') {
          const url = new URL(e.value);
          const service = find('Service', url.hostname);
          expect(service.spec.ports.map((p: { port: number }) => p.port)).toContain(
            Number(url.port),
          );
        }
      }
    }
  });

  it('serves each Service on the port of the README services table, reaching a port its pods declare', () => {
    const table = read('README.md').split('## Services and ports')[1]?.split('\n## ')[0] ?? '';
    const documented = Object.fromEntries(
      table
        .split('\n')
        .filter((line) => /^\|[^|]+\|\s*\d+\s*\|/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map(([, label = '', port = '']) => [label.split(/\s/)[0]!.toLowerCase(), Number(port)]),
    );
    for (const service of ofKind('Service')) {
      const role = service.metadata.name.replace(/^polarity-/, '');
      expect(documented, `README has no row for ${role}`).toHaveProperty([role]);
      expect(service.spec.ports.map((p: { port: number }) => p.port)).toEqual([documented[role]]);
      const pods = workloads.filter((w) =>
        selects(service.spec.selector, w.spec.template.metadata.labels),
      );
      expect(
        pods.map((w) => w.metadata.name),
        `${service.metadata.name} selects`,
      ).toHaveLength(1);
      const declared = podSpecOf(pods[0]!).containers.flatMap((c: Field) => c.ports ?? []);
      for (const port of service.spec.ports) {
        expect(
          declared.map((p: Field) => p.name),
          service.metadata.name,
        ).toContain(port.targetPort);
      }
    }
  });

  it('uses only secrets the cluster operator makes or the README tells you to create, with those keys', () => {
    const made = new Set([
      ...ofKind('Secret').map((s) => s.metadata.name),
      ...ofKind('Cluster').map((c) => appSecretOf(c.metadata.name)),
    ]);
    const toCreate = secretRows.filter((row) => !/CloudNativePG/.test(row.madeBy));
    expect(toCreate.length).toBeGreaterThan(0);
    const used = new Map<string, Set<string>>();
    const use = (name: string, key?: string) => {
      used.set(name, used.get(name) ?? new Set());
      if (key) used.get(name)!.add(key);
    };
    for (const o of workloads) {
      for (const c of podSpecOf(o).containers) {
        for (const e of c.env ?? [])
          if (e.valueFrom?.secretKeyRef)
            use(e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key);
      }
    }
    for (const cluster of ofKind('Cluster')) {
      for (const role of cluster.spec.managed?.roles ?? [])
        if (role.passwordSecret) use(role.passwordSecret.name, 'password');
    }
    for (const ingress of ofKind('Ingress'))
      for (const tls of ingress.spec.tls ?? []) use(tls.secretName);

    for (const [name, keys] of used) {
      if (made.has(name)) continue;
      const row = toCreate.find((r) => r.name === name);
      expect(row, `secret ${name} is neither made in the cluster nor in the README`).toBeDefined();
      for (const key of keys) expect(row!.keys, `${name} key ${key}`).toContain(key);
    }
    expect(new Set(toCreate.map((r) => r.name))).toEqual(
      new Set([...used.keys()].filter((name) => !made.has(name))),
    );
  });
});

describe('security', () => {
  it('runs every pod non-root, read-only, without privilege escalation or capabilities', () => {
    for (const o of workloads) {
      const pod = podSpecOf(o);
      expect(pod.securityContext.runAsNonRoot, o.metadata.name).toBe(true);
      expect(pod.securityContext.seccompProfile?.type, o.metadata.name).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken, o.metadata.name).toBe(false);
      for (const c of pod.containers) {
        const where = `${o.metadata.name}/${c.name}`;
        expect(c.securityContext, where).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources.requests, where).toBeDefined();
        expect(c.resources.limits?.memory, where).toBeDefined();
      }
    }
  });

  it('denies ingress by default; only the ingress (and Prometheus) reach the API', () => {
    const policies = ofKind('NetworkPolicy');
    expect(policies).toContainEqual(
      expect.objectContaining({ spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
    );
    const api = policyFor(find('Deployment', 'polarity-api').spec.template.metadata.labels);
    const peers = api!.spec.ingress.flatMap((rule: Field) => rule.from);
    expect(peers.every((peer: Field) => peer.namespaceSelector && !peer.podSelector)).toBe(true);
    expect(
      peers
        .map((p: Field) => p.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])
        .sort(),
    ).toEqual(['ingress-nginx', 'monitoring']);
    const ingress = find('Ingress', 'polarity');
    const backends = ingress.spec.rules.flatMap((r: Field) =>
      r.http.paths.map((p: Field) => p.backend.service),
    );
    expect(backends).toEqual([{ name: 'polarity-api', port: { name: 'http' } }]);
  });

  it('lets only the API and the monitor (and MLflow, model-init where they must) reach Postgres and MLflow', () => {
    const peersOf = (labels: Record<string, string>) => {
      const policy = policyFor(labels);
      return (policy?.spec.ingress ?? [])
        .flatMap((rule: Field) => rule.from)
        .filter((peer: Field) => peer.podSelector)
        .map(
          (peer: Field) =>
            peer.podSelector.matchLabels['app.kubernetes.io/name'] ??
            `cluster ${peer.podSelector.matchLabels['cnpg.io/cluster']}`,
        )
        .sort();
    };
    expect(peersOf({ 'cnpg.io/cluster': 'polarity-db' })).toEqual([
      'cluster polarity-db',
      'mlflow',
      'polarity-api',
      'polarity-monitor',
    ]);
    expect(peersOf(find('Deployment', 'mlflow').spec.template.metadata.labels)).toEqual([
      'polarity-api',
      'polarity-model-init',
      'polarity-monitor',
    ]);
  });
});

describe('Prometheus Operator objects', () => {
  it.each(Object.keys(renderKubernetesFiles()))('committed %s matches its generator', (path) => {
    // Stale? Run `npm run monitoring:generate` and commit the result.
    expect(read(path)).toBe(renderKubernetesFiles()[path]);
  });

  it('carries the same rule groups Prometheus loads in compose', () => {
    const files = [
      'rules/service.yaml',
      'rules/model-quality.yaml',
      'alerts/service.yaml',
      'alerts/model-quality.yaml',
    ];
    const compose = files.flatMap(
      (f) => (parse(read(`monitoring/prometheus/${f}`)) as { groups: unknown[] }).groups,
    );
    expect(find('PrometheusRule', 'polarity').spec.groups).toEqual(compose);
  });

  it('scrapes each Service whose name is a job the rules select, on a port it has', () => {
    const rules = JSON.stringify(find('PrometheusRule', 'polarity').spec.groups);
    const jobs = new Set([...rules.matchAll(/job=\\"([\w-]+)\\"/g)].map(([, job]) => job));
    expect(jobs.size).toBeGreaterThan(0);
    const scraped = ofKind('ServiceMonitor').map((monitor) => {
      const services = ofKind('Service').filter((s) =>
        selects(monitor.spec.selector.matchLabels, s.metadata.labels),
      );
      expect(services, `${monitor.metadata.name} selects one Service`).toHaveLength(1);
      for (const endpoint of monitor.spec.endpoints) {
        expect(services[0]!.spec.ports.map((p: { name: string }) => p.name)).toContain(
          endpoint.port,
        );
        expect(endpoint.path).toBe('/metrics');
      }
      return services[0]!.metadata.name;
    });
    expect(scraped.sort()).toEqual(['polarity-api', 'polarity-monitor']);
    for (const job of jobs) expect(scraped).toContain(job);
  });

  it('ships both dashboards as ConfigMaps Grafana’s sidecar loads, and Alertmanager routing', () => {
    const dashboards = ofKind('ConfigMap').filter(
      (c) => c.metadata.labels?.grafana_dashboard === '1',
    );
    const titles = dashboards.flatMap((c) =>
      Object.values(c.data as Record<string, string>).map((json) => JSON.parse(json).title),
    );
    const committed = ['polarity-service.json', 'polarity-model-quality.json'].map(
      (file) => JSON.parse(read(`monitoring/grafana/dashboards/${file}`)).title,
    );
    expect(titles.sort()).toEqual(committed.sort());
    const routing = find('AlertmanagerConfig', 'polarity').spec;
    expect(routing.receivers.map((r: { name: string }) => r.name).sort()).toEqual([
      'pager',
      'tickets',
    ]);
  });
});
