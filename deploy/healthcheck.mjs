// Docker HEALTHCHECK: plain JavaScript so the probe starts in milliseconds (no tsx), and
// fetch because the slim image has no curl. ROLE=monitor answers on MONITOR_PORT.
const port =
  process.env.ROLE === 'monitor'
    ? (process.env.MONITOR_PORT ?? '8001')
    : (process.env.PORT ?? '8000');
const url = `http://127.0.0.1:${port}/healthz`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
} catch (error) {
  console.error(`healthcheck: ${url}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
