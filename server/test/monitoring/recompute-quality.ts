import type { QualityWindow } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { rowsOf } from '../../src/db/rows.ts';
import { windowMinutes } from '../../src/monitor/windows.ts';

export interface RawRow {
  version: string;
  label: string;
  feedback: string | null;
  confidence: number;
  text_length: number;
  unknown_token_rate: number | null;
  caveat: string | null;
}

/** Every prediction of a window with its feedback, read straight from the tables (no aggregation). */
export async function windowRows(
  db: Database,
  window: QualityWindow,
  computedAt: string,
): Promise<RawRow[]> {
  const result = await db.execute(sql`
    select p.model_version as version, p.label, f.label as feedback,
           greatest(p.prob_negative, p.prob_positive) as confidence, p.text_length, p.unknown_token_rate,
           p.caveat
      from predictions p
      left join feedback f on f.prediction_id = p.id and f.prediction_created_at = p.created_at
     where p.created_at >= date_trunc('minute', ${computedAt}::timestamptz)
                           - ${windowMinutes[window] - 1} * interval '1 minute'`);
  return rowsOf<RawRow>(result);
}

/** The histogram bin of a value: the last edge at or below it (values below the first go to bin 0). */
export function binOf(edges: number[], value: number): number {
  let bin = 0;
  edges.forEach((edge, index) => {
    if (value >= edge) bin = index;
  });
  return bin;
}
