// The Node programs, each bundled by esbuild into one ES module with its source map: the
// server (and its inference worker), the model CLI and the compose/Kubernetes model-init job.
// The workspaces' own TypeScript (@polarity/*) is compiled into each bundle; every other
// package stays an import that Node resolves from node_modules at run time.
import { join, resolve } from 'node:path';
import { build, version } from 'esbuild';
import { recordedUpToDate, stampOf, writeStamp } from './stamp.mjs';

const root = resolve(import.meta.dirname, '..');

/**
 * Each output lies two folders below the repository root (`<workspace>/dist/<name>.js`), as
 * `server/src/env.ts` does: the bundled code finds the root (`registry/`, `data/`,
 * `server/drizzle/`, `web/dist/`) from its own URL, and so must find the same one.
 */
export const bundles = [
  {
    name: 'server',
    outdir: 'server/dist',
    entryPoints: {
      index: 'server/src/index.ts',
      'inference-worker': 'server/src/models/inference-worker.ts',
    },
  },
  {
    name: 'model-export',
    outdir: 'model-export/dist',
    entryPoints: { cli: 'model-export/src/cli.ts' },
  },
  { name: 'deploy', outdir: 'deploy/dist', entryPoints: { 'model-init': 'deploy/model-init.ts' } },
];

/**
 * Benches that time code in-process, bundled like the server so they time what it serves (tsx's
 * keep-names wrapper costs every inner function on each call); built only on request
 * (`build.mjs --bench <name>`).
 */
export const benchBundles = [
  {
    name: 'bench-stages',
    outdir: 'server/dist',
    entryPoints: { 'bench-stages': 'server/bench/long-review-stages.ts' },
  },
];

/** Packages other than the workspaces' own are loaded from node_modules, not bundled. */
const packagesStayExternal = {
  name: 'packages-stay-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@polarity/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** What besides the bundled sources decides the output. */
const extra = { esbuild: version };
const alwaysInputs = [join(root, 'package-lock.json'), join(root, 'build', 'bundles.mjs')];

function outputsOf(bundle) {
  return Object.keys(bundle.entryPoints).flatMap((name) => [
    join(root, bundle.outdir, `${name}.js`),
    join(root, bundle.outdir, `${name}.js.map`),
  ]);
}

/** Bundles one program; with `ifChanged`, only when an input changed since the last build. */
export async function buildBundle(bundle, { ifChanged }) {
  const target = `bundle-${bundle.name}`;
  if (ifChanged && recordedUpToDate(target, extra, outputsOf(bundle))) return false;
  const result = await build({
    absWorkingDir: root,
    entryPoints: bundle.entryPoints,
    outdir: bundle.outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [packagesStayExternal],
  });
  const inputs = Object.keys(result.metafile.inputs).map((path) => join(root, path));
  writeStamp(target, stampOf([...inputs, ...alwaysInputs], extra));
  return true;
}
