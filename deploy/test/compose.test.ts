import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '@polarity/server/env';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ComposeService,
  loadComposeFile,
  type Mount,
  mountsOf,
  parseDotenv,
  portsOf,
} from './support/compose-file.ts';
import { copySources, parseDockerfile } from './support/dockerfile.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(repo, path), 'utf8');

const dotenvExample = parseDotenv(read('.env.example'));
const compose = loadComposeFile(join(repo, 'docker-compose.yml'), dotenvExample);
const services = Object.entries(compose.services);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

/** Services built from this repository's Dockerfile run our server, configured by env.ts. */
const ours = services.filter(([, s]) => s.build !== undefined);

/** The ports a service listens on inside the compose network. */
function listeningPorts(name: string): number[] {
  const s = service(name);
  if (s.build === undefined)
    return [...portsOf(s).map((p) => p.container), ...(s.expose ?? []).map(Number)];
  const env = EnvSchema.parse(s.environment ?? {});
  if (env.ROLE === 'api') return [env.PORT];
  if (env.ROLE === 'monitor') return [env.MONITOR_PORT];
  return [env.PORT, env.MONITOR_PORT];
}

/** `host:port` (or a URL) → a compose service and a port it listens on. */
function expectReachable(target: string, where: string) {
  const url = new URL(target.includes('://') ? target : `http://${target}`);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  expect(compose.services, `${where}: ${target} names no compose service`).toHaveProperty([
    url.hostname,
  ]);
  expect(
    listeningPorts(url.hostname),
    `${where}: ${url.hostname} does not listen on ${port}`,
  ).toContain(port);
}

/** A path inside a service's container → the repository path bind-mounted there. */
function repoPathOf(mounts: Mount[], containerPath: string): string | undefined {
  const mount = mounts.find(
    (m) => m.bind && (containerPath === m.target || containerPath.startsWith(`${m.target}/`)),
  );
  return mount && join(repo, mount.source, containerPath.slice(mount.target.length));
}

function yamlFilesIn(folder: string): string[] {
  const dir = join(repo, folder);
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name));
}

