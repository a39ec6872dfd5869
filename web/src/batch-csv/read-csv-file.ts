import type { ReadCsvRequest, ReadCsvResponse } from './csv-protocol.ts';
import type { CsvTable } from './parse-csv.ts';

/**
 * Parses a CSV file in a worker of its own, started for this file and ended when it is read or
 * when the caller aborts (a second file chosen before the first is read).
 */
export function readCsvFile(
  file: File,
  { signal }: { signal?: AbortSignal } = {},
): Promise<CsvTable> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), {
      type: 'module',
      name: 'polarity-csv',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      finish();
      reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', aborted, { once: true });
    worker.onmessage = ({ data }: MessageEvent<ReadCsvResponse>) => {
      finish();
      if (data.type === 'table') resolve(data.table);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`the CSV reader failed: ${event.message || 'worker error'}`));
    };
    worker.postMessage({ file } satisfies ReadCsvRequest);
  });
}
