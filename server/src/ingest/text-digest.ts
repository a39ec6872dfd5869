import { createHash } from 'node:crypto';

/** Always computed by the server, so STORE_TEXT=false still lets analysts match duplicates. */
export function textDigest(text: string): { textSha256: string; textLength: number } {
  return {
    textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    textLength: text.length,
  };
}
