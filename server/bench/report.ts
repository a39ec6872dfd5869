import type { Result } from 'autocannon';

/** One line per run: throughput, latency percentiles and anything that was not a 2xx. */
export function report(name: string, result: Result, unit = 'req/s', perRequest = 1): string {
  const rate = Math.round(result.requests.average * perRequest).toLocaleString('en');
  const failures = result.non2xx + result.errors + result.timeouts;
  return (
    `${name.padEnd(28)} ${rate.padStart(9)} ${unit}   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms` +
    `   max ${result.latency.max} ms   (${result['2xx']} ok, ${failures} failed)`
  );
}
