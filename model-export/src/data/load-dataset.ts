import { stat } from 'node:fs/promises';
import { loadAmazonMultidomain } from './amazon-multidomain.ts';
import { loadLabelledFile } from './labelled-files.ts';
import type { LoadOptions, ReviewRecord } from './review-record.ts';

/**
 * Picks the reader from what `path` is: a folder is the multi-domain XML layout; a file is
 * JSONL by extension, plain `text,label` CSV by its header, else Amazon Review Polarity CSV.
 */
export async function loadDataset(path: string, options: LoadOptions): Promise<ReviewRecord[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw new Error(`data source ${path} is not readable`, { cause: error });
  });
  const records = info.isDirectory()
    ? await loadAmazonMultidomain(path, options)
    : await loadLabelledFile(path, options);
  if (records.length === 0) throw new Error(`data source ${path} holds no usable records`);
  return records;
}
