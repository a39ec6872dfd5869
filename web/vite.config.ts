import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildId } from './build/build-id.ts';
import {
  onnxRuntimeBinarySizes,
  onnxRuntimeFiles,
  onnxRuntimeWebDir,
  withoutBundledOnnxBinary,
} from './build/onnx-runtime-files.ts';
import { webManifest } from './build/web-manifest.ts';

export default defineConfig({
  define: {
    'import.meta.env.VITE_BUILD_ID': JSON.stringify(buildId()),
    'import.meta.env.VITE_ORT_BINARY_SIZES': JSON.stringify(onnxRuntimeBinarySizes()),
  },
  plugins: [
    react(),
    onnxRuntimeFiles(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      injectManifest: {
        // The onnxruntime binaries (14–28 MB) are cached at runtime by their own route.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,txt,webmanifest}'],
        globIgnores: ['assets/ort-*/**'],
      },
    }),
  ],
  resolve: {
    // transformers.js pins a dev build of onnxruntime-web (and its own onnxruntime-common); ours
    // (1.30.0, the WebGPU build, which re-exports onnxruntime-common) must serve it and the
    // worker's WebGPU path, or the worker would ship two copies with two separate `env` objects.
    // `onnxruntime-web/wasm` (the worker's WebAssembly path) is left to resolve to ours as is.
    dedupe: ['onnxruntime-web', 'onnxruntime-common'],
    alias: [
      {
        find: /^onnxruntime-(web|web\/webgpu|common)$/,
        replacement: `${onnxRuntimeWebDir}/dist/ort.webgpu.bundle.min.mjs`,
      },
    ],
  },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod's no-eval setting must run before any schema is built (src/shared/zod-without-eval.ts).
          groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|zod-without-eval/ }],
        },
      },
    },
  },
  worker: { format: 'es', plugins: () => [withoutBundledOnnxBinary()] },
  server: { proxy: { '/api': 'http://localhost:8000' } },
});
