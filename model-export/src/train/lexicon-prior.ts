import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { wordSpans } from '@polarity/core/inference';

/**
 * AFINN-165 (Nielsen 2011, as shipped by the `sentiment` package): valence -5..5 of single
 * words. Multi-word entries are left out; the model has bigrams for those.
 */
export function afinnLexicon(): ReadonlyMap<string, number> {
  // Read from the file, not `require`d: the `sentiment` package adds its emoji scores to the
  // cached module object once it is imported, which made the lexicon depend on import order.
  const path = createRequire(import.meta.url).resolve('sentiment/languages/en/labels.json');
  const labels = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  const lexicon = new Map<string, number>();
  for (const [entry, valence] of Object.entries(labels)) {
    const words = wordSpans(entry);
    if (words.length === 1 && words[0]!.word === entry) lexicon.set(entry, valence);
  }
  return lexicon;
}

/**
 * VADER (Hutto & Gilbert 2014, as shipped by the `vader-sentiment` package): mean valence
 * -4..4 of 7,500 tokens rated by ten people each, with slang and informal words AFINN lacks
 * ("meh", "lol") and many that reviews outside products use ("delicious", "boring").
 */
export function vaderLexicon(): ReadonlyMap<string, number> {
  const path = createRequire(import.meta.url).resolve('vader-sentiment/vader_lexicon.txt');
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [entry, valence] = line.split('\t');
    if (!entry || valence === undefined) continue;
    const words = wordSpans(entry);
    if (words.length === 1 && words[0]!.word === entry) lexicon.set(entry, Number(valence));
  }
  return lexicon;
}
