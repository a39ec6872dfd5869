/** The onnxruntime-web release the app ships; the build fails if the installed one differs. */
export const onnxRuntimeVersion = '1.30.0';

/**
 * Where the app serves onnxruntime's binaries. Under /assets/ the server marks them immutable
 * (so the service worker's install reuses the page's download from the HTTP cache), and the
 * version in the path keeps that honest.
 */
export const onnxRuntimePath = `/assets/ort-${onnxRuntimeVersion}/`;

/**
 * The WebAssembly-only build (`onnxruntime-web/wasm`) runs on the plain binary; the WebGPU build
 * (what transformers.js imports, and what the worker uses when WebGPU is tried) on the asyncify one.
 */
export const onnxRuntimeFileNames = [
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
] as const;
