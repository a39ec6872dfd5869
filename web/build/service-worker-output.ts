import type { Plugin } from 'vite';

/**
 * vite-plugin-pwa 2.0 builds the service worker with `output.inlineDynamicImports: true`, which
 * Rolldown (Vite 8) deprecates with a warning on every build. This asks for the same single file
 * with the option Rolldown names instead (`codeSplitting: false`).
 */
export function serviceWorkerInOneFile(): Plugin {
  return {
    name: 'polarity:service-worker-in-one-file',
    outputOptions(output) {
      if (!('inlineDynamicImports' in output)) return null;
      const { inlineDynamicImports, ...rest } = output;
      return { ...rest, codeSplitting: !inlineDynamicImports };
    },
  };
}
