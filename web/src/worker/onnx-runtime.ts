import type * as OnnxRuntimeModule from 'onnxruntime-web/wasm';
import { onnxRuntimePath } from '../shared/onnx-runtime-files.ts';

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

/** Each build is its own chunk, imported (and configured) once, on first use. */
export function loadOnnxRuntime(build: OnnxRuntimeBuild): Promise<OnnxRuntime> {
  let runtime = loaded.get(build);
  if (!runtime) {
    runtime = (
      build === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm')
    ).then(configure);
    loaded.set(build, runtime);
  }
  return runtime;
}
