import { fileURLToPath } from 'node:url';
import type { ReviewRecord } from '@polarity/model-export/data';
import { loadAmazonMultidomain } from '@polarity/model-export/data';
import { seededRandom, shuffleInPlace } from '@polarity/model-export/random';

/** The shared data folder beside the repository (shared/data/README.md). */
export const defaultDataDir = fileURLToPath(
  new URL('../../shared/data/amazon-multidomain', import.meta.url),
);

/** The canonical test split: reviews no model version was trained or tuned on. */
export async function loadTestReviews(dir = defaultDataDir): Promise<ReviewRecord[]> {
  const all = await loadAmazonMultidomain(dir, { skipBad: false });
  return all.filter((review) => review.split === 'test');
}

export interface ReviewSource {
  /** The review to replay `elapsedMs` into the run. */
  next(elapsedMs: number): ReviewRecord;
}

/**
 * Replays reviews in a seeded random order, starting over when they run out. After
 * `shift.afterMs` only reviews of `shift.domain` come, as when a new kind of product launches.
 */
export function reviewSource(
  reviews: ReviewRecord[],
  seed: number,
  shift?: { domain: string; afterMs: number },
): ReviewSource {
  const shifted = shift ? reviews.filter((review) => review.domain === shift.domain) : [];
  if (shift && shifted.length === 0) {
    const domains = [...new Set(reviews.map((review) => review.domain))].sort();
    throw new Error(
      `--shift-domain: no reviews in domain "${shift.domain}" (domains: ${domains.join(', ')})`,
    );
  }
  if (reviews.length === 0) throw new Error('no reviews to replay');
  const cycle = (items: ReviewRecord[], random: () => number) => {
    const order = [...items];
    let at = order.length;
    return () => {
      if (at === order.length) {
        shuffleInPlace(order, random);
        at = 0;
      }
      return order[at++]!;
    };
  };
  const before = cycle(reviews, seededRandom(seed));
  const after = cycle(shifted, seededRandom(seed + 1));
  return {
    next: (elapsedMs) => (shift && elapsedMs >= shift.afterMs ? after() : before()),
  };
}
