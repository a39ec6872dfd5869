import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accuracy, expectedCalibrationError } from './metrics.ts';

/** Out-of-domain sets a version is measured on and never trained or tuned on. */
const sentenceSetFiles = { 'uci-yelp': 'yelp.tsv', 'uci-imdb': 'imdb.tsv' } as const;
export type SentenceSetName = keyof typeof sentenceSetFiles;

export interface LabelledSentence {
  text: string;
  label: number;
}

/** `text<TAB>label` lines (label 1 positive, 0 negative), as in the UCI sentence files. */
async function loadSentenceSet(path: string): Promise<LabelledSentence[]> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    const tab = line.lastIndexOf('\t');
    const label = line.slice(tab + 1).trim();
    if (tab < 0 || (label !== '0' && label !== '1'))
      throw new Error(`${path}:${i + 1}: expected "text<TAB>0|1", got "${line.slice(0, 60)}"`);
    return { text: line.slice(0, tab), label: Number(label) };
  });
}

export interface SetEvaluation {
  accuracy: number;
  ece: number;
  count: number;
}

export function evaluateSentences(
  positive: readonly number[],
  sentences: readonly LabelledSentence[],
): SetEvaluation {
  const labels = sentences.map((s) => s.label);
  return {
    accuracy: accuracy(positive, labels),
    ece: expectedCalibrationError(positive, labels),
    count: sentences.length,
  };
}

async function loadSentenceSets(
  folder: string,
): Promise<Record<SentenceSetName, LabelledSentence[]>> {
  const entries = await Promise.all(
    Object.entries(sentenceSetFiles).map(
      async ([name, file]) => [name, await loadSentenceSet(join(folder, file))] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<SentenceSetName, LabelledSentence[]>;
}

/** The sets in `folder`, or none (said in the log) when the folder is absent. */
export async function loadSentenceSetsIfPresent(
  folder: string,
  log: (line: string) => void,
): Promise<Partial<Record<SentenceSetName, LabelledSentence[]>>> {
  if (!existsSync(folder)) {
    log(`sentence sets skipped: ${folder} is missing (see shared/data/README.md)`);
    return {};
  }
  return loadSentenceSets(folder);
}
