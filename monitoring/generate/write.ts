import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderKubernetesFiles } from './kubernetes.ts';
import { renderMonitoringFiles } from './render.ts';

const monitoringDir = fileURLToPath(new URL('../', import.meta.url));
const repoDir = fileURLToPath(new URL('../../', import.meta.url));

for (const [path, content] of Object.entries(renderMonitoringFiles())) {
  writeFileSync(`${monitoringDir}${path}`, content);
  console.log(`wrote monitoring/${path}`);
}
for (const [path, content] of Object.entries(renderKubernetesFiles())) {
  writeFileSync(`${repoDir}${path}`, content);
  console.log(`wrote ${path}`);
}
