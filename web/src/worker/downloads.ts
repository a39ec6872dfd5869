/**
 * Every download the first visit waits for in the worker (onnxruntime's WebAssembly and the
 * model's files), summed, so the progress bar's total is the whole transfer, not a part of it.
 */
const downloads = new Map<string, { loaded: number; total: number }>();
const listeners = new Set<(loaded: number, total: number) => void>();

export function reportDownload(key: string, loaded: number, total: number): void {
  downloads.set(key, { loaded, total });
  let sumLoaded = 0;
  let sumTotal = 0;
  for (const download of downloads.values()) {
    sumLoaded += download.loaded;
    sumTotal += download.total;
  }
  for (const listener of listeners) listener(sumLoaded, sumTotal);
}

export function onDownloads(listener: (loaded: number, total: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A new load counts only what is still to come, not what an earlier one already fetched. */
export function forgetFinishedDownloads(): void {
  for (const [key, download] of downloads) {
    if (download.loaded >= download.total) downloads.delete(key);
  }
}
