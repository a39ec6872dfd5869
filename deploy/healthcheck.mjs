// Docker HEALTHCHECK: plain JavaScript so the probe starts in milliseconds, and fetch because
// the image has no curl (nor a shell). The API (ROLE=api or all) is healthy when /readyz says
// ready — migrations applied, champion loaded and warm, prediction log draining — so compose's
// `service_healthy` means "can serve". The monitor (ROLE=monitor, on MONITOR_PORT) has no
// readiness beyond answering: /healthz.
const monitor = process.env.ROLE === 'monitor';
const port = monitor ? (process.env.MONITOR_PORT ?? '8001') : (process.env.PORT ?? '8000');
const url = `http://127.0.0.1:${port}/${monitor ? 'healthz' : 'readyz'}`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
} catch (error) {
  console.error(`healthcheck: ${url}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
