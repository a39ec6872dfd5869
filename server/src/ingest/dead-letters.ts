import type { Database } from '../db/client.ts';
import { deadLetters } from '../db/schema.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { describeRefusal, sqlStateOf } from './database-errors.ts';

export type DeadLetterSource = 'events' | 'prediction_log';

export interface DeadLetter {
  eventId: string;
  /** The row or event as it was to be stored. */
  payload: unknown;
  /** What the database said when it refused it. */
  error: unknown;
}

type Queryable = Pick<Database, 'insert'>;

/**
 * Sets refused rows aside. Idempotent by (source, event id), so a retried batch does not file
 * the same row twice. Throws when the database cannot take them either: the caller keeps them.
 */
export async function storeDeadLetters(
  db: Queryable,
  metrics: Pick<ServiceMetrics, 'deadLetters'>,
  source: DeadLetterSource,
  letters: DeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  const written = await db
    .insert(deadLetters)
    .values(
      letters.map((letter) => ({
        source,
        eventId: letter.eventId,
        sqlState: sqlStateOf(letter.error) ?? null,
        error: describeRefusal(letter.error),
        payload: JSON.stringify(letter.payload),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: deadLetters.id });
  if (written.length > 0) metrics.deadLetters.inc({ source }, written.length);
  for (const letter of letters) {
    console.error(
      `polarity: ${source} row ${letter.eventId} refused by the database, set aside in dead_letters: ${describeRefusal(letter.error)}`,
    );
  }
}
