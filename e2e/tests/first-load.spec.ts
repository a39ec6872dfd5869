import { expect, test } from '@playwright/test';
import { modelName } from '../playwright.config.ts';
import { openReadyApp, waitForServiceWorker } from '../support/app.ts';

const browserEncodings = 'gzip, deflate, br, zstd';

/** The app's entry script and stylesheet, as index.html names them (tiny chunks are not worth compressing). */
async function firstScreenAssets(request: import('@playwright/test').APIRequestContext) {
  const html = await (await request.get('/')).text();
  const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const stylesheet = /<link rel="stylesheet"[^>]* href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  expect(stylesheet).toBeDefined();
  return [script!, stylesheet!];
}

test('static files are sent precompressed, brotli first, gzip when only that is accepted, with Vary', async ({
  request,
}) => {
  const wasm = '/assets/ort-1.30.0/ort-wasm-simd-threaded.wasm';
  for (const path of ['/', '/service-worker.js', wasm, ...(await firstScreenAssets(request))]) {
    const br = await request.get(path, { headers: { 'accept-encoding': browserEncodings } });
    expect(br.status(), path).toBe(200);
    expect(br.headers()['content-encoding'], path).toBe('br');
    expect(br.headers().vary, path).toBe('Accept-Encoding');

    const gzip = await request.get(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers()['content-encoding'], path).toBe('gzip');
    expect(gzip.headers().vary, path).toBe('Accept-Encoding');

    // A client that accepts no encoding gets the plain bytes, and the response still varies.
    const plain = await request.get(path, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers()['content-encoding'], path).toBeUndefined();
    expect(plain.headers().vary, path).toBe('Accept-Encoding');
    // Playwright decodes compressed bodies: all three are the same file.
    expect((await br.body()).equals(await plain.body()), path).toBe(true);
    expect((await gzip.body()).equals(await plain.body()), path).toBe(true);
  }
  const wasmResponse = await request.get(wasm, {
    headers: { 'accept-encoding': browserEncodings },
  });
  // 14 MB of WebAssembly cross the wire as less than a quarter of that.
  expect(Number(wasmResponse.headers()['content-length'])).toBeLessThan(14_239_897 / 4);
  expect(wasmResponse.headers()['content-type']).toBe('application/wasm');
});

test('robots.txt and favicon.ico are real files; a missing file is a 404, not the app shell', async ({
  request,
}) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toContain('text/plain');
  expect(await robots.text()).toContain('User-agent: *');

  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toBe('image/x-icon');
  // An ICO header: reserved 0, type 1 (icon).
  expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  expect((await request.get('/no-such-file.png')).status()).toBe(404);
  // Page routes still get the app shell.
  expect(await (await request.get('/quality')).text()).toContain('<div id="root">');
});

test('the aliases answer says when there is no challenger, with 200 and null', async ({
  request,
}) => {
  const response = await request.get(`/api/models/${modelName}/aliases`);
  expect(response.status()).toBe(200);
  const aliases = await response.json();
  expect(aliases.champion).toMatchObject({ name: modelName });
  expect(aliases.challenger).toBeNull();
  expect((await request.get('/api/models/no-such-model/aliases')).status()).toBe(404);
});

test('a first visit logs no console error or warning, no failed request and no CSP violation', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed ${request.url()}`));
  // DevTools' Issues panel (what Lighthouse's Best Practices reads): CSP, cookies, mixed content.
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => {
    // Chromium notes every deferred loading="lazy" image; a note, not a problem (and not one
    // Lighthouse's Best Practices counts).
    if (issue.code !== 'LazyLoadImageIssue') problems.push(`issue ${issue.code}`);
  });
  await cdp.send('Audits.enable');

  await openReadyApp(page);
  await waitForServiceWorker(page);
  for (const route of ['batch', 'model', 'quality', 'analyze']) {
    await page.goto(`/#/${route}`);
    await expect(page.locator('main h2').first()).toBeVisible();
  }
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('the download progress counts every byte of the first visit: onnxruntime and the model, compressed', async ({
  page,
}) => {
  const totals: number[] = [];
  await page.exposeFunction('reportTotal', (total: number) => totals.push(total));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=model-progress]') as HTMLProgressElement;
      if (bar) (window as unknown as { reportTotal(n: number): void }).reportTotal(bar.max);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await openReadyApp(page);
  const largest = Math.max(...totals);
  // onnxruntime's WebAssembly alone is 2.7 MB brotli; the model's files add about 0.5 MB.
  expect(largest).toBeGreaterThan(2_500_000);
  // Compressed bytes, not the 14 MB of decoded WebAssembly.
  expect(largest).toBeLessThan(5_000_000);
});
