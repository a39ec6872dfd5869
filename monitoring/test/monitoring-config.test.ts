import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelAlerts, serviceAlerts } from '../generate/alerts.ts';
import { renderMonitoringFiles } from '../generate/render.ts';

const monitoringDir = fileURLToPath(new URL('../', import.meta.url));
const read = (path: string) => readFileSync(`${monitoringDir}${path}`, 'utf8');
const alerts = [...serviceAlerts.rules, ...modelAlerts.rules];

interface PromtoolTests {
  tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe('monitoring configuration', () => {
  it.each(Object.keys(renderMonitoringFiles()))('committed %s matches its generator', (path) => {
    // Stale? Run `npm run monitoring:generate` and commit the result.
    expect(read(path)).toBe(renderMonitoringFiles()[path]);
  });

  it('gives every alert a runbook section that exists', () => {
    const headings = new Set(
      [...read('runbook.md').matchAll(/^## (\S+)$/gm)].map(([, heading]) => heading!.toLowerCase()),
    );
    for (const alert of alerts) {
      const anchor = alert.annotations.runbook_url.split('#')[1];
      expect(headings, alert.alert).toContain(anchor);
      expect(alert.for, alert.alert).toMatch(/^\d+[mh]$/);
    }
  });

  it('tests every alert firing and not firing with promtool', () => {
    const cases = ['service-test.yaml', 'model-quality-test.yaml'].flatMap((file) =>
      (parse(read(`prometheus/tests/${file}`)) as PromtoolTests).tests.flatMap(
        (test) => test.alert_rule_test ?? [],
      ),
    );
    for (const { alert } of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${alert} fires somewhere`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${alert} stays silent somewhere`,
      ).toBe(true);
    }
  });

  it('passes promtool check config/rules, promtool test rules and amtool check-config', async () => {
    const { stdout } = await promisify(execFile)('bash', [`${monitoringDir}check.sh`]);
    expect(stdout).toContain('SUCCESS');
  });
});
