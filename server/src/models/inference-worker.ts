import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { ExplanationScope } from '@polarity/core/contracts';
import { coalescedRuns } from './coalesced-runs.ts';
import type { FromWorker, JobOutcome, ToWorker } from './inference-messages.ts';
import { createModelSession, type ModelSession } from './model-session.ts';
import { servedClassification } from './served-classification.ts';

/**
 * One inference thread: holds the sessions of the versions the pool loaded and scores the
 * batches it is sent. The jobs of one batch are scored in one `session.run` per version
 * (coalescedRuns), and a job whose texts fail the run fails alone.
 */
interface Loaded {
  session: ModelSession;
  classify: ReturnType<typeof coalescedRuns>;
}

const port = parentPort;
if (!port) throw new Error('inference-worker.ts runs as a worker thread, not on its own');
/**
 * Below the event loop's priority (Linux sets niceness per thread), so on a machine with as
 * many busy threads as cores, HTTP (`/healthz`, short requests) still gets the CPU first.
 */
const workerNiceness = 10;
try {
  setPriority(workerNiceness);
} catch (error) {
  console.error(`polarity: inference worker keeps its priority: ${(error as Error).message}`);
}
const models = new Map<string, Promise<Loaded>>();
const post = (message: FromWorker) => port.postMessage(message);

function where(model: string) {
  const [name, version] = model.split('@');
  return (file: string) => `model ${name} version ${version} ${file}`;
}

/**
 * The explanations are scoped and written as JSON here, not on the event loop: that is most of
 * a long review's work after the run, and a string is what crosses back cheapest.
 */
async function score(
  model: string,
  texts: readonly string[],
  explain: ExplanationScope,
): Promise<JobOutcome> {
  try {
    const loaded = models.get(model);
    if (!loaded) throw new Error(`${model} is not loaded in this inference worker`);
    const results = await (await loaded).classify(texts);
    return {
      ok: true,
      results: results.map((result, i) => servedClassification(texts[i]!, result, explain)),
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'load': {
      const loading = createModelSession(message.files, where(message.model)).then((session) => ({
        session,
        classify: coalescedRuns((texts) => session.classify(texts)),
      }));
      models.set(message.model, loading);
      loading.then(
        () => post({ type: 'loaded', model: message.model }),
        (error: unknown) => {
          models.delete(message.model);
          const cause = (error as Error).cause;
          const detail = cause instanceof Error ? `: ${cause.message}` : '';
          post({
            type: 'loaded',
            model: message.model,
            error: `${(error as Error).message}${detail}`,
          });
        },
      );
      return;
    }
    case 'classify': {
      // Started in one turn, so coalescedRuns joins each version's jobs into one run.
      const outcomes = message.jobs.map((job) => score(job.model, job.texts, job.explain));
      void Promise.all(outcomes).then((all) =>
        post({ type: 'scored', batch: message.batch, outcomes: all }),
      );
      return;
    }
    case 'release': {
      const loaded = models.get(message.model);
      models.delete(message.model);
      void loaded?.then((model) => model.session.release()).catch(() => undefined);
      return;
    }
  }
});
