import { z } from 'zod';

/**
 * Zod compiles object parsers with `new Function` when it can, and probes for that with
 * `Function('')`: the app's content security policy (no 'unsafe-eval') refuses it and the
 * browser reports a CSP violation on every load. The interpreted parsers are fast enough
 * for the app's few small payloads. Imported first by every entry point (page and worker).
 */
z.config({ jitless: true });
