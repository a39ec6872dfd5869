/**
 * Zod compiles object parsers with `new Function` when it can, and probes for that with
 * `Function('')` as each object schema is built: the app's content security policy (no
 * 'unsafe-eval') refuses it and the browser reports a CSP violation on every load. The
 * interpreted parsers are fast enough for the app's few small payloads.
 *
 * Zod reads its configuration from this global when it loads, so setting it needs no import
 * of zod and holds for schemas built at import time, whatever chunk they land in; vite.config.ts
 * keeps this module in zod's own chunk, which every chunk that builds schemas imports first.
 * Imported first by every entry point (page, classifier worker, service worker).
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };
