import { secureHeaders } from 'hono/secure-headers';

/**
 * A strict policy: the app ships no inline scripts and talks only to its own origin.
 * `wasm-unsafe-eval` lets onnxruntime-web compile its WebAssembly; `blob:` workers are how
 * onnxruntime starts its threads. COOP + COEP make the page cross-origin isolated, which
 * threaded WebAssembly (SharedArrayBuffer) needs. Inline styles are allowed only for the
 * API docs page, whose third-party UI sets them.
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      workerSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: [(c) => (c.req.path.startsWith('/docs') ? "'self' 'unsafe-inline'" : "'self'")],
      fontSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: 'require-corp',
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
  });
}
