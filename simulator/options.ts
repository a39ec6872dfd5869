import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseDuration } from './duration.ts';

/** Upper bounds keep a typo from turning the simulator into a load test. */
export const maxRate = 100; // reviews per second
export const maxDurationMs = 3_600_000;

const duration = (max: number) =>
  z.string().transform((text, ctx) => {
    try {
      const ms = parseDuration(text);
      if (ms <= max) return ms;
      ctx.addIssue({ code: 'custom', message: `at most ${max / 1000} s` });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
    return z.NEVER;
  });
const share = z.coerce.number().min(0).max(1);

export const SimulatorOptions = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
      .default('http://localhost:8000'),
    /** reviews per second, each one prediction (and maybe one feedback) */
    rate: z.coerce.number().positive().max(maxRate).default(2),
    duration: duration(maxDurationMs).default(60_000),
    /** where predictions come from: the server's model, or the simulator playing a browser */
    predictions: z.enum(['server', 'client']).default('server'),
    /** client mode: how often the stand-in browser model is right */
    'client-accuracy': share.default(0.85),
    /** client mode: the model the events name; unset → the one the server serves (GET /api/models) */
    'model-name': z.string().min(1).optional(),
    /** client mode: the version the events name; unset → the champion, asked from the API */
    'model-version': z.string().min(1).optional(),
    'feedback-share': share.default(0.5),
    /** how long after its prediction a user gives feedback */
    'feedback-delay': duration(600_000).default(2_000),
    /** share of feedback whose label is flipped, as careless users would */
    'label-noise': share.default(0),
    /** every feedback contradicts the prediction: accuracy as measured collapses to 0 */
    degrade: z.boolean().default(false),
    'shift-domain': z.string().min(1).optional(),
    'shift-after': duration(maxDurationMs).optional(),
    data: z.string().min(1).optional(),
    seed: z.coerce.number().int().default(42),
  })
  .strict()
  .refine((o) => (o['shift-domain'] === undefined) === (o['shift-after'] === undefined), {
    message: '--shift-domain and --shift-after go together',
    path: ['shift-domain'],
  });
export type SimulatorOptions = z.infer<typeof SimulatorOptions>;

export const usage = `usage: npm run simulate -- [--url URL] [--rate N] [--duration 60s]
  [--predictions server|client] [--client-accuracy 0.85]
  [--model-name NAME] [--model-version V]
  [--feedback-share 0.5] [--feedback-delay 2s] [--label-noise 0] [--degrade]
  [--shift-domain DOMAIN --shift-after 30s] [--data DIR] [--seed 42]`;

/** Command-line arguments → options; a bad one throws naming the flag. */
export function parseOptions(argv: string[]): SimulatorOptions {
  const flags = Object.fromEntries(
    Object.keys(SimulatorOptions.shape).map((name) => [
      name,
      { type: name === 'degrade' ? ('boolean' as const) : ('string' as const) },
    ]),
  );
  const { values } = parseArgs({ args: argv, options: flags, strict: true });
  const parsed = SimulatorOptions.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`--${issue.path.join('.')}: ${issue.message}`);
}
