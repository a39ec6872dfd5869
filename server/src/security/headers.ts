import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * A strict policy: the app ships no inline scripts and talks only to its own origin.
 * `wasm-unsafe-eval` lets onnxruntime-web compile its WebAssembly; `blob:` workers are how
 * onnxruntime starts its threads. COOP + COEP make the page cross-origin isolated, which
 * threaded WebAssembly (SharedArrayBuffer) needs. Inline styles are allowed only for the
 * API docs page, whose third-party UI sets them.
 */
function policy(styleSrc: string) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      workerSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: [styleSrc],
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

/**
 * Two fixed policies rather than one with a per-request CSP function: a static policy is
 * joined into its header once, not cloned and re-joined on every response.
 */
export function securityHeaders(): MiddlewareHandler {
  const forApp = policy("'self'");
  const forDocs = policy("'self' 'unsafe-inline'");
  return (c, next) => (c.req.path.startsWith('/docs') ? forDocs : forApp)(c, next);
}