describe('docker-compose.yml', () => {
  it('uses only variables that .env.example defines, and every secret comes from it', () => {
    const raw = read('docker-compose.yml');
    const used = [...raw.matchAll(/\$\{(\w+)/g)].map((match) => match[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(dotenvExample)));
    expect(raw).not.toMatch(/ADMIN_TOKEN: [^$]/);
    expect(raw).not.toMatch(/POSTGRES_PASSWORD: [^$]/);
  });

  it('builds from contexts and Dockerfiles that exist', () => {
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'model-init', 'monitor']);
    for (const [name, s] of ours) {
      const build = typeof s.build === 'string' ? { context: s.build } : s.build!;
      const dockerfile = join(repo, build.context, build.dockerfile ?? 'Dockerfile');
      expect(existsSync(dockerfile), `${name}: ${dockerfile}`).toBe(true);
    }
  });

  it('mounts only repository paths that exist and volumes that are declared', () => {
    for (const [name, s] of services) {
      for (const mount of mountsOf(s)) {
        if (mount.bind) {
          expect(existsSync(join(repo, mount.source)), `${name} mounts ${mount.source}`).toBe(true);
        } else {
          expect(compose.volumes ?? {}, `${name} uses volume ${mount.source}`).toHaveProperty([
            mount.source,
          ]);
        }
      }
    }
  });

  it('publishes exactly the ports of the README services table, on the services it names', () => {
    const section = read('README.md').split('## Services and ports')[1]?.split('\n## ')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => /^\|[^|]+\|\s*\d+\s*\|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.length).toBeGreaterThanOrEqual(6);

    const published = services.flatMap(([name, s]) => portsOf(s).map((p) => ({ name, ...p })));
    const documented = rows.map(([, label = '', port = '', url = '']) => ({
      name: label.split(/\s/)[0]!.toLowerCase(),
      port: Number(port),
      urlPort: Number(new URL(url.replace(/^<|>.*$/g, '')).port),
    }));
    for (const row of documented) {
      expect(row.urlPort, `README URL for ${row.name}`).toBe(row.port);
      expect(published, `README: ${row.name} on ${row.port}`).toContainEqual(
        expect.objectContaining({ name: row.name, host: row.port }),
      );
    }
    expect(published.map((p) => p.host).sort()).toEqual(documented.map((r) => r.port).sort());
  });

  it('gives our services only settings that server/src/env.ts knows, with valid values', () => {
    const known = Object.keys(EnvSchema.shape);
    for (const [name, s] of ours) {
      const env = s.environment ?? {};
      for (const key of Object.keys(env)) expect(known, `${name}: ${key}`).toContain(key);
      const parsed = EnvSchema.safeParse(env);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
    expect(EnvSchema.parse(service('api').environment).ROLE).toBe('api');
    expect(EnvSchema.parse(service('monitor').environment).ROLE).toBe('monitor');
  });

  it('points our services at the compose Postgres and MLflow', () => {
    for (const name of ['api', 'monitor']) {
      const env = EnvSchema.parse(service(name).environment);
      expectReachable(
        env.DATABASE_URL!.replace(/^postgres(ql)?:/, 'http:'),
        `${name} DATABASE_URL`,
      );
      expectReachable(env.MLFLOW_TRACKING_URI!, `${name} MLFLOW_TRACKING_URI`);
    }
    expectReachable(service('model-init').environment!.MLFLOW_TRACKING_URI!, 'model-init');
  });

  it('has a healthcheck on every long-running service', () => {
    for (const [name, s] of services) {
      if (s.restart === 'no') continue;
      expect(s.healthcheck, `${name} has no healthcheck`).toBeDefined();
    }
  });

  it('orders start-up only on services that exist and can satisfy the condition', () => {
    for (const [name, s] of services) {
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        const other = service(dependency);
        if (condition === 'service_healthy') {
          expect(other.healthcheck, `${name} waits for ${dependency} to be healthy`).toBeDefined();
        }
        if (condition === 'service_completed_successfully') {
          expect(other.restart, `${name} waits for ${dependency} to finish`).toBe('no');
        }
      }
    }
    expect(service('api').depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      'model-init': { condition: 'service_completed_successfully' },
    });
  });
});

