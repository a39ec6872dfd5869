import type { Plugin } from 'vite';

/**
 * The service worker's own build (vite-plugin-pwa runs one, with a config of its own) without
 * warnings: the plugin asks for `output.inlineDynamicImports: true`, which Rolldown (Vite 8)
 * deprecates on every build, so this asks for the same single file by the name Rolldown uses
 * (`codeSplitting: false`); and, as vite.config.ts does for the app, no warning about how long
 * plugin callbacks took.
 */
export function serviceWorkerBuildOptions(): Plugin {
  return {
    name: 'polarity:service-worker-build-options',
    config: () => ({ build: { rolldownOptions: { checks: { bundlerTimings: false } } } }),
    outputOptions(output) {
      if (!('inlineDynamicImports' in output)) return null;
      const { inlineDynamicImports, ...rest } = output;
      return { ...rest, codeSplitting: !inlineDynamicImports };
    },
  };
}
