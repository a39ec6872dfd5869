/** What a test run uses: the client, the project, the image, ports, fresh secrets. */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const docker =
  process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');
/** Not the file's `polarity`: `down -v` here must never touch a developer's own stack. */
export const project = 'polarity-docker-test';
export const image = 'polarity:local';
export const imageSizeLimitMb = 300;

export const ports = {
  TEST_API_PORT: process.env.TEST_API_PORT ?? '18700',
  TEST_MONITOR_PORT: process.env.TEST_MONITOR_PORT ?? '18701',
  TEST_MLFLOW_PORT: process.env.TEST_MLFLOW_PORT ?? '18702',
  TEST_PROMETHEUS_PORT: process.env.TEST_PROMETHEUS_PORT ?? '18703',
};
export const api = `http://127.0.0.1:${ports.TEST_API_PORT}`;
export const prometheus = `http://127.0.0.1:${ports.TEST_PROMETHEUS_PORT}`;
// Fresh secrets per run: the stack must work with whatever .env holds, not with known values.
const secrets = {
  POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
  ADMIN_TOKEN: randomBytes(16).toString('hex'),
};
export const env = { ...process.env, ...ports, ...secrets, DOCKER_BUILDKIT: '1' };
// Every service the stack can run here; Grafana has no stand-in (README "Docker Compose").
export const services = ['postgres', 'mlflow', 'api', 'monitor', 'prometheus', 'alertmanager'];
/** Marks this run's rows (client_id, texts). */
export const runTag = `docker-test-${randomUUID().slice(0, 8)}`;