describe('monitoring/ as mounted into the stack', () => {
  const prometheusMounts = mountsOf(service('prometheus'));
  const configPath = '/etc/prometheus/prometheus.yml';

  it('scrapes the API and the monitor, and only services that exist, on ports they listen on', () => {
    const file = repoPathOf(prometheusMounts, configPath);
    expect(file && existsSync(file), `${configPath} is not mounted from the repository`).toBe(true);
    const config = parse(readFileSync(file!, 'utf8')) as {
      scrape_configs?: { job_name: string; static_configs?: { targets: string[] }[] }[];
      alerting?: { alertmanagers?: { static_configs?: { targets: string[] }[] }[] };
    };
    const targets = (config.scrape_configs ?? []).flatMap((job) =>
      (job.static_configs ?? []).flatMap((c) =>
        c.targets.map((target) => ({ job: job.job_name, target })),
      ),
    );
    for (const { job, target } of targets) {
      if (/^(localhost|127\.0\.0\.1):9090$/.test(target)) continue; // Prometheus itself
      expectReachable(target, `prometheus.yml job ${job}`);
    }
    expect(targets.map((t) => t.target)).toEqual(
      expect.arrayContaining(['api:8000', 'monitor:8001']),
    );

    const alertmanagers = (config.alerting?.alertmanagers ?? []).flatMap((a) =>
      (a.static_configs ?? []).flatMap((c) => c.targets),
    );
    expect(alertmanagers).toContain('alertmanager:9093');
    for (const target of alertmanagers) expectReachable(target, 'prometheus.yml alerting');
  });

  it('loads rule files that exist in the mounted folder', () => {
    const file = repoPathOf(prometheusMounts, configPath)!;
    const config = parse(readFileSync(file, 'utf8')) as { rule_files?: string[] };
    expect(config.rule_files?.length, 'prometheus.yml has no rule_files').toBeGreaterThan(0);
    for (const pattern of config.rule_files ?? []) {
      const inContainer = posix.resolve(posix.dirname(configPath), pattern);
      const local = repoPathOf(prometheusMounts, inContainer);
      expect(local, `rule_files ${pattern} is outside the mounted folder`).toBeDefined();
      const matcher = new RegExp(
        `^${basename(local!).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`,
      );
      const matches = existsSync(dirname(local!))
        ? readdirSync(dirname(local!)).filter((n) => matcher.test(n))
        : [];
      expect(matches.length, `rule_files ${pattern} matches no file`).toBeGreaterThan(0);
    }
  });

  it('mounts the Alertmanager configuration', () => {
    const file = repoPathOf(
      mountsOf(service('alertmanager')),
      '/etc/alertmanager/alertmanager.yml',
    );
    expect(file && existsSync(file)).toBe(true);
  });

  it('provisions Grafana with a datasource it can reach and dashboards from the mounted folder', () => {
    const grafanaMounts = mountsOf(service('grafana'));
    const datasources = yamlFilesIn('monitoring/grafana/provisioning/datasources').flatMap(
      (file) =>
        (parse(readFileSync(file, 'utf8')) as { datasources?: { url?: string }[] }).datasources ??
        [],
    );
    expect(datasources.length).toBeGreaterThan(0);
    for (const { url } of datasources) if (url) expectReachable(url, 'grafana datasource');

    const providers = yamlFilesIn('monitoring/grafana/provisioning/dashboards').flatMap(
      (file) =>
        (parse(readFileSync(file, 'utf8')) as { providers?: { options?: { path?: string } }[] })
          .providers ?? [],
    );
    expect(providers.length).toBeGreaterThan(0);
    for (const provider of providers) {
      const path = provider.options?.path ?? '';
      const local = repoPathOf(grafanaMounts, path);
      expect(
        local,
        `dashboard provider path ${path} is not a mounted repository folder`,
      ).toBeDefined();
      expect(statSync(local!).isDirectory()).toBe(true);
      expect(
        readdirSync(local!).some((name) => name.endsWith('.json')),
        `${path} holds no dashboard`,
      ).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const commands = (stage: (typeof stages)[number], keyword: string) =>
    stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
  const ignored = read('.dockerignore')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

  const stage = (name: string) => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`Dockerfile has no stage ${name}`);
    return found;
  };

  it('compiles on node:24-bookworm-slim and runs FROM scratch, with the server production dependencies only', () => {
    for (const name of ['build', 'prod-deps', 'rootfs']) {
      expect(stage(name).base, name).toBe('node:24-bookworm-slim');
    }
    expect(commands(stage('build'), 'RUN')).toContain('npm ci');
    expect(commands(stage('build'), 'RUN')).toContain('node build/build.mjs --skip-web');
    expect(
      commands(stage('prod-deps'), 'RUN').some((run) =>
        run.startsWith('npm ci --omit=dev --workspace server'),
      ),
    ).toBe(true);
    expect(runtime.name).toBe('runtime');
    expect(runtime.base).toBe('scratch');
    // Nothing to run a RUN with: no shell, no npm, no compiler in the image.
    expect(commands(runtime, 'RUN')).toEqual([]);
  });

  it('installs with the manifests that deny install scripts (no onnxruntime-node download)', () => {
    expect(JSON.parse(read('package.json')).allowScripts).toMatchObject({
      'onnxruntime-node': false,
    });
    for (const name of ['build', 'prod-deps']) {
      const { instructions } = stage(name);
      const copyManifests = instructions.findIndex(
        (i) => i.keyword === 'COPY' && i.args.startsWith('package.json package-lock.json .npmrc'),
      );
      const npmCi = instructions.findIndex(
        (i) => i.keyword === 'RUN' && i.args.startsWith('npm ci'),
      );
      expect(copyManifests, name).toBeGreaterThanOrEqual(0);
      expect(copyManifests, name).toBeLessThan(npmCi);
    }
  });

  it('ships compiled JavaScript, not TypeScript sources or tsx', () => {
    const copied = commands(runtime, 'COPY').join('\n');
    expect(copied).not.toMatch(/\.ts\b|\bsrc\b|tsx/);
    expect(copied).toContain('--from=build /app/server/dist server/dist');
    expect(copied).toContain('--from=build /app/deploy/dist deploy/dist');
    expect(commands(runtime, 'CMD')[0]).toBe(
      '["node", "--enable-source-maps", "--max-semi-space-size=8", "server/dist/index.js"]',
    );
    expect(service('model-init').command).toEqual([
      'node',
      '--enable-source-maps',
      'deploy/dist/model-init.js',
    ]);
  });

  it('runs as a non-root user with a healthcheck, both ports and a start command', () => {
    const user = commands(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(commands(runtime, 'HEALTHCHECK')[0]).toContain('deploy/healthcheck.mjs');
    expect(commands(runtime, 'EXPOSE').join(' ').split(' ').sort()).toEqual(['8000', '8001']);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const names = new Set(stages.map((s) => s.name));
    for (const stage of stages) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY')) {
        const from = /--from=(\S+)/.exec(copy.args)?.[1];
        if (from) {
          expect(names, `line ${copy.line}: --from=${from}`).toContain(from);
          continue;
        }
        for (const source of copySources(copy)) {
          expect(existsSync(join(repo, source)), `line ${copy.line}: ${source}`).toBe(true);
          expect(ignored, `line ${copy.line}: ${source} is in .dockerignore`).not.toContain(source);
        }
      }
    }
  });

  it('keeps dependencies, tests, benchmarks, data, reports and secrets out of the build context', () => {
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', 'data', 'reports', '.env', '**/test', '**/bench']),
    );
  });
});

