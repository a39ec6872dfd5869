import { describeIssues, Event } from '@polarity/core/contracts';
import type { RejectionReason } from './rejected-events.ts';

/**
 * What the shared contract finds wrong with an event, worded as the server words it
 * (`invalid_event`, `field: problem`), or undefined when it is valid. The server still decides:
 * this only spares a round trip for an event that cannot pass.
 */
export function eventProblem(event: unknown): RejectionReason | undefined {
  const parsed = Event.safeParse(event);
  return parsed.success ? undefined : { code: 'invalid_event', ...describeIssues(parsed.error) };
}
