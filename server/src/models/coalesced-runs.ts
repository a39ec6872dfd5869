import type { Classification } from '@polarity/core/contracts';

export type Classify = (texts: readonly string[]) => Promise<Classification[]>;

interface Job {
  texts: readonly string[];
  resolve(results: Classification[]): void;
  reject(error: unknown): void;
}

/**
 * Requests that arrive in the same event-loop turn share one `session.run`. onnxruntime-node
 * runs on the main thread with a fixed cost per call that dwarfs this model's per-text work,
 * so under concurrent load one call for many texts is what keeps the server CPU for HTTP.
 * A batch stops growing at `maxTexts`; longer texts only widen the padding, never the result.
 */
export function coalescedRuns(classify: Classify, maxTexts = 256): Classify {
  let jobs: Job[] = [];
  let queuedTexts = 0;
  let scheduled = false;

  async function run(batch: Job[]) {
    const texts = batch.length === 1 ? batch[0]!.texts : batch.flatMap((job) => job.texts);
    try {
      const results = await classify(texts);
      let offset = 0;
      for (const job of batch) {
        job.resolve(results.slice(offset, offset + job.texts.length));
        offset += job.texts.length;
      }
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      // One request's texts must never fail another's: score each alone to find whose they were.
      else for (const job of batch) void run([job]);
    }
  }

  function flush() {
    scheduled = false;
    const batch = jobs;
    jobs = [];
    queuedTexts = 0;
    if (batch.length > 0) void run(batch);
  }

  return (texts) =>
    new Promise<Classification[]>((resolve, reject) => {
      jobs.push({ texts, resolve, reject });
      queuedTexts += texts.length;
      if (queuedTexts >= maxTexts) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
