import { createRequire } from 'node:module';
import { wordSpans } from '@polarity/core/inference';

/**
 * AFINN-165 (Nielsen 2011, as shipped by the `sentiment` package): valence -5..5 of single
 * words. Multi-word entries are left out; the model has bigrams for those.
 */
export function afinnLexicon(): ReadonlyMap<string, number> {
  const labels = createRequire(import.meta.url)('sentiment/languages/en/labels.json') as Record<
    string,
    number
  >;
  const lexicon = new Map<string, number>();
  for (const [entry, valence] of Object.entries(labels)) {
    const words = wordSpans(entry);
    if (words.length === 1 && words[0]!.word === entry) lexicon.set(entry, valence);
  }
  return lexicon;
}
