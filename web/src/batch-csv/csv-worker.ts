import Papa from 'papaparse';
import type { ReadCsvRequest, ReadCsvResponse } from './csv-protocol.ts';
import { csvErrorMessage, csvOptions, fatal, tableOf } from './parse-csv.ts';

/**
 * Reads a CSV file off the main thread: Papa Parse streams it in chunks, so a large file neither
 * freezes the page nor needs its text and its rows in memory at once.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const answer = (message: ReadCsvResponse) => scope.postMessage(message);

scope.onmessage = ({ data }: MessageEvent<ReadCsvRequest>) => {
  const { file } = data;
  const records: string[][] = [];
  let failed = false;
  Papa.parse<string[]>(file, {
    ...csvOptions,
    chunk(results, parser) {
      const error = results.errors.find(fatal);
      if (error) {
        failed = true;
        answer({ type: 'error', message: csvErrorMessage(error) });
        parser.abort();
        return;
      }
      for (const record of results.data) records.push(record);
    },
    complete() {
      if (!failed) answer({ type: 'table', table: tableOf(records) });
    },
    error(error) {
      answer({ type: 'error', message: `CSV: ${error.message}` });
    },
  });
};
