import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { onnxRuntimeFiles, onnxRuntimeWebDir } from './build/onnx-runtime-files.ts';
import { webManifest } from './build/web-manifest.ts';

export default defineConfig({
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
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['ort/**'],
      },
    }),
  ],
  resolve: {
    // transformers.js pins a dev build of onnxruntime-web; one runtime (ours, 1.30.0) must serve
    // both, or the worker would ship two copies with two separate `env` objects.
    dedupe: ['onnxruntime-web'],
    alias: [
      {
        find: /^onnxruntime-web(\/.*)?$/,
        replacement: `${onnxRuntimeWebDir}$1`,
      },
    ],
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://localhost:8000' } },
});
