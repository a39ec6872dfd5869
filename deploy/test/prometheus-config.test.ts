import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localPrometheusConfig } from '../local-stack/prometheus-config.ts';

const repoConfig = `
global: { scrape_interval: 15s, evaluation_interval: 15s, external_labels: { stack: polarity } }
rule_files: ['rules/*.yaml', '/etc/prometheus/alerts/model.yaml']
alerting:
  alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }]
scrape_configs:
  - job_name: polarity-api
    static_configs: [{ targets: ['api:8000'] }]
  - job_name: polarity-monitor
    static_configs: [{ targets: ['monitor:8001'] }]
  - job_name: grafana
    static_configs: [{ targets: ['grafana:3000'] }]
`;

describe('localPrometheusConfig', () => {
  const local = parse(
    localPrometheusConfig(
      repoConfig,
      '/repo/monitoring/prometheus',
      { 'api:8000': '127.0.0.1:41000', 'monitor:8001': '127.0.0.1:41001' },
      2,
    ),
  );

  it('points the compose jobs at local addresses and drops jobs with nothing local', () => {
    expect(local.scrape_configs).toEqual([
      {
        job_name: 'polarity-api',
        static_configs: [{ targets: ['127.0.0.1:41000'] }],
        scrape_interval: '2s',
      },
      {
        job_name: 'polarity-monitor',
        static_configs: [{ targets: ['127.0.0.1:41001'] }],
        scrape_interval: '2s',
      },
    ]);
  });

  it('keeps the rules, as absolute paths, and evaluates them often', () => {
    expect(local.rule_files).toEqual([
      '/repo/monitoring/prometheus/rules/*.yaml',
      '/etc/prometheus/alerts/model.yaml',
    ]);
    expect(local.global).toEqual({
      scrape_interval: '2s',
      evaluation_interval: '2s',
      external_labels: { stack: 'polarity' },
    });
  });

  it('leaves Alertmanager out', () => {
    expect(local).not.toHaveProperty('alerting');
  });
});
