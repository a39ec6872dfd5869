import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

interface RuleFile {
  groups: { name: string; rules: { alert?: string; for?: string }[] }[];
}

/**
 * Copies of the repository's rule files with every alert's `for` shortened, so a demo sees an
 * alert fire within a minute instead of after the production hold (e.g. 30 min for accuracy).
 * Expressions, thresholds and labels stay exactly as committed.
 */
export async function demoRuleFiles(
  prometheusDir: string,
  workDir: string,
  alertFor: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const folder of ['rules', 'alerts']) {
    const files = (await readdir(join(prometheusDir, folder))).filter((f) => f.endsWith('.yaml'));
    await mkdir(join(workDir, folder), { recursive: true });
    for (const file of files) {
      const rules = parse(await readFile(join(prometheusDir, folder, file), 'utf8')) as RuleFile;
      for (const group of rules.groups) {
        for (const rule of group.rules) if (rule.alert && rule.for) rule.for = alertFor;
      }
      const target = join(workDir, folder, file);
      await writeFile(target, stringify(rules));
      written.push(target);
    }
  }
  return written;
}
