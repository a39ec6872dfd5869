import {
  limits,
  ModelAliases,
  ModelVersionMetadata,
  type PredictionResult,
  PredictResponse,
  QualityResponse,
  type QualityWindow,
  ServedModels,
} from '@polarity/core/contracts';
import { createApiClient, readAnswer } from './typed-client.ts';

const api = createApiClient();
const noStore = { init: { cache: 'no-store' } } as const;

/** The model the server serves: its MODEL_NAME, never a name the app assumes. */
export async function fetchServedModel(): Promise<string> {
  const { models } = await readAnswer(
    await api.api.models.$get(undefined, noStore),
    ServedModels,
    'GET /api/models',
  );
  const [served] = models;
  if (!served) throw new Error('GET /api/models: no model in the response');
  return served.name;
}

/** The versions the champion and challenger point at (null where an alias is not set). */
export async function fetchAliases(name: string): Promise<ModelAliases> {
  return readAnswer(
    await api.api.models[':name'].aliases.$get(
      { param: { name: encodeURIComponent(name) } },
      noStore,
    ),
    ModelAliases,
    `GET /api/models/${name}/aliases`,
  );
}

/**
 * One text on the server, for the result card: `explain: 'shown'` is every token the card's
 * explanation reads (it draws the same marks and reasons as from all of them), in a fraction of
 * the answer.
 */
export async function predictOnServer(text: string, clientId: string): Promise<PredictionResult> {
  const { predictions } = await readAnswer(
    await api.api.predict.$post({
      json: { text, client_id: clientId, source: 'web', explain: 'shown' },
    }),
    PredictResponse,
    'POST /api/predict',
  );
  const [prediction] = predictions;
  if (!prediction) throw new Error('POST /api/predict: no prediction in the response');
  return prediction;
}

/** Many texts on the server, in the largest batches the API takes. */
export async function predictManyOnServer(
  texts: string[],
  clientId: string,
  {
    signal,
    onProgress,
  }: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<PredictionResult[]> {
  const out: PredictionResult[] = [];
  for (let start = 0; start < texts.length; start += limits.maxPredictBatch) {
    signal?.throwIfAborted();
    const batch = texts.slice(start, start + limits.maxPredictBatch);
    const { predictions } = await readAnswer(
      await api.api.predict.$post(
        { json: { texts: batch, client_id: clientId, source: 'web' } },
        signal ? { init: { signal } } : undefined,
      ),
      PredictResponse,
      'POST /api/predict',
    );
    out.push(...predictions);
    onProgress?.(out.length, texts.length);
  }
  return out;
}

export async function fetchQuality(window: QualityWindow): Promise<QualityResponse> {
  return readAnswer(
    await api.api.quality.$get({ query: { window } }),
    QualityResponse,
    `GET /api/quality?window=${window}`,
  );
}

export async function fetchVersion(name: string, version: string): Promise<ModelVersionMetadata> {
  return readAnswer(
    await api.api.models[':name'].versions[':version'].$get(
      { param: { name: encodeURIComponent(name), version: encodeURIComponent(version) } },
      noStore,
    ),
    ModelVersionMetadata,
    `GET /api/models/${name}/versions/${version}`,
  );
}

/** A text file of a version (the model card, config.json), as published. */
export async function fetchModelText(
  model: ModelVersionMetadata,
  file: string,
): Promise<string | null> {
  const entry = model.files.find((candidate) => candidate.name === file);
  if (!entry) return null;
  const response = await fetch(entry.url);
  return response.ok ? response.text() : null;
}
