import { useEffect, useState } from 'react';
import { useServices } from '../app/services-context.ts';
import type { RejectedEvent } from '../outbox/rejected-events.ts';

const excerptLength = 60; // characters of a review shown to recognise its prediction

/** What the event was, in words; a refused event may lack or mistype any field. */
function describe({ event }: RejectedEvent): string {
  const { type, text, label } = event as { type?: unknown; text?: unknown; label?: unknown };
  if (type === 'prediction' && typeof text === 'string') {
    return `Prediction “${text.length > excerptLength ? `${text.slice(0, excerptLength)}…` : text}”`;
  }
  if (type === 'feedback' && typeof label === 'string') return `Feedback (${label})`;
  return `Event ${String(event.id)}`;
}

/**
 * "N rejected": the events the server (or the contract, before sending) refused for good. A
 * disclosure, so the reasons are read by clicking or with the keyboard, not by hovering.
 */
export function RejectedEvents() {
  const { outbox } = useServices();
  const [entries, setEntries] = useState<RejectedEvent[]>([]);
  useEffect(
    () =>
      outbox.subscribe(() => {
        void outbox.rejected().then(setEntries);
      }),
    [outbox],
  );
  const count = entries.length;
  if (count === 0) return null;
  return (
    <details className="rejected-events" data-testid="rejected-events">
      <summary className="badge badge-rejected">{count} rejected</summary>
      <div className="rejected-panel">
        <p>The server will never accept these events, so they are not sent again.</p>
        <ul>
          {entries.map((entry) => (
            <li key={entry.event.id} data-testid="rejected-event" data-event-id={entry.event.id}>
              <span className="rejected-what">{describe(entry)}</span>
              <span className="rejected-why">
                {entry.reason.message}
                {entry.reason.field && (
                  <>
                    {' '}
                    (field <code>{entry.reason.field}</code>)
                  </>
                )}
              </span>
              <span className="hint">
                {entry.reason.code} ·{' '}
                <time dateTime={new Date(entry.rejectedAt).toISOString()}>
                  {new Date(entry.rejectedAt).toLocaleString()}
                </time>
              </span>
              <button type="button" onClick={() => void outbox.dismissRejected([entry.event.id])}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
        {entries.length > 1 && (
          <button type="button" onClick={() => void outbox.dismissRejected()}>
            Dismiss all
          </button>
        )}
      </div>
    </details>
  );
}
