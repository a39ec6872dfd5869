import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Event, type EventBatchResult } from '@polarity/core/contracts';

/** A scripted answer to one request, in place of the usual judgement. */
export type Answer = (response: ServerResponse, judge: () => EventBatchResult) => void;

/** The whole request refused with `status` and the API's `{error}` body. */
export const refuse =
  (status: number, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ error: { code: `status_${status}`, message: 'scripted' } }));
  };

/** The server stores the batch, then the connection drops before the answer gets back. */
export const loseAnswer: Answer = (response, judge) => {
  judge();
  response.socket?.destroy();
};

/**
 * A stand-in for `POST /api/events` on a real HTTP port, answering as the API does: each event
 * checked on its own against the shared contract, stored once by id, duplicates counted. For
 * the statuses the real API gives only under faults (5xx, 429, a proxy's 404), it plays a
 * script; `refuseBatchesWith` makes it refuse any request carrying a matching event with a
 * 400, as a server that cannot judge that event on its own would.
 */
export async function startEventsApi() {
  const stored = new Map<string, unknown>();
  /** the event ids of each request received, in order */
  const requests: string[][] = [];
  const script: Answer[] = [];
  let poison: ((event: { client_id?: unknown }) => boolean) | undefined;

  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const events = JSON.parse(body).events as { id: string; client_id?: unknown }[];
    requests.push(events.map((event) => event.id));
    const judge = (): EventBatchResult => {
      const result: EventBatchResult = { accepted: 0, duplicates: 0, rejected: 0, errors: [] };
      events.forEach((event, index) => {
        const parsed = Event.safeParse(event);
        if (!parsed.success) {
          const field = parsed.error.issues[0]?.path.join('.');
          result.errors.push({ index, id: event.id, code: 'invalid_event', message: 'bad', field });
        } else if (stored.has(event.id)) result.duplicates++;
        else {
          stored.set(event.id, event);
          result.accepted++;
        }
      });
      result.rejected = result.errors.length;
      return result;
    };
    const scripted = script.shift();
    if (scripted) return scripted(response, judge);
    if (poison && events.some(poison)) return refuse(400)(response, judge);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(judge()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stored,
    requests,
    /** The next requests get these answers, in order. */
    answerNext: (...answers: Answer[]) => script.push(...answers),
    refuseBatchesWith(predicate: (event: { client_id?: unknown }) => boolean) {
      poison = predicate;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
