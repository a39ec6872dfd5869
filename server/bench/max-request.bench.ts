/**
 * What one maximum-size `POST /api/predict` costs the server, and what a bystander waits for
 * meanwhile: `npm run bench:max-request -w server` sends 20 of them one after another (each
 * `limits.maxPredictBatch` texts, scored on the inference workers) while another address pings
 * `/healthz` every 2 ms, and prints the time and server CPU per request and the pings' p50, p99
 * and max. Against a throwaway database on TEST_DATABASE_URL's server.
 */
import { Agent } from 'node:http';
import { createTestDatabase } from '../test/support/database.ts';
import { startBenchServer } from './bench-server.ts';
import { burstAddress, bystanderAddress, maxSizePredictBody, send } from './fairness.bench.ts';
import { serverCpuSeconds } from './server-cpu.ts';

const requests = 20;
const pingEveryMs = 2;

const database = await createTestDatabase();
const server = await startBenchServer({
  env: {
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_SECOND: '0',
    INFERENCE_BUDGET_CHARS_PER_SECOND: '0',
  },
});
try {
  const body = maxSizePredictBody();
  const burst = new Agent({ keepAlive: true });
  const bystander = new Agent({ keepAlive: true });
  // Warm-up: the workers' first runs and the JIT.
  for (let i = 0; i < 3; i++) {
    await send(server.url, '/api/predict', { localAddress: burstAddress, agent: burst, body });
  }
  let stop = false;
  const waits: number[] = [];
  const pinging = (async () => {
    while (!stop) {
      const answer = await send(server.url, '/healthz', {
        localAddress: bystanderAddress,
        agent: bystander,
      });
      waits.push(answer.ms);
      await new Promise((resolve) => setTimeout(resolve, pingEveryMs));
    }
  })();
  const cpuBefore = await serverCpuSeconds(server.url);
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const answer = await send(server.url, '/api/predict', {
      localAddress: burstAddress,
      agent: burst,
      body,
    });
    if (answer.status !== 200) throw new Error(`a maximum-size request got ${answer.status}`);
    bytes = Buffer.byteLength(answer.body);
  }
  const msEach = (performance.now() - started) / requests;
  const cpuMsEach = ((await serverCpuSeconds(server.url)) - cpuBefore) * (1000 / requests);
  stop = true;
  await pinging;
  burst.destroy();
  bystander.destroy();
  waits.sort((a, b) => a - b);
  const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]!;
  console.log(
    `maximum-size predict: ${msEach.toFixed(0)} ms a request, server CPU ${cpuMsEach.toFixed(0)} ms, ` +
      `answer ${(bytes / 1e6).toFixed(2)} MB; /healthz meanwhile p50 ${at(0.5).toFixed(1)} ms, ` +
      `p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (${waits.length} pings)`,
  );
} finally {
  await server.stop();
  await database.drop();
}
