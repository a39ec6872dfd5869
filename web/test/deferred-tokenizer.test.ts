import { describe, expect, it } from 'vitest';
import { deferredTokenizer } from '../src/worker/deferred-tokenizer.ts';

const fullTokenizer = { encode: (text: string) => [...text].map((c) => c.codePointAt(0)!) };

describe('deferredTokenizer', () => {
  it('refuses to encode before it is loaded, then encodes with the loaded tokenizer', async () => {
    let loads = 0;
    const deferred = deferredTokenizer(async () => {
      loads++;
      return fullTokenizer;
    });
    expect(() => deferred.tokenizer.encode('é')).toThrow(/not loaded yet/);
    await Promise.all([deferred.ready(), deferred.ready()]);
    expect(deferred.tokenizer.encode('é')).toEqual([233]);
    await deferred.ready();
    expect(loads).toBe(1);
  });

  it('tries again after a failed load instead of failing for good', async () => {
    let attempts = 0;
    const deferred = deferredTokenizer(async () => {
      attempts++;
      if (attempts === 1) throw new Error('chunk download failed');
      return fullTokenizer;
    });
    await expect(deferred.ready()).rejects.toThrow(
      /cannot load the tokenizer: .*chunk download failed/,
    );
    await deferred.ready();
    expect(deferred.tokenizer.encode('ü')).toEqual([252]);
    expect(attempts).toBe(2);
  });
});
