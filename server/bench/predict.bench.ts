import autocannon, { type Result } from 'autocannon';
import { median } from './median.ts';
import { serverCpuSeconds } from './server-cpu.ts';

const shortText = 'Great blender, works perfectly!';
/** A 1,000-character review, the long case of the performance target. */
const longText =
  'I bought this blender for smoothies and soups, and after three months of daily use it still works well. '
    .repeat(10)
    .slice(0, 1000);

export const predictCases = { short: shortText, '1,000 chars': longText } as const;

/** `POST /api/predict` with one text per request, 16 connections, as the target is stated. */
export async function benchPredict(url: string, text: string, durationS: number): Promise<Result> {
  return await autocannon({
    url: `${url}/api/predict`,
    connections: 16,
    duration: durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, source: 'simulator', client_id: 'bench' }),
  });
}

export interface PredictRun {
  name: keyof typeof predictCases;
  result: Result;
  /** The server process's CPU time (every thread) per answered request, µs. */
  cpuUsPerRequest: number;
}

/**
 * `runs` rounds of short then long, each after `warmUpS` of unmeasured load, so both cases see
 * the same machine: on a shared machine the ratio within a round is steadier than either figure.
 */
export async function benchPredictRounds(
  url: string,
  { runs, durationS, warmUpS }: { runs: number; durationS: number; warmUpS: number },
  onRun: (run: PredictRun) => void,
): Promise<PredictRun[][]> {
  const rounds: PredictRun[][] = [];
  for (let round = 0; round < runs; round++) {
    const results: PredictRun[] = [];
    for (const [name, text] of Object.entries(predictCases) as [
      keyof typeof predictCases,
      string,
    ][]) {
      // Unmeasured: the first second runs on cold JIT code and is not the steady state.
      await benchPredict(url, text, warmUpS);
      const cpuBefore = await serverCpuSeconds(url);
      const result = await benchPredict(url, text, durationS);
      const cpuUsPerRequest = (((await serverCpuSeconds(url)) - cpuBefore) * 1e6) / result['2xx'];
      const run = { name, result, cpuUsPerRequest };
      onRun(run);
      results.push(run);
    }
    rounds.push(results);
  }
  return rounds;
}

/** Median req/s and p99 per case over the rounds, and long ÷ short per round and its median. */
export function predictSummary(rounds: PredictRun[][]): string {
  const of = (name: keyof typeof predictCases) =>
    rounds.map((round) => round.find((run) => run.name === name)!);
  const short = of('short');
  const long = of('1,000 chars');
  const ratios = short.map((s, i) => long[i]!.result.requests.average / s.result.requests.average);
  const cpuRatios = short.map((s, i) => s.cpuUsPerRequest / long[i]!.cpuUsPerRequest);
  const line = (name: string, runs: PredictRun[]) =>
    `predict ${name}: median ${Math.round(median(runs.map((r) => r.result.requests.average))).toLocaleString('en')} req/s ` +
    `(${runs.map((r) => Math.round(r.result.requests.average).toLocaleString('en')).join(', ')}), ` +
    `p99 ${runs.map((r) => r.result.latency.p99).join(', ')} ms, ` +
    `server CPU per request median ${Math.round(median(runs.map((r) => r.cpuUsPerRequest)))} µs`;
  const percent = (x: number) => `${Math.round(x * 100)} %`;
  return [
    `over ${rounds.length} rounds:`,
    line('short', short),
    line('1,000 chars', long),
    `long ÷ short throughput: median ${percent(median(ratios))} (${ratios.map(percent).join(', ')}); target ≥ 80 %`,
    // What the ratio tends to where the server, not the shared machine, is the limit.
    `short ÷ long server CPU per request: median ${percent(median(cpuRatios))} (${cpuRatios.map(percent).join(', ')})`,
  ].join('\n');
}
