import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PredictResponse } from '@polarity/core/contracts';
import { readableExplanation } from '@polarity/core/explanation';
import { LocalRegistry } from '@polarity/core/registry';
import { loadDataset } from '@polarity/model-export/data';
import { loadVersionClassifier } from '@polarity/model-export/load-version';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/env.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { postJson } from '../support/test-app.ts';

const dataDir = join(repoRoot, '..', 'shared', 'data', 'amazon-multidomain');
const reviewsCompared = 200;

describe.skipIf(!shippedModelAvailable || !existsSync(dataDir))(
  'server inference matches the trainer',
  () => {
    const under = useAppUnderTest({
      // Two hundred requests at once from one client are the point of the second test.
      env: { REGISTRY_DIR: shippedRegistryDir, RATE_LIMIT_PER_SECOND: '0' },
      startModels: true,
    });

    it(`agrees with model-export's scorer on ${reviewsCompared} test-split reviews`, async () => {
      const test_split = (await loadDataset(dataDir, { skipBad: true })).filter(
        (r) => r.split === 'test',
      );
      // every domain and both labels: an even spread over the split
      const step = Math.floor(test_split.length / reviewsCompared);
      const texts = Array.from({ length: reviewsCompared }, (_, i) => test_split[i * step]!.text);
      const version = under.test.api.models.current()!.version;
      const { classifier } = await loadVersionClassifier(
        new LocalRegistry(shippedRegistryDir),
        version,
      );
      const expected = await classifier.classify(texts);

      const served = [];
      for (let i = 0; i < texts.length; i += 50) {
        const response = await postJson(under.test.app, '/api/predict', {
          texts: texts.slice(i, i + 50),
          explain: 'all',
        });
        expect(response.status).toBe(200);
        served.push(...PredictResponse.parse(await response.json()).predictions);
      }
      expect(served).toHaveLength(reviewsCompared);
      served.forEach((prediction, i) => {
        const reference = expected[i]!;
        expect(prediction.label, texts[i]).toBe(reference.label);
        expect(
          Math.abs(prediction.probabilities.positive - reference.probabilities.positive),
        ).toBeLessThanOrEqual(1e-5);
        expect(
          Math.abs(prediction.probabilities.negative - reference.probabilities.negative),
        ).toBeLessThanOrEqual(1e-5);
        expect(prediction.explanation.map((t) => [t.start, t.end])).toEqual(
          reference.explanation.map((t) => [t.start, t.end]),
        );
        expect(prediction.caveat, texts[i]).toEqual(reference.caveat);
      });
      expect(new Set(served.map((p) => p.label))).toEqual(new Set(['negative', 'positive']));
    });

    it(`draws the same explanation from the default answer's tokens as from every token, on ${reviewsCompared} reviews`, async () => {
      const test_split = (await loadDataset(dataDir, { skipBad: true })).filter(
        (r) => r.split === 'test',
      );
      const step = Math.floor(test_split.length / reviewsCompared);
      const texts = Array.from({ length: reviewsCompared }, (_, i) => test_split[i * step]!.text);
      const answers = async (explain: 'shown' | 'all') => {
        const predictions = [];
        for (let i = 0; i < texts.length; i += 50) {
          const response = await postJson(under.test.app, '/api/predict', {
            texts: texts.slice(i, i + 50),
            explain,
          });
          predictions.push(...PredictResponse.parse(await response.json()).predictions);
        }
        return predictions;
      };
      const shown = await answers('shown');
      const all = await answers('all');
      const drawn = (text: string, explanation: (typeof shown)[number]['explanation']) => {
        const { words, phrases, topReasons } = readableExplanation(text, explanation);
        return { marked: words.filter((word) => word.push), phrases, topReasons };
      };
      let kept = 0;
      let total = 0;
      texts.forEach((text, i) => {
        expect(drawn(text, shown[i]!.explanation), text).toEqual(drawn(text, all[i]!.explanation));
        kept += shown[i]!.explanation.length;
        total += all[i]!.explanation.length;
      });
      // The point of the default: most tokens are left out.
      expect(kept / total).toBeLessThan(0.5);
    });

    it('gives every concurrent single-text request its own result when their runs are shared', async () => {
      const test_split = (await loadDataset(dataDir, { skipBad: true })).filter(
        (r) => r.split === 'test',
      );
      const texts = test_split.slice(0, reviewsCompared).map((r) => r.text);
      const { classifier } = await loadVersionClassifier(
        new LocalRegistry(shippedRegistryDir),
        under.test.api.models.current()!.version,
      );
      const expected = await classifier.classify(texts);

      const responses = await Promise.all(
        texts.map((text) => postJson(under.test.app, '/api/predict', { text, explain: 'all' })),
      );
      for (const [i, response] of responses.entries()) {
        expect(response.status).toBe(200);
        const [prediction] = PredictResponse.parse(await response.json()).predictions;
        const reference = expected[i]!;
        expect(prediction!.label, texts[i]).toBe(reference.label);
        expect(
          Math.abs(prediction!.probabilities.positive - reference.probabilities.positive),
        ).toBeLessThanOrEqual(1e-5);
        expect(prediction!.explanation.map((t) => t.token)).toEqual(
          reference.explanation.map((t) => t.token),
        );
        expect(prediction!.tokenCount).toBe(reference.tokenCount);
      }
    });
  },
);