describe('deploy/docker/compose.stand-ins.yml (npm run test:docker)', () => {
  // Compose's merge tags: `!reset` drops the base file's value, `!override` replaces it whole.
  const mergeTags = ['!reset', '!override'].map((tag) => ({
    tag,
    collection: 'seq' as const,
    resolve: (value: unknown) => value,
  }));
  const override = parse(read('deploy/docker/compose.stand-ins.yml'), {
    customTags: mergeTags,
  }) as {
    services: Record<string, { image?: string; ports?: { items: { value: string }[] } | string[] }>;
  };
  const overridden = Object.entries(override.services);
  const testStack = read('deploy/docker/stack/settings.ts');

  it('overrides only services of docker-compose.yml', () => {
    for (const [name] of overridden) expect(compose.services, name).toHaveProperty([name]);
  });

  it('stands in for every third-party image but Grafana, and keeps ours', () => {
    const thirdParty = services.filter(([, s]) => s.build === undefined).map(([name]) => name);
    const replaced = overridden.filter(([, s]) => s.image).map(([name]) => name);
    expect(replaced.sort()).toEqual(thirdParty.filter((name) => name !== 'grafana').sort());
    for (const [name] of ours) expect(override.services[name]?.image, name).toBeUndefined();
    // …and the script starts exactly what has a stand-in, plus ours.
    const started = /const services = (\[[^\]]*\])/.exec(testStack)?.[1] ?? '[]';
    expect(JSON.parse(started.replaceAll("'", '"')).sort()).toEqual(
      services
        .map(([name]) => name)
        .filter((name) => name !== 'grafana' && name !== 'model-init')
        .sort(),
    );
  });

  it('publishes on loopback only, on ports the script sets', () => {
    for (const [name, s] of overridden) {
      const specs = Array.isArray(s.ports) ? s.ports : (s.ports?.items ?? []).map((i) => i.value);
      for (const spec of specs) {
        const variable = /^127\.0\.0\.1:\$\{(\w+):\?\}:\d+$/.exec(spec)?.[1];
        expect(variable, `${name}: ${spec}`).toBeDefined();
        expect(testStack, `${name}: ${variable}`).toContain(`${variable}:`);
      }
    }
  });
});
