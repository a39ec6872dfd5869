// Reads `npm audit --json` on stdin; fails on high/critical advisories not accepted in the file
// named by the first argument (one advisory URL a line, `#` comments).
import { existsSync, readFileSync } from 'node:fs';

const acceptedFile = process.argv[2];
const accepted = new Set(
  (existsSync(acceptedFile) ? readFileSync(acceptedFile, 'utf8') : '')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean),
);
const report = JSON.parse(readFileSync(0, 'utf8'));
let failing = 0;
for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
  if (!['high', 'critical'].includes(finding.severity)) continue;
  const advisories = finding.via.filter((via) => typeof via === 'object').map((via) => via.url);
  const open = advisories.filter((url) => !accepted.has(url));
  if (advisories.length > 0 && open.length === 0) {
    console.log(`audit: ${finding.severity} ${name} accepted (${advisories.join(', ')})`);
    continue;
  }
  failing++;
  console.error(`audit: ${finding.severity} ${name} ${finding.range} ${open.join(', ')}`);
}
process.exit(failing === 0 ? 0 : 1);
