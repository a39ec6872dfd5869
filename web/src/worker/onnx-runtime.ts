// The WebGPU build also runs WebAssembly, and it is the one transformers.js imports: one copy.
import * as ort from 'onnxruntime-web/webgpu';
import { onnxRuntimePath } from '../shared/onnx-runtime-files.ts';

/**
 * onnxruntime's binaries come from our own origin (copied into the build), never
 * from a CDN. Set unconditionally: transformers.js points them at jsDelivr on import when
 * nothing is set yet, and module order is not something to rely on.
 */
ort.env.wasm.wasmPaths = new URL(onnxRuntimePath, self.location.origin).href;
// Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
ort.env.wasm.numThreads = self.crossOriginIsolated
  ? Math.min(4, Math.max(1, (navigator.hardwareConcurrency ?? 2) - 1))
  : 1;
ort.env.wasm.proxy = false;
ort.env.logLevel = 'error';

export { ort };
