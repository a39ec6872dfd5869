/** What the queue needs to know of a job: whose it is and how much work it is. */
export interface FairJob {
  client: string;
  texts: readonly string[];
  /** characters of all its texts: the unit of inference work */
  chars: number;
}

export interface BatchLimits {
  /** texts in one batch; a batch stops growing here */
  maxTexts: number;
  /** characters in one batch; the first job is taken even when it alone is larger */
  maxChars: number;
  /** only jobs of at most this many characters (the rest wait for another worker) */
  maxJobChars?: number;
}

/**
 * Pending inference work, one FIFO per client, served round robin: a batch takes one job from
 * each client in turn, so a client with a hundred jobs queued delays another client's one job
 * by at most one batch, not by the hundred.
 */
export class FairQueue<J extends FairJob> {
  /** Clients in the order they are served next; a client is removed once its queue is empty. */
  private readonly queues = new Map<string, J[]>();
  private chars = 0;

  get queuedChars(): number {
    return this.chars;
  }

  get empty(): boolean {
    return this.queues.size === 0;
  }

  push(job: J): void {
    const queue = this.queues.get(job.client);
    if (queue) queue.push(job);
    else this.queues.set(job.client, [job]);
    this.chars += job.chars;
  }

  /** The next batch within `limits`; empty when no queued job fits them. */
  take(limits: BatchLimits): J[] {
    const batch: J[] = [];
    let texts = 0;
    let chars = 0;
    let took = true;
    while (took && texts < limits.maxTexts) {
      took = false;
      for (const [client, queue] of [...this.queues]) {
        const job = queue[0]!;
        if (limits.maxJobChars !== undefined && job.chars > limits.maxJobChars) continue;
        const fits =
          batch.length === 0 ||
          (texts + job.texts.length <= limits.maxTexts && chars + job.chars <= limits.maxChars);
        if (!fits) continue;
        queue.shift();
        batch.push(job);
        texts += job.texts.length;
        chars += job.chars;
        this.chars -= job.chars;
        took = true;
        // Served: this client goes to the back of the line (or leaves it).
        this.queues.delete(client);
        if (queue.length > 0) this.queues.set(client, queue);
        if (texts >= limits.maxTexts) break;
      }
    }
    return batch;
  }
}
