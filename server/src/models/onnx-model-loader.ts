import {
  createClassifier,
  createReviewTokenizer,
  ModelConfig,
  wholeWordVocabulary,
} from '@polarity/core/inference';
import { z } from 'zod';
import type { ArtifactStore } from './artifact-store.ts';
import { coalescedRuns } from './coalesced-runs.ts';
import type { ModelLoader, ServedModel } from './served-model.ts';

const warmUpTexts = [
  'Warm-up review: the blender works great.',
  'Broke after two days, very disappointed.',
];

function parseJson<T extends z.ZodType>(schema: T, bytes: Uint8Array, where: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new Error(`${where} is not JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${where} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const jsonObject = z.record(z.string(), z.unknown());

/**
 * Builds a version's inference session (onnxruntime-node) and tokenizer (transformers.js) from
 * its verified files, then runs the shared classifier once so the first request is not slow.
 * The session is released only after the last request using it has finished.
 */
export function createOnnxModelLoader(artifacts: ArtifactStore): ModelLoader {
  return async (name, version) => {
    // Imported on first use: both are heavy, and a server that exits on bad config never needs them.
    const [ort, { BertTokenizer }] = await Promise.all([
      import('onnxruntime-node'),
      import('@huggingface/transformers'),
    ]);
    const where = (file: string) => `model ${name} version ${version} ${file}`;
    const [modelBytes, tokenizerBytes, tokenizerConfigBytes, configBytes] = await Promise.all(
      ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map((file) =>
        artifacts.read(name, version, file),
      ),
    );
    const config = parseJson(ModelConfig, configBytes!, where('config.json'));
    const tokenizerJson = parseJson(jsonObject, tokenizerBytes!, where('tokenizer.json'));
    const pretrained = new BertTokenizer(
      tokenizerJson,
      parseJson(jsonObject, tokenizerConfigBytes!, where('tokenizer_config.json')),
    );
    const session = await ort.InferenceSession.create(modelBytes!, {
      // One thread per run: requests run side by side, and two cores are the target machine.
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    }).catch((cause: unknown) => {
      throw new Error(`${where('model.onnx')} cannot be loaded by onnxruntime`, { cause });
    });
    const classifier = createClassifier({
      tensor: ort.Tensor,
      session,
      tokenizer: createReviewTokenizer(pretrained, {
        maxLength: config.max_length,
        unkTokenId: config.unk_token_id,
        vocabulary: wholeWordVocabulary(tokenizerJson),
      }),
      config,
    });
    await classifier.classify(warmUpTexts);
    const classify = coalescedRuns((texts) => classifier.classify(texts));

    let running = 0;
    let released: (() => void) | undefined;
    const model: ServedModel = {
      name,
      version,
      config,
      async classify(texts) {
        running++;
        try {
          return await classify(texts);
        } finally {
          running--;
          if (running === 0) released?.();
        }
      },
      release() {
        return new Promise<void>((resolve) => {
          released = resolve;
          if (running === 0) resolve();
        }).then(() => session.release());
      },
    };
    return model;
  };
}
