import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The part of the Compose specification this stack uses; anything else is a mistake here. */
const healthcheck = z
  .object({
    test: z.union([z.string(), z.array(z.string()).min(2)]),
    interval: z.string().optional(),
    timeout: z.string().optional(),
    start_period: z.string().optional(),
    retries: z.number().int().positive().optional(),
  })
  .strict();

const dependency = z
  .object({
    condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
  })
  .strict();

const service = z
  .object({
    image: z.string().optional(),
    build: z
      .union([
        z.string(),
        z.object({ context: z.string(), dockerfile: z.string().optional() }).strict(),
      ])
      .optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    environment: z.record(z.string(), z.string()).optional(),
    ports: z.array(z.string().regex(/^\d+:\d+$/, 'must be "host:container"')).optional(),
    expose: z.array(z.string().regex(/^\d+$/)).optional(),
    volumes: z.array(z.string()).optional(),
    healthcheck: healthcheck.optional(),
    depends_on: z.record(z.string(), dependency).optional(),
    restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
  })
  .strict()
  .refine((s) => s.image !== undefined || s.build !== undefined, 'needs an image or a build');
export type ComposeService = z.infer<typeof service>;

const composeFile = z
  .object({
    name: z.string(),
    services: z.record(z.string(), service),
    volumes: z.record(z.string(), z.null()).optional(),
  })
  .strict();
export type ComposeFile = z.infer<typeof composeFile>;

/**
 * Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}`, resolved from `variables`.
 * A variable that is neither set nor defaulted is reported, as `docker compose config` would.
 */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind, rest: string) => {
    const value = variables[name];
    if (value !== undefined && value !== '') return value;
    if (kind === '-') return rest;
    throw new Error(
      `docker-compose.yml: variable ${name} is not set${kind === '?' ? ` (${rest})` : ''}`,
    );
  });
}

/** `KEY=value` lines; comments and blank lines skipped. */
export function parseDotenv(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 1) throw new Error(`.env line "${line}" is not KEY=value`);
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

export function loadComposeFile(path: string, variables: Record<string, string>): ComposeFile {
  const parsed = composeFile.safeParse(parse(interpolate(readFileSync(path, 'utf8'), variables)));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface Mount {
  source: string;
  target: string;
  /** a bind mount of a path in the repository, else a named volume */
  bind: boolean;
}

export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((spec) => {
    const [source = '', target = ''] = spec.split(':');
    return { source, target, bind: source.startsWith('.') || source.startsWith('/') };
  });
}

export interface PublishedPort {
  host: number;
  container: number;
}

export function portsOf(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((spec) => {
    const [host, container] = spec.split(':').map(Number);
    return { host: host!, container: container! };
  });
}
