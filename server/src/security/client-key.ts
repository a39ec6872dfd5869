import type { Context } from 'hono';

/**
 * Who is asking, for rate limiting: the peer address. A client-chosen id is not used, since a
 * runaway client could rotate it to escape its limit.
 */
export function clientKey(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
