// `npm run build`: compiles the Node programs to JavaScript (build/bundles.mjs) and builds the
// web app (build/web.mjs). `--if-changed` (what `npm start` and `npm run monitor` pass) builds
// only what changed since the last build, so an unchanged tree starts at once. Plain
// JavaScript, so it runs on `node` alone before anything is compiled.
import { parseArgs } from 'node:util';
import { benchBundles, buildBundle, bundles } from './bundles.mjs';
import { buildWeb } from './web.mjs';

const { values } = parseArgs({
  options: {
    'if-changed': { type: 'boolean', default: false },
    'skip-web': { type: 'boolean', default: false },
    // One of `benchBundles`, built alone.
    bench: { type: 'string' },
  },
});
const ifChanged = values['if-changed'];
const started = performance.now();
const built = [];
try {
  const bench = benchBundles.find((bundle) => bundle.name === values.bench);
  if (values.bench && !bench) throw new Error(`no bench bundle named ${values.bench}`);
  for (const bundle of bench ? [bench] : bundles) {
    if (await buildBundle(bundle, { ifChanged })) built.push(bundle.name);
  }
  if (!bench && !values['skip-web'] && buildWeb({ ifChanged })) built.push('web');
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
console.log(
  built.length ? `build: ${built.join(', ')} in ${ms} ms` : `build: up to date (${ms} ms)`,
);
