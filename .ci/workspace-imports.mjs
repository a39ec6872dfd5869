// Workspaces talk through their package exports only: a relative import that leaves the
// workspace it is written in couples two packages behind the back of their declared
// dependencies. Lists every such import and exits 1 if there is one (part of `npm run lint`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const workspaceOf = (path) => workspaces.find((w) => path === w || path.startsWith(`${w}/`));

const files = execFileSync(
  'git',
  [
    'ls-files',
    '--cached',
    '--others',
    '--exclude-standard',
    '*.ts',
    '*.tsx',
    '*.mts',
    '*.mjs',
    '*.js',
  ],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter(Boolean);

const specifier = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const crossings = [];
for (const file of files) {
  const home = workspaceOf(file);
  if (!home) continue;
  const text = readFileSync(join(root, file), 'utf8');
  for (const match of text.matchAll(specifier)) {
    const target = normalize(join(dirname(file), match[1]));
    if (workspaceOf(target) !== home) {
      const line = text.slice(0, match.index).split('\n').length;
      crossings.push(`${file}:${line}: '${match[1]}' leaves workspace ${home}`);
    }
  }
}
if (crossings.length > 0) {
  console.error(
    `workspace-imports: ${crossings.length} relative import(s) cross a workspace root; import the other workspace's package export instead:\n${crossings.join('\n')}`,
  );
  process.exit(1);
}
console.log(
  `workspace-imports: ${files.length} files, no relative import crosses a workspace root`,
);
