import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  canonicalSplit,
  DataError,
  joinTitleAndBody,
  type LoadOptions,
  type ReviewRecord,
  rejectRecord,
} from './review-record.ts';

const labelFiles = [
  { file: 'negative.review', label: 0 },
  { file: 'positive.review', label: 1 },
] as const;

const parser = new XMLParser({
  isArray: (name) => name === 'review',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
});

/** Reads `<domain>/{positive,negative}.review` under `dir` (Blitzer et al. 2007 layout). */
export async function loadAmazonMultidomain(
  dir: string,
  options: LoadOptions,
): Promise<ReviewRecord[]> {
  const domains = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (domains.length === 0) {
    throw new DataError(
      dir,
      'folder',
      'no domain folders holding positive.review / negative.review',
    );
  }
  const records: ReviewRecord[] = [];
  for (const domain of domains) {
    for (const { file, label } of labelFiles) {
      const path = join(dir, domain, file);
      records.push(...parseReviewFile(path, await readFile(path, 'utf8'), domain, label, options));
    }
  }
  return records;
}

function parseReviewFile(
  path: string,
  xml: string,
  domain: string,
  label: 0 | 1,
  options: LoadOptions,
): ReviewRecord[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new DataError(path, `line ${valid.err.line}`, `invalid XML: ${valid.err.msg}`);
  }
  const reviews: unknown = parser.parse(xml)?.reviews?.review;
  if (!Array.isArray(reviews)) throw new DataError(path, 'root', 'expected <reviews><review>…');
  const records: ReviewRecord[] = [];
  reviews.forEach((review: Record<string, unknown>, index) => {
    const title = review.title;
    const body = review.review_text;
    if (typeof title !== 'string' || typeof body !== 'string' || (title + body).trim() === '') {
      const field = typeof title !== 'string' ? 'title' : 'review_text';
      rejectRecord(new DataError(path, `review ${index}`, `missing or empty <${field}>`), options);
      return;
    }
    records.push({
      text: joinTitleAndBody(title, body),
      title: title.trim(),
      label,
      domain,
      split: canonicalSplit(index),
      origin: `${path}:${index}`,
    });
  });
  return records;
}
