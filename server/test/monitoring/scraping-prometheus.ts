import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrometheus as startPrometheusBinary } from '../support/prometheus-process.ts';

export interface PromResult {
  status: 'success' | 'error';
  error?: string;
  data?: {
    resultType: string;
    result: { metric: Record<string, string>; value: [number, string] }[];
  };
}

export interface ScrapingPrometheus {
  url: string;
  query(expr: string): Promise<PromResult>;
  stop(): Promise<void>;
}

/**
 * The Debian `prometheus` binary with a scrape and evaluation interval of 1 s, a temporary
 * storage folder, and the committed rule files.
 */
export async function startPrometheus(options: {
  targets: Record<string, string>;
  ruleFiles: string[];
}): Promise<ScrapingPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'polarity-prometheus-'));
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: options.ruleFiles,
    scrape_configs: Object.entries(options.targets).map(([job, target]) => ({
      job_name: job,
      static_configs: [{ targets: [target] }],
    })),
  };
  const prometheus = await startPrometheusBinary(JSON.stringify(config), dir);
  return {
    url: prometheus.url,
    async query(expr) {
      const response = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      return (await response.json()) as PromResult;
    },
    async stop() {
      await prometheus.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
