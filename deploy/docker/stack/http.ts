/** HTTP to the stack: answers checked by zod schemas, and polling until something holds. */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { api, prometheus } from './settings.ts';

/** Polls `probe` until it returns a value or `timeoutMs` passes; the last error explains why not. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s (${last})`);
}

/** An HTTP answer, its body checked against `schema` when the status is 200. */
export async function answer<T extends z.ZodType>(
  schema: T,
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body?: z.infer<T>; text: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, text };
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${url}: ${z.prettifyError(parsed.error)}`);
  return { status: 200, body: parsed.data, text };
}

export const Readiness = z.object({ status: z.string() });

export const post = <T extends z.ZodType>(schema: T, path: string, body: unknown) =>
  answer(schema, `${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const PromVector = z.object({
  status: z.literal('success'),
  data: z.object({
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        value: z.tuple([z.number(), z.string()]),
      }),
    ),
  }),
});
export const PromRules = z.object({
  data: z.object({
    groups: z.array(
      z.object({
        rules: z.array(
          z.object({
            name: z.string(),
            type: z.enum(['alerting', 'recording']),
            health: z.string(),
            lastError: z.string().optional(),
          }),
        ),
      }),
    ),
  }),
});
export const PromAlertmanagers = z.object({
  data: z.object({ activeAlertmanagers: z.array(z.object({ url: z.string() })) }),
});

export async function promQuery(query: string) {
  const { body, text } = await answer(
    PromVector,
    `${prometheus}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  if (!body) throw new Error(`query ${query}: ${text}`);
  return body.data.result;
}
