import { createHash } from 'node:crypto';
import type { ReviewRecord } from '../data/review-record.ts';

/** sha256 over (split, label, domain, title, text) of every record, in order. */
export function dataFingerprint(records: readonly ReviewRecord[]): string {
  const hash = createHash('sha256');
  for (const r of records)
    hash.update(JSON.stringify([r.split, r.label, r.domain, r.title, r.text])).update('\n');
  return hash.digest('hex');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
