import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/security/headers.ts';

const app = new Hono().use('*', securityHeaders()).get('*', (c) => c.text('ok'));

describe('securityHeaders', () => {
  it('sends a strict CSP that allows WebAssembly but no inline script', async () => {
    const response = await app.request('/');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('isolates the page for threaded WebAssembly and hardens the rest', async () => {
    const response = await app.request('/');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('allows inline styles on the API docs only', async () => {
    const docs = await app.request('/docs');
    expect(docs.headers.get('Content-Security-Policy')).toContain(
      "style-src 'self' 'unsafe-inline'",
    );
  });
});
