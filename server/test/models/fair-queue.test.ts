import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/models/fair-queue.ts';

const job = (client: string, name: string, chars = 10, texts = 1) => ({
  client,
  name,
  chars,
  texts: Array.from({ length: texts }, () => 'x'),
});
const names = (jobs: { name: string }[]) => jobs.map((j) => j.name);
const roomy = { maxTexts: 100, maxChars: 1_000_000 };

describe('FairQueue', () => {
  it('takes one job per client in turn, so a client with many queued does not go first', () => {
    const queue = new FairQueue<ReturnType<typeof job>>();
    for (let i = 1; i <= 4; i++) queue.push(job('a', `a${i}`));
    queue.push(job('b', 'b1'));
    expect(names(queue.take({ ...roomy, maxTexts: 2 }))).toEqual(['a1', 'b1']);
    expect(names(queue.take(roomy))).toEqual(['a2', 'a3', 'a4']);
    expect(queue.empty).toBe(true);
  });

  it('sends the client just served to the back of the line', () => {
    const queue = new FairQueue<ReturnType<typeof job>>();
    queue.push(job('a', 'a1'));
    queue.push(job('a', 'a2'));
    queue.push(job('b', 'b1'));
    queue.push(job('b', 'b2'));
    expect(names(queue.take({ ...roomy, maxTexts: 1 }))).toEqual(['a1']);
    expect(names(queue.take({ ...roomy, maxTexts: 1 }))).toEqual(['b1']);
    expect(names(queue.take({ ...roomy, maxTexts: 1 }))).toEqual(['a2']);
  });

  it('stops a batch at its character limit, but always takes a first job however large', () => {
    const queue = new FairQueue<ReturnType<typeof job>>();
    queue.push(job('a', 'huge', 5_000));
    queue.push(job('b', 'small', 10));
    expect(names(queue.take({ maxTexts: 100, maxChars: 1_000 }))).toEqual(['huge']);
    expect(names(queue.take({ maxTexts: 100, maxChars: 1_000 }))).toEqual(['small']);
  });

  it('with maxJobChars takes only small jobs, leaving large ones queued in order', () => {
    const queue = new FairQueue<ReturnType<typeof job>>();
    queue.push(job('a', 'a-large', 50_000));
    queue.push(job('a', 'a-small', 10));
    queue.push(job('b', 'b-small', 10));
    expect(names(queue.take({ ...roomy, maxJobChars: 20_000 }))).toEqual(['b-small']);
    expect(queue.queuedChars).toBe(50_010);
    expect(names(queue.take(roomy))).toEqual(['a-large', 'a-small']);
    expect(queue.queuedChars).toBe(0);
  });

  it('counts texts against maxTexts', () => {
    const queue = new FairQueue<ReturnType<typeof job>>();
    queue.push(job('a', 'a1', 10, 60));
    queue.push(job('b', 'b1', 10, 60));
    expect(names(queue.take({ ...roomy, maxTexts: 100 }))).toEqual(['a1']);
  });
});
