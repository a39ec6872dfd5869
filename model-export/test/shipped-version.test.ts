import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelConfig } from '@polarity/core/inference';
import { LocalRegistry } from '@polarity/core/registry';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { modelName, repoRoot } from '../src/commands/registry-access.ts';
import { defaultDataPath } from '../src/commands/train.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import { recordedHyperparameters } from '../src/train/hyperparameters.ts';
import { score } from '../src/train/linear-model.ts';
import { trainModel } from '../src/train/train-model.ts';
import { modelBytes } from '../src/version/export-version.ts';
import { sha256 } from '../src/version/fingerprint.ts';

/** Every shipped version must stay reproducible from the data, its seed and its config.json. */
const shippedVersions = (
  await new LocalRegistry(join(repoRoot, 'registry')).listVersions(modelName)
).map((v) => v.version);
const hasData = existsSync(defaultDataPath);
if (!hasData)
  console.warn(
    `shipped-version tests skipped: ${defaultDataPath} is missing (see shared/data/README.md)`,
  );

describe.skipIf(!hasData)('shipped polarity-sentiment versions', () => {
  it.each(shippedVersions)(
    'version %s retrains byte-identically and its ONNX logits equal the reference scorer on the test split',
    async (version) => {
      const versionDir = join(repoRoot, 'registry', 'polarity-sentiment', version);
      const config = ModelConfig.parse(
        JSON.parse(await readFile(join(versionDir, 'config.json'), 'utf8')),
      );
      const shipped = await readFile(join(versionDir, 'model.onnx'));
      const records = await loadDataset(defaultDataPath, { skipBad: false });
      const params = recordedHyperparameters(config.hyperparameters);
      const trained = await trainModel(records, params, config.seed, () => {});
      expect(sha256(modelBytes(trained))).toBe(sha256(shipped));

      const session = await ort.InferenceSession.create(shipped);
      let maxDiff = 0;
      for (const record of records.filter((r) => r.split === 'test')) {
        const ids = trained.encoder.tokenizer.encode(record.text).ids;
        const n = Math.max(ids.length, 1);
        const feed = (values: number[]) =>
          new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, n]);
        const out = await session.run({
          input_ids: feed(ids.length ? ids : [0]),
          attention_mask: feed(ids.length ? ids.map(() => 1) : [0]),
        });
        const logits = out.logits!.data as Float32Array;
        const expected = score(trained.model, trained.encoder.toDoc(record.text));
        maxDiff = Math.max(maxDiff, Math.abs(logits[1]! - logits[0]! - expected));
      }
      expect(maxDiff).toBeLessThanOrEqual(1e-5);
    },
    // A full training run per version, on a CI machine that may be busy.
    600_000,
  );
});
