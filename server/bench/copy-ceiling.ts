import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PredictionEvent } from '@polarity/core/contracts';
import type postgres from 'postgres';
import { type PredictionRow, predictionRow } from '../src/ingest/event-rows.ts';
import { predictionColumnNames, predictionValues } from '../src/ingest/event-store.ts';
import { benchEvent } from './events.bench.ts';

/** Connections, as the events bench uses. */
const connections = 16;

/** The columns ingestion writes, in the order `copyLines` writes them. */
export const columns = predictionColumnNames;

let serial = 0;
/** `count` rows as ingestion stores the bench's events; `clientId` tells them apart. */
export function benchRows(count: number, clientId = 'bench'): PredictionRow[] {
  return rowsOf(count, clientId);
}

function rowsOf(count: number, clientId: string): PredictionRow[] {
  const createdAt = new Date().toISOString();
  const run = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return Array.from({ length: count }, (_, i) => {
    const id = `${run}-0000-4000-8000-${(serial++).toString(16).padStart(12, '0')}`;
    return predictionRow(
      PredictionEvent.parse({ ...benchEvent(id, createdAt, i), client_id: clientId }),
      true,
    );
  });
}

/** A value in COPY's text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(
    /[\\\n\r\t]/g,
    (c) => `\\${{ '\n': 'n', '\r': 'r', '\t': 't' }[c] ?? c}`,
  );
}

export function copyLines(batch: PredictionRow[]): string {
  return batch.map((row) => `${predictionValues(row).map(copyValue).join('\t')}\n`).join('');
}

/**
 * The ceiling ingestion is measured against: `COPY` of `rows` into predictions, split over 16
 * connections each streaming its share, with the table's key, indexes and checks. Rows/s.
 */
export async function copyCeiling(client: postgres.Sql, rows: PredictionRow[]): Promise<number> {
  const share = Math.ceil(rows.length / connections);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const stream = await client
        .unsafe(`copy predictions (${columns.join(', ')}) from stdin`)
        .writable();
      await pipeline(Readable.from([copyLines(rows.slice(i * share, (i + 1) * share))]), stream);
    }),
  );
  return rows.length / ((performance.now() - started) / 1000);
}
