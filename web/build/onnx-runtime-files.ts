import { createReadStream, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import {
  onnxRuntimeFileNames,
  onnxRuntimePath,
  onnxRuntimeVersion,
} from '../src/shared/onnx-runtime-files.ts';

/** The one onnxruntime-web the app uses (the workspace's pinned one, hoisted to the root). */
export const onnxRuntimeWebDir = fileURLToPath(
  new URL('../../node_modules/onnxruntime-web', import.meta.url),
);

/**
 * Copies onnxruntime-web's binaries into the build so they come from our own origin, never a
 * CDN, and serves them from node_modules in `vite dev`.
 */
export function onnxRuntimeFiles(): Plugin {
  const sourceDir = join(onnxRuntimeWebDir, 'dist');
  const names: readonly string[] = onnxRuntimeFileNames;
  let outDir = 'dist';
  return {
    name: 'polarity:onnx-runtime-files',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
      const installed = JSON.parse(
        readFileSync(join(onnxRuntimeWebDir, 'package.json'), 'utf8'),
      ).version;
      if (installed !== onnxRuntimeVersion) {
        throw new Error(
          `onnxruntime-web ${installed} is installed, src/shared/onnx-runtime-files.ts expects ${onnxRuntimeVersion}`,
        );
      }
    },
    configureServer(server) {
      server.middlewares.use(onnxRuntimePath, (request, response, next) => {
        const name = request.url?.split('?')[0]?.slice(1) ?? '';
        if (!names.includes(name)) return next();
        response.setHeader(
          'Content-Type',
          name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
        );
        createReadStream(join(sourceDir, name)).pipe(response);
      });
    },
    async writeBundle() {
      const target = join(outDir, onnxRuntimePath);
      await mkdir(target, { recursive: true });
      await Promise.all(names.map((name) => copyFile(join(sourceDir, name), join(target, name))));
    },
  };
}

/**
 * onnxruntime's fallback `new URL('ort-wasm-….wasm', import.meta.url)` makes Vite emit a second
 * 26 MB copy into assets/; the worker always sets `wasmPaths`, so that copy is never fetched.
 */
export function withoutBundledOnnxBinary(): Plugin {
  return {
    name: 'polarity:without-bundled-onnx-binary',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (/ort-wasm[^/]*\.wasm$/.test(name)) delete bundle[name];
      }
    },
  };
}

/** Decoded sizes of the binaries, so the app's progress bar can count their compressed transfer. */
export function onnxRuntimeBinarySizes(): Record<string, number> {
  return Object.fromEntries(
    onnxRuntimeFileNames
      .filter((name) => name.endsWith('.wasm'))
      .map((name) => [name, statSync(join(onnxRuntimeWebDir, 'dist', name)).size]),
  );
}
