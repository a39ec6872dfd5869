import type { CsvTable } from './parse-csv.ts';

/** The page asks the CSV worker to read one file. */
export interface ReadCsvRequest {
  file: File;
}

/** The worker's answer: the table, or the reason it could not read one. */
export type ReadCsvResponse =
  | { type: 'table'; table: CsvTable }
  | { type: 'error'; message: string };
