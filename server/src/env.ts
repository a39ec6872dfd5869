import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The repository root, so defaults do not depend on the directory the server was started from.
 * This file is two folders below it, as is each compiled program (`<workspace>/dist/<name>.js`,
 * build/bundles.mjs) that this code is bundled into.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const boolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL with a host');

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Every setting, with its default. Unset means the embedded, zero-setup mode: PGlite under
 * ./data, the model registry folder shipped in the repository, everything in one process.
 */
export const EnvSchema = z.object({
  /** HTTP port of the API and web app. */
  PORT: port.default(8000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Postgres server; unset → embedded PGlite in DATA_DIR. */
  DATABASE_URL: postgresUrl.optional(),
  /** Where the embedded database and downloaded model files live. */
  DATA_DIR: z.string().min(1).default(`${repoRoot}data`),
  /** Local model registry folder (used when MLFLOW_TRACKING_URI is unset). */
  REGISTRY_DIR: z.string().min(1).default(`${repoRoot}registry`),
  /** MLflow tracking server; set → the model registry is MLflow's. */
  MLFLOW_TRACKING_URI: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .optional(),
  MODEL_NAME: z.string().min(1).default('polarity-sentiment'),
  /** How often to check whether the champion alias moved, in ms. */
  CHAMPION_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Bearer token for /api/admin/*; unset → admin routes are disabled. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** false → store only the sha256 and length of review texts. */
  STORE_TEXT: boolean.default(true),
  /** Review texts older than this many days are erased (labels kept); unset → kept. */
  TEXT_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /**
   * Predictions made (their `created_at`) longer ago than this many days are dropped a whole day
   * partition at a time, with the feedback on them (partitioned by the same day), by the monitor
   * role (or ROLE=all); feedback that long ago on a prediction never stored is deleted. At least
   * 8, so the monitor's 7-day window is always whole.
   */
  PREDICTION_RETENTION_DAYS: z.coerce.number().int().min(8).default(90),
  /** Built web app served at /. */
  WEB_DIST: z.string().min(1).default(`${repoRoot}web/dist`),
  /** all = API + monitor in one process; api; monitor (quality gauges only, on MONITOR_PORT). */
  ROLE: z.enum(['all', 'api', 'monitor']).default('all'),
  MONITOR_PORT: port.default(8001),
  /** How often the monitor recomputes quality gauges, in ms. */
  MONITOR_INTERVAL_MS: z.coerce.number().int().min(1000).default(15_000),
  /** Comma-separated origins allowed by CORS; unset → same origin only. */
  CORS_ORIGINS: z.string().optional(),
  /** Sustained write requests per second per client (POST routes); 0 turns limiting off. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(50),
  /** Write requests a client may send in a burst before RATE_LIMIT_PER_SECOND applies. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(100),
  /** Worker threads running tokenization and onnxruntime; default two, or one on a one-core machine. */
  INFERENCE_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.min(2, availableParallelism())),
  /** Characters of review text per second per client for /api/predict; 0 turns the budget off. */
  INFERENCE_BUDGET_CHARS_PER_SECOND: z.coerce.number().min(0).default(1_000_000),
  /** Characters a client may send to /api/predict at once before the sustained budget applies. */
  INFERENCE_BUDGET_BURST_CHARS: z.coerce.number().int().min(1).default(4_000_000),
  /** Characters of inference work waiting overall beyond which /api/predict answers 503. */
  INFERENCE_QUEUE_MAX_CHARS: z.coerce.number().int().min(1).default(8_000_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(problems.join('; '));
}
