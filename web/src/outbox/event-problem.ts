import { Event } from '@polarity/core/contracts';
import type { RejectionReason } from './rejected-events.ts';

/**
 * What the shared contract finds wrong with an event, worded as the server words it
 * (`invalid_event`, `field: problem`), or undefined when it is valid. The server still decides:
 * this only spares a round trip for an event that cannot pass.
 */
export function eventProblem(event: unknown): RejectionReason | undefined {
  const parsed = Event.safeParse(event);
  if (parsed.success) return undefined;
  const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');
  const [first] = parsed.error.issues;
  const message = parsed.error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${dotted(issue.path)}: ${issue.message}` : issue.message,
    )
    .join('; ');
  return first && first.path.length > 0
    ? { code: 'invalid_event', message, field: dotted(first.path) }
    : { code: 'invalid_event', message };
}
