import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, so the
 * server sends the best encoding a browser accepts without compressing per request
 * (server/src/routes/web-app.ts). Run after `vite build`: the service worker is written last.
 */
const compressible = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.wasm',
  '.json',
  '.webmanifest',
  '.txt',
  '.ico',
]);
/** Brotli's best level costs ~30 s per 14 MB; above this size level 9 gives 14 % more bytes in 1 s. */
const largeFile = 2_000_000;
/** A variant that saves less than this is not worth the client's decoding. */
const minimumSaving = 0.1;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compressed variants by content hash: onnxruntime's 41 MB of binaries are the same in every
 * build, and compressing them is most of this step's time.
 */
const cacheDir = new URL('../../node_modules/.cache/polarity-precompress/', import.meta.url);

async function cached(key: string, compress: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const path = new URL(key, cacheDir);
  const hit = await readFile(path).catch(() => null);
  if (hit) return hit;
  const bytes = await compress();
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path, bytes);
  return bytes;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (compressible.has(extname(entry.name))) yield path;
  }
}

async function precompress(path: string): Promise<number> {
  const bytes = await readFile(path);
  const quality = bytes.length > largeFile ? 9 : 11;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const [br, gz] = await Promise.all([
    cached(`${hash}.q${quality}.br`, () =>
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    ),
    cached(`${hash}.gz`, () => gzipAsync(bytes, { level: 9 })),
  ]);
  let written = 0;
  for (const [suffix, compressed] of [
    ['.br', br],
    ['.gz', gz],
  ] as const) {
    if (compressed.length > bytes.length * (1 - minimumSaving)) continue;
    await writeFile(`${path}${suffix}`, compressed);
    written++;
  }
  return written;
}

const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
if (!(await stat(dist).catch(() => null))?.isDirectory()) {
  throw new Error(`precompress: ${dist} is not a directory; run vite build first`);
}
const paths: string[] = [];
for await (const path of files(dist)) paths.push(path);
const counts = await Promise.all(paths.map(precompress));
console.log(
  `precompress: ${counts.reduce((a, b) => a + b, 0)} variants of ${paths.length} files in ${dist}`,
);
