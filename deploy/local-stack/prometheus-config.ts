import { isAbsolute, join } from 'node:path';
import { parse, stringify } from 'yaml';

interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  alerting?: unknown;
  scrape_configs?: {
    job_name: string;
    static_configs?: { targets: string[] }[];
    [key: string]: unknown;
  }[];
  [key: string]: unknown;
}

export interface LocalTargets {
  /** compose `host:port` → where that service answers on this machine */
  [composeTarget: string]: string;
}

/**
 * The repository's prometheus.yml, rewritten for processes on this machine: compose service
 * targets become local addresses (jobs whose targets are all unknown are dropped), rule files
 * become absolute paths (or the given copies), Alertmanager is left out, and scraping and evaluation run every
 * `intervalS` seconds so an alert's expression turns true within seconds, not minutes.
 */
export function localPrometheusConfig(
  repoConfigText: string,
  configDir: string,
  targets: LocalTargets,
  intervalS: number,
  ruleFiles?: string[],
): string {
  const config = parse(repoConfigText) as PrometheusConfig;
  const scrapeConfigs = (config.scrape_configs ?? []).flatMap((job) => {
    const statics = (job.static_configs ?? [])
      .map((group) => ({
        ...group,
        targets: group.targets.flatMap((t) => (targets[t] ? [targets[t]] : [])),
      }))
      .filter((group) => group.targets.length > 0);
    return statics.length > 0
      ? [{ ...job, static_configs: statics, scrape_interval: `${intervalS}s` }]
      : [];
  });
  const { alerting: _alerting, ...rest } = config;
  return stringify({
    ...rest,
    global: {
      ...config.global,
      scrape_interval: `${intervalS}s`,
      evaluation_interval: `${intervalS}s`,
    },
    rule_files:
      ruleFiles ??
      (config.rule_files ?? []).map((file) => (isAbsolute(file) ? file : join(configDir, file))),
    scrape_configs: scrapeConfigs,
  });
}
