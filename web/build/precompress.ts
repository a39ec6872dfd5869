import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (compressible.has(extname(entry.name))) yield path;
  }
}

async function precompress(path: string): Promise<number> {
  const bytes = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: bytes.length > largeFile ? 9 : 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
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
