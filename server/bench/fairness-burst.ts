import { Agent } from 'node:http';
import { burstAddress, maxSizePredictBody, send } from './fairness.bench.ts';

/**
 * The bursting client, run as its own process by measureFairness so that building and sending
 * 100 MiB of requests does not delay the bystander's probes on the client side.
 * `tsx fairness-burst.ts URL COUNT` prints one JSON array of answers (status, ms, headers, body of each refusal).
 */
const [url, count] = process.argv.slice(2);
if (!url || !count) throw new Error('usage: fairness-burst.ts URL COUNT');
const agent = new Agent({ keepAlive: true, maxSockets: Number(count) });
const body = maxSizePredictBody();
process.stdout.write('sending\n');
const answers = await Promise.all(
  Array.from({ length: Number(count) }, () =>
    send(url, '/api/predict', { localAddress: burstAddress, agent, body }),
  ),
);
agent.destroy();
// A 200 carries megabytes of explanations; the caller needs only the refusals' bodies.
const reported = answers.map((answer) =>
  answer.status === 200 ? { ...answer, body: '' } : answer,
);
process.stdout.write(`${JSON.stringify(reported)}\n`);
