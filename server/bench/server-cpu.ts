/**
 * The server's own `process_cpu_seconds_total` (prom-client's default metrics): its CPU time
 * per unit of work moves far less with the rest of a shared machine than its rate does.
 */
export async function serverCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total '));
  if (!line) throw new Error('bench: /metrics has no process_cpu_seconds_total');
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}
