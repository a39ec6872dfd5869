import {
  onnxRuntimeFileNames,
  onnxRuntimePath,
  onnxRuntimeVersion,
} from '../shared/onnx-runtime-files.ts';

/** onnxruntime's binaries change only with its version, so their cache is named by it. */
export const onnxRuntimeCache = `polarity-ort-${onnxRuntimeVersion}`;
export const onnxRuntimeUrls = onnxRuntimeFileNames.map((name) => `${onnxRuntimePath}${name}`);

/** Caches this service worker owns besides Workbox's precache; `activate` deletes any other `polarity-*`. */
export const expectedCaches = new Set([onnxRuntimeCache]);
