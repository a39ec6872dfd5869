// A build's stamp: the size and mtime of every input it read, so the next `npm start` can tell
// in milliseconds whether anything changed without building again.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Beside the installed packages, so a fresh `npm ci` (or a new image layer) starts clean. */
const stampDir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'polarity-build');

/** `[size, mtimeMs]` of a file, or undefined when it is gone. */
function fingerprint(path) {
  try {
    const stats = statSync(path);
    return [stats.size, stats.mtimeMs];
  } catch {
    return undefined;
  }
}

/** The stamp of `inputs` (absolute paths) and of `extra` (what else decides the output). */
export function stampOf(inputs, extra = {}) {
  return { extra, inputs: Object.fromEntries(inputs.map((path) => [path, fingerprint(path)])) };
}

/** Whether the stamp last written for `target` equals `stamp` and every `outputs` file exists. */
export function upToDate(target, stamp, outputs) {
  if (outputs.some((path) => fingerprint(path) === undefined)) return false;
  try {
    const previous = readFileSync(join(stampDir, `${target}.json`), 'utf8');
    return previous === JSON.stringify(stamp);
  } catch {
    return false;
  }
}

/** Whether the inputs recorded in `target`'s stamp are unchanged (for inputs known after a build). */
export function recordedUpToDate(target, extra, outputs) {
  try {
    const previous = JSON.parse(readFileSync(join(stampDir, `${target}.json`), 'utf8'));
    return upToDate(target, stampOf(Object.keys(previous.inputs), extra), outputs);
  } catch {
    return false;
  }
}

export function writeStamp(target, stamp) {
  const path = join(stampDir, `${target}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stamp));
}
