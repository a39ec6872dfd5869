import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

const contentTypes = new Map([
  ['json', 'application/json'],
  ['txt', 'text/plain; charset=utf-8'],
  ['onnx', 'application/octet-stream'],
  ['md', 'text/markdown; charset=utf-8'],
  ['svg', 'image/svg+xml'],
]);

/** Float weights compress a little; vocabularies and configs a lot. */
const compressible = new Set(['json', 'txt', 'onnx', 'md', 'svg']);
/** Below this a compressed copy saves too little to be worth the client's decoding. */
const minimumSaving = 0.1;

function extension(file: string): string {
  return file.slice(file.lastIndexOf('.') + 1).toLowerCase();
}

export function contentType(file: string): string {
  return contentTypes.get(extension(file)) ?? 'application/octet-stream';
}

/** The best encoding the client accepts for this file, br first. */
export function pickEncoding(
  file: string,
  acceptEncoding: string | undefined,
): ContentEncoding | undefined {
  if (!compressible.has(extension(file)) || !acceptEncoding) return undefined;
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => q?.trim() !== 'q=0')
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** The compressed bytes, or undefined when compression does not pay for itself. */
export function compress(bytes: Uint8Array, encoding: ContentEncoding): Uint8Array | undefined {
  const compressed =
    encoding === 'br'
      ? brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        })
      : gzipSync(bytes, { level: 9 });
  return compressed.byteLength <= bytes.byteLength * (1 - minimumSaving) ? compressed : undefined;
}
