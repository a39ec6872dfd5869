import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Classification } from '@polarity/core/contracts';
import { LocalRegistry } from '@polarity/core/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { caveatFiguresTable } from '../src/caveats/caveat-figures.ts';
import { nonEnglishReviews, unreadableTexts } from '../src/caveats/non-english-reviews.ts';
import { measureCaveats } from '../src/commands/caveats.ts';
import { loadVersionClassifier } from '../src/commands/load-version.ts';
import { championVersion, repoRoot } from '../src/commands/registry-access.ts';
import { defaultDataPath } from '../src/commands/train.ts';

const registry = new LocalRegistry(join(repoRoot, 'registry'));
const version = (await championVersion(registry))!;
let classify: (texts: string[]) => Promise<Classification[]>;

beforeAll(async () => {
  const { classifier } = await loadVersionClassifier(registry, version);
  classify = (texts) => classifier.classify(texts);
});

describe('caveats of the shipped champion on texts it cannot read', () => {
  it('holds at least 60 reviews in the nine languages, both verdicts in each', () => {
    expect(nonEnglishReviews.length).toBeGreaterThanOrEqual(60);
    const languages = new Set(nonEnglishReviews.map(([language]) => language));
    expect(languages).toEqual(new Set(['fr', 'de', 'es', 'it', 'pt', 'zh', 'ja', 'ru', 'ar']));
    for (const language of languages) {
      const verdicts = nonEnglishReviews.filter(([l]) => l === language).map(([, v]) => v);
      expect(new Set(verdicts)).toEqual(new Set(['positive', 'negative']));
    }
  });

  it('flags at least 95 % of the non-English reviews as not English or mostly unknown words', async () => {
    const results = await classify(nonEnglishReviews.map(([, , text]) => text));
    const missed = nonEnglishReviews.filter(
      (_, i) =>
        results[i]!.caveat?.code !== 'not_english' &&
        results[i]!.caveat?.code !== 'mostly_unknown_words',
    );
    console.log(
      `non-English reviews flagged: ${nonEnglishReviews.length - missed.length} of ${nonEnglishReviews.length}`,
    );
    expect(missed.length / nonEnglishReviews.length, JSON.stringify(missed)).toBeLessThanOrEqual(
      0.05,
    );
  });

  it('gives every emoji-only, gibberish or wordless text a caveat', async () => {
    const results = await classify([...unreadableTexts]);
    const bare = unreadableTexts.filter((_, i) => results[i]!.caveat === null);
    expect(bare).toEqual([]);
  });

  it('leaves short English verdicts without a language or length caveat', async () => {
    const results = await classify(['Love it!', 'Total junk.', 'Great!', 'Terrible']);
    for (const result of results) expect(result.caveat).toBeNull();
  });
});

const hasData = existsSync(defaultDataPath);
if (!hasData)
  console.warn(
    `caveat split tests skipped: ${defaultDataPath} is missing (see shared/data/README.md)`,
  );

describe.skipIf(!hasData)('caveats of the shipped champion on the canonical test split', () => {
  it('flags at most 2 % for anything but low confidence, and low confidence where it is wrong', async () => {
    const { test, validation } = await measureCaveats(registry, version, defaultDataPath);
    console.log(caveatFiguresTable(`version ${version}, validation`, validation));
    console.log(caveatFiguresTable(`version ${version}, test`, test));
    const otherThanLowConfidence =
      test.share.not_english + test.share.mostly_unknown_words + test.share.too_short;
    expect(otherThanLowConfidence).toBeLessThanOrEqual(0.02);
    expect(test.lowConfidence.share).toBeGreaterThan(0);
    // Concentrated on errors: the flagged share is far less accurate than the rest.
    expect(test.lowConfidence.accuracy!).toBeLessThan(test.lowConfidence.unflaggedAccuracy! - 0.2);
    expect(test.accuracy.unflagged!).toBeGreaterThan(test.accuracy.all);
  });
});
