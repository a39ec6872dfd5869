import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface PrometheusProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the `prometheus` binary (Debian's package) on a free port with `configText`. */
export async function startPrometheus(
  configText: string,
  workDir: string,
): Promise<PrometheusProcess> {
  const port = await freePort();
  const configFile = join(workDir, 'prometheus.yml');
  await writeFile(configFile, configText);
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(workDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`cannot start prometheus (apt-get install prometheus): ${error.message}`)),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + 30_000;
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`prometheus exited with code ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline)
        throw new Error(`prometheus was not ready within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    await Promise.race([ready, spawnFailed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => output, stop };
}

export interface AlertState {
  name: string;
  state: 'inactive' | 'pending' | 'firing';
  labels: Record<string, string>;
}

export async function activeAlerts(prometheusUrl: string): Promise<AlertState[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/alerts`);
  const body = (await response.json()) as {
    data?: { alerts?: { labels: Record<string, string>; state: AlertState['state'] }[] };
  };
  return (body.data?.alerts ?? []).map((alert) => ({
    name: alert.labels.alertname ?? '',
    state: alert.state,
    labels: alert.labels,
  }));
}
