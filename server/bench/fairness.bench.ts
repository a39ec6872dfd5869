import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { limits } from '@polarity/core/contracts';

/**
 * The bursting client sends from 127.0.0.1 and the bystander from 127.0.0.2: the server keys
 * clients by peer address, and Linux answers the whole 127/8 on the loopback interface.
 */
export const burstAddress = '127.0.0.1';
export const bystanderAddress = '127.0.0.2';

const review =
  'I bought this blender for smoothies and soups, and after three months of daily use it still works well. ';

/**
 * The largest `POST /api/predict` the server accepts: `limits.maxPredictBatch` texts, each as
 * long as the body limit leaves room for (20,000 characters would not fit 64 times in 1 MiB).
 */
export function maxSizePredictBody(): string {
  const overheadPerText = 4; // quotes, comma
  const textLength = Math.min(
    limits.maxTextLength,
    Math.floor((limits.maxBodyBytes - 200) / limits.maxPredictBatch) - overheadPerText,
  );
  const text = review.repeat(Math.ceil(textLength / review.length)).slice(0, textLength);
  const body = JSON.stringify({
    texts: Array.from({ length: limits.maxPredictBatch }, () => text),
    client_id: 'burst',
  });
  if (Buffer.byteLength(body) > limits.maxBodyBytes) throw new Error('bench body over the limit');
  return body;
}

export interface Answer {
  status: number;
  ms: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from `localAddress`, timed from send to the last byte of the answer. */
export function send(
  url: string,
  path: string,
  options: { localAddress: string; agent: Agent; body?: string },
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: options.body === undefined ? 'GET' : 'POST',
        localAddress: options.localAddress,
        agent: options.agent,
        headers:
          options.body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(options.body),
              },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface FairnessResult {
  burst: Answer[];
  healthz: number[];
  bystanderPredict: number[];
  bystanderStatuses: number[];
  burstMs: number;
}

/** Runs fairness-burst.ts in a process of its own; resolves once it has started sending. */
function startBurst(url: string, burstSize: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./fairness-burst.ts', import.meta.url).pathname,
      url,
      String(burstSize),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const answers = new Promise<Answer[]>((resolve, reject) =>
    child.once('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as Answer[]);
      else reject(new Error(`burst client exited with ${code}: ${output}`));
    }),
  );
  const sending = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.startsWith('sending')) resolve();
    });
    answers.catch(reject);
  });
  return { sending, answers };
}

/**
 * One client (its own process, address 127.0.0.1) fires `burstSize` maximum-size predictions at
 * once; meanwhile another client (127.0.0.2) polls `/healthz` and a one-text prediction every
 * `probeIntervalMs`, side by side, until the burst is answered. Each probe's time is what a
 * bystander waits.
 */
export async function measureFairness(
  url: string,
  burstSize = 100,
  probeIntervalMs = 20,
): Promise<FairnessResult> {
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 2 });
  const probeBody = JSON.stringify({ text: 'Great blender, works perfectly!', client_id: 'probe' });
  const healthz = () =>
    send(url, '/healthz', { localAddress: bystanderAddress, agent: probeAgent });
  const predict = () =>
    send(url, '/api/predict', {
      localAddress: bystanderAddress,
      agent: probeAgent,
      body: probeBody,
    });
  const result: FairnessResult = {
    burst: [],
    healthz: [],
    bystanderPredict: [],
    bystanderStatuses: [],
    burstMs: 0,
  };
  // Warm connections and JIT, so the probes time waiting and not the first handshake.
  await Promise.all([healthz(), predict()]);
  const burst = startBurst(url, burstSize);
  await burst.sending;
  let done = false;
  const started = performance.now();
  const answered = burst.answers.finally(() => {
    done = true;
  });
  const probes = (async () => {
    while (!done) {
      const [health, predicted] = await Promise.all([healthz(), predict()]);
      result.healthz.push(health.ms);
      result.bystanderPredict.push(predicted.ms);
      result.bystanderStatuses.push(predicted.status);
      await new Promise((resolve) => setTimeout(resolve, probeIntervalMs));
    }
  })();
  result.burst = await answered;
  result.burstMs = performance.now() - started;
  await probes;
  probeAgent.destroy();
  return result;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** One line: what the burst got, and how long the bystander's probes took (p50 / max). */
export function fairnessReport(result: FairnessResult): string {
  const statuses = new Map<number, number>();
  for (const answer of result.burst)
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const burst = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n}×${status}`)
    .join(' ');
  const ms = (values: number[]) =>
    `p50 ${percentile(values, 0.5).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  return (
    `fairness: burst of ${result.burst.length} max-size predicts → ${burst} in ${result.burstMs.toFixed(0)} ms; ` +
    `meanwhile ${result.healthz.length} probes from another client: /healthz ${ms(result.healthz)}; ` +
    `one-text predict ${ms(result.bystanderPredict)}`
  );
}
