import type { Counter, LabelValues } from 'prom-client';

/**
 * A counter's increments summed by label set and applied once per set. prom-client validates
 * and hashes the labels on every `inc`; a batch of 500 events made 1,500 such calls, about a
 * twentieth of the API's CPU while ingesting.
 */
export class CounterTally<T extends string> {
  readonly #counts = new Map<string, { labels: LabelValues<T>; n: number }>();

  constructor(private readonly counter: Counter<T>) {}

  add(labels: LabelValues<T>): void {
    // Every call site names the labels in one order, so equal sets give equal keys.
    const key = Object.values(labels).join('\u0000');
    const held = this.#counts.get(key);
    if (held) held.n++;
    else this.#counts.set(key, { labels, n: 1 });
  }

  apply(): void {
    for (const { labels, n } of this.#counts.values()) this.counter.inc(labels, n);
    this.#counts.clear();
  }
}
