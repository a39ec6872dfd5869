/** The onnxruntime-web release the app ships; the build fails if the installed one differs. */
export const onnxRuntimeVersion = '1.30.0';

/**
 * Where the app serves onnxruntime's binaries. Under /assets/ the server marks them immutable
 * (so the service worker's install reuses the page's download from the HTTP cache), and the
 * version in the path keeps that honest.
 */
export const onnxRuntimePath = `/assets/ort-${onnxRuntimeVersion}/`;

/** The WebGPU build (what transformers.js imports) runs on the asyncify binary for both providers. */
export const onnxRuntimeFileNames = [
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
] as const;
