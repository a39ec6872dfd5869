import type { Classification } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { coalescedRuns } from '../../src/models/coalesced-runs.ts';

/** A stand-in model whose result names the text it scored, so misrouted results show. */
function recordingModel(failOn?: string) {
  const runs: string[][] = [];
  const classify = async (texts: readonly string[]) => {
    runs.push([...texts]);
    if (failOn !== undefined && texts.includes(failOn)) throw new Error(`cannot score ${failOn}`);
    return texts.map(
      (text) =>
        ({
          label: text,
          confidence: 1,
          probabilities: { negative: 0, positive: 1 },
        }) as unknown as Classification,
    );
  };
  return { runs, classify };
}

const labels = (results: Classification[]) => results.map((r) => r.label);

describe('coalescedRuns', () => {
  it('scores requests made in the same turn in one run, each getting back its own texts', async () => {
    const model = recordingModel();
    const classify = coalescedRuns(model.classify);
    const results = await Promise.all([
      classify(['a']),
      classify(['b', 'c']),
      classify([]),
      classify(['d']),
    ]);
    expect(results.map(labels)).toEqual([['a'], ['b', 'c'], [], ['d']]);
    expect(model.runs).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('starts a new run once a batch holds maxTexts texts', async () => {
    const model = recordingModel();
    const classify = coalescedRuns(model.classify, 3);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => classify([t])));
    expect(results.map(labels)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
    expect(model.runs).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('requests in later turns get runs of their own', async () => {
    const model = recordingModel();
    const classify = coalescedRuns(model.classify);
    expect(labels(await classify(['a']))).toEqual(['a']);
    expect(labels(await classify(['b']))).toEqual(['b']);
    expect(model.runs).toEqual([['a'], ['b']]);
  });

  it('a failing request fails alone; the others sharing its run are still answered', async () => {
    const model = recordingModel('bad');
    const classify = coalescedRuns(model.classify);
    const settled = await Promise.allSettled([
      classify(['a']),
      classify(['bad', 'b']),
      classify(['c']),
    ]);
    expect(settled[0]).toEqual({
      status: 'fulfilled',
      value: [expect.objectContaining({ label: 'a' })],
    });
    expect(settled[1]).toMatchObject({
      status: 'rejected',
      reason: { message: 'cannot score bad' },
    });
    expect(settled[2]).toEqual({
      status: 'fulfilled',
      value: [expect.objectContaining({ label: 'c' })],
    });
  });
});
