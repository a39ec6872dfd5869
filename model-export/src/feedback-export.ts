import { writeFile } from 'node:fs/promises';
import type { Database } from '@polarity/server/db';
import { feedback, openDatabase, predictions } from '@polarity/server/db';
import { loadEnv } from '@polarity/server/env';
import { and, eq, isNotNull, ne } from 'drizzle-orm';

export interface FeedbackExportOptions {
  /** Simulator traffic is left out by default: its feedback may be wrong on purpose (--degrade). */
  includeSimulator: boolean;
}

/**
 * Stored feedback joined with the texts it judged, as `{"text","label"}` lines that
 * `loadDataset` reads (JSONL). Predictions whose text was not stored (STORE_TEXT=false, or
 * past TEXT_RETENTION_DAYS) cannot be learnt from and are skipped.
 */
export async function feedbackJsonl(
  db: Database,
  options: FeedbackExportOptions,
): Promise<string[]> {
  const rows = await db
    .select({ text: predictions.text, label: feedback.label })
    .from(feedback)
    .innerJoin(predictions, eq(predictions.id, feedback.predictionId))
    .where(
      and(
        isNotNull(predictions.text),
        options.includeSimulator ? undefined : ne(predictions.source, 'simulator'),
      ),
    )
    .orderBy(feedback.createdAt, feedback.predictionId);
  return rows.map((row) => JSON.stringify({ text: row.text, label: row.label }));
}

/** `npm run model -- export-feedback [--out feedback.jsonl]`, from the database the server uses. */
export async function exportFeedbackCommand(
  out: string,
  options: FeedbackExportOptions,
  log: (line: string) => void,
): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const where = env.DATABASE_URL ? 'DATABASE_URL' : `the embedded database in ${env.DATA_DIR}`;
    const lines = await feedbackJsonl(database.db, options).catch((error: Error) => {
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      throw new Error(`${where}: cannot read feedback (${cause}); has the server started on it?`, {
        cause: error,
      });
    });
    await writeFile(out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    log(`${lines.length} labelled reviews from feedback → ${out} (${database.kind})`);
  } finally {
    await database.close();
  }
}
