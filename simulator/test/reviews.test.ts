import { existsSync } from 'node:fs';
import type { ReviewRecord } from '@polarity/model-export/data';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadTestReviews, reviewSource } from '../reviews.ts';

const reviews: ReviewRecord[] = ['books', 'books', 'dvd', 'kitchen', 'kitchen', 'kitchen'].map(
  (domain, i) => ({
    text: `review ${i}`,
    title: `title ${i}`,
    label: (i % 2) as 0 | 1,
    domain,
    split: 'test',
    origin: `fixture:${i}`,
  }),
);

describe('reviewSource', () => {
  it('replays every review once before repeating any', () => {
    const source = reviewSource(reviews, 1);
    const first = Array.from({ length: reviews.length }, () => source.next(0).text);
    expect(new Set(first).size).toBe(reviews.length);
    expect(reviews.map((r) => r.text)).toContain(source.next(0).text);
  });

  it('repeats the same order for the same seed', () => {
    const order = (seed: number) => {
      const source = reviewSource(reviews, seed);
      return Array.from({ length: 12 }, () => source.next(0).origin);
    };
    expect(order(9)).toEqual(order(9));
  });

  it('sends only the shifted domain after the shift', () => {
    const source = reviewSource(reviews, 1, { domain: 'kitchen', afterMs: 1_000 });
    const before = Array.from({ length: 6 }, () => source.next(999).domain);
    const after = Array.from({ length: 20 }, () => source.next(1_000).domain);
    expect(new Set(before)).toEqual(new Set(['books', 'dvd', 'kitchen']));
    expect(new Set(after)).toEqual(new Set(['kitchen']));
  });

  it('names the domains there are when the shifted one has no reviews', () => {
    expect(() => reviewSource(reviews, 1, { domain: 'garden', afterMs: 0 })).toThrow(
      /no reviews in domain "garden" \(domains: books, dvd, kitchen\)/,
    );
  });
});

describe.skipIf(!existsSync(defaultDataDir))('loadTestReviews', () => {
  it('reads the canonical test split: 200 reviews per file, title and body joined', async () => {
    const test = await loadTestReviews();
    expect(test).toHaveLength(1_600);
    expect(test.every((review) => review.split === 'test')).toBe(true);
    const perFile = new Map<string, number>();
    for (const review of test) {
      const key = `${review.domain}/${review.label}`;
      perFile.set(key, (perFile.get(key) ?? 0) + 1);
    }
    expect([...perFile.values()]).toEqual(Array(8).fill(200));
    expect(test[0]!.origin).toMatch(/:4$/);
    expect(test[0]!.text.startsWith(`${test[0]!.title}. `)).toBe(true);
  });
});
