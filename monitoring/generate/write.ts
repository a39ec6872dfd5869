import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMonitoringFiles } from './render.ts';

const monitoringDir = fileURLToPath(new URL('../', import.meta.url));

for (const [path, content] of Object.entries(renderMonitoringFiles())) {
  writeFileSync(`${monitoringDir}${path}`, content);
  console.log(`wrote monitoring/${path}`);
}
