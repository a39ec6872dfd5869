import type * as OnnxRuntimeModule from 'onnxruntime-web/wasm';
import { onnxRuntimePath } from '../shared/onnx-runtime-files.ts';
import { readWithProgress } from '../shared/read-with-progress.ts';
import { reportDownload } from './downloads.ts';

/** Every onnxruntime-web build exposes the same API (one types.d.ts); they differ in binaries. */
export type OnnxRuntime = typeof OnnxRuntimeModule;

/**
 * `wasm` is the WebAssembly-only build (14 MB binary, compiles fast); `webgpu` also runs
 * WebAssembly but on a 26 MB binary, so it is loaded only when WebGPU is tried.
 */
export type OnnxRuntimeBuild = 'wasm' | 'webgpu';

const loaded = new Map<OnnxRuntimeBuild, Promise<OnnxRuntime>>();

/**
 * onnxruntime's binaries come from our own origin (copied into the build), never
 * from a CDN. Set unconditionally: transformers.js (which imports the WebGPU build) points them
 * at jsDelivr on import when nothing is set yet, and module order is not something to rely on.
 */
function configure(ort: OnnxRuntime): OnnxRuntime {
  ort.env.wasm.wasmPaths = new URL(onnxRuntimePath, self.location.origin).href;
  // Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
  ort.env.wasm.numThreads = self.crossOriginIsolated
    ? Math.min(4, Math.max(1, (navigator.hardwareConcurrency ?? 2) - 1))
    : 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return ort;
}

/** The binary each build runs (web/src/shared/onnx-runtime-files.ts). */
const binaries: Record<OnnxRuntimeBuild, string> = {
  wasm: 'ort-wasm-simd-threaded.wasm',
  webgpu: 'ort-wasm-simd-threaded.asyncify.wasm',
};

/**
 * The binary, fetched here rather than by onnxruntime so its download (most of a first visit's
 * bytes) counts in the progress bar. Its decoded size comes from the build.
 */
async function fetchBinary(build: OnnxRuntimeBuild): Promise<ArrayBuffer> {
  const name = binaries[build];
  const url = new URL(`${onnxRuntimePath}${name}`, self.location.origin);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`onnxruntime: GET ${url.pathname} answered ${response.status}`);
  const decodedSize = import.meta.env.VITE_ORT_BINARY_SIZES[name] ?? 0;
  return readWithProgress(response, decodedSize, (loaded, total) =>
    reportDownload(`onnxruntime:${name}`, loaded, total),
  );
}

/** Each build is its own chunk, imported (and configured) once, on first use. */
export function loadOnnxRuntime(build: OnnxRuntimeBuild): Promise<OnnxRuntime> {
  let runtime = loaded.get(build);
  if (!runtime) {
    runtime = Promise.all([
      build === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm'),
      fetchBinary(build),
    ]).then(([ort, binary]) => {
      configure(ort).env.wasm.wasmBinary = binary;
      return ort;
    });
    // A failed download may be retried by a later load (back online, say).
    runtime.catch(() => loaded.delete(build));
    loaded.set(build, runtime);
  }
  return runtime;
}
