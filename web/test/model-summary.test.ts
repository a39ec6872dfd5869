import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../src/model-page/explained-figures.ts';
import { parseModelConfig } from '../src/model-page/model-figures.ts';
import { describeModel } from '../src/model-page/model-summary.ts';

const versionDir = join(import.meta.dirname, '..', '..', 'registry', 'polarity-sentiment', '1');
const config = parseModelConfig(readFileSync(join(versionDir, 'config.json'), 'utf8'), '1');
const metadata: ModelVersionMetadata = {
  name: 'polarity-sentiment',
  version: '1',
  aliases: ['champion'],
  created_at: '2026-11-27T08:04:57.113Z',
  labels: ['negative', 'positive'],
  metrics: {},
  files: [
    { name: 'model.onnx', sha256: '0'.repeat(64), size: 2_138_291, url: '/m' },
    { name: 'tokenizer.json', sha256: '0'.repeat(64), size: 300_693, url: '/t' },
  ],
};

describe('the Model page in words', () => {
  it('opens with one plain paragraph written from version 1’s own figures', () => {
    const text = describeModel(metadata, config);
    expect(text).toMatch(/words and pairs of neighbouring words, up to about 512 words/);
    expect(text).toMatch(/On 1,600 held-out reviews .* right 89\.3 % of the time/);
    expect(text).toMatch(
      /92\.8 % for kitchen goods, 91\.0 % for electronics, 87\.0 % for books and 86\.5 % for films on DVD/,
    );
    expect(text).toMatch(/weaker on short texts .* 82\.3 %.* and reviews not in English/);
    expect(text).toMatch(
      /2\.1 MB \(2\.4 MB with its vocabulary\), learnt from 6,400 labelled reviews on (27 November 2026|November 27, 2026)/,
    );
  });

  it('names every test figure once, for a person, without raw keys', () => {
    const figures = figuresOf(config.metrics ?? {}, {});
    const names = figures.map((figure) => figure.name);
    expect(new Set(names).size).toBe(names.length);
    const all = figures.map((f) => `${f.name} ${f.value} ${f.meaning}`).join('\n');
    expect(all).not.toMatch(/test[_ ](ece|accuracy|macro)|_/);
    expect(all).toMatch(/Confidence honesty \(calibration error\) 1\.2 points/);
    expect(all).toMatch(/a word list \(AFINN\) 71\.3 %/);
  });

  it('still describes a version without config.json, from the registry’s metrics', () => {
    const text = describeModel({ ...metadata, metrics: { test_accuracy: 0.9 } }, null);
    expect(text).toMatch(/right 90\.0 % of the time\./);
  });

  it('names the field a malformed config.json gets wrong', () => {
    expect(() => parseModelConfig('{"metrics":{"test_accuracy":"high"}}', '3')).toThrow(
      /config.json of version 3: metrics.test_accuracy:/,
    );
  });
});
