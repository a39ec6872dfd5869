import { launchChromium, waitForServiceWorker, waitReady } from './browser-session.ts';
import { startServer } from './start-server.ts';

/**
 * Where an offline next visit spends the classifier worker's time: a Chromium trace of the
 * visit (`npm run build -w web` first), summed per trace event on the worker thread. Prints;
 * asserts nothing. Run: `npm run bench:trace -w web`.
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

const server = await startServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ baseURL: server.url });
  const first = await context.newPage();
  await first.goto('/');
  await waitReady(first);
  await waitForServiceWorker(first);
  // Lets V8 write its code cache for onnxruntime's WebAssembly, as a real first visit would.
  await first.waitForTimeout(3_000);
  await context.setOffline(true);

  const visit = await context.newPage();
  const cdp = await context.newCDPSession(visit);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'v8.wasm'] },
  });
  const started = performance.now();
  await visit.goto('/');
  await waitReady(visit);
  const readyMs = performance.now() - started;
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;

  const workerThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'DedicatedWorker thread')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !workerThreads.has(`${e.pid}:${e.tid}`)) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`offline next visit, traced: model ready after ${readyMs.toFixed(0)} ms`);
  console.log('classifier worker thread, ms per trace event (nested events overlap):');
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${ms.toFixed(0).padStart(6)}  ${name}`);
  }
} finally {
  await browser.close();
  server.stop();
}
