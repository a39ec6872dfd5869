import type { TokenContribution } from '../contracts/classification.ts';
import type { Label } from '../contracts/labels.ts';
import { type HighlightedWord, highlightColumns, highlightedWords } from './highlight-threshold.ts';
import { type ReasonPhrase, reasonPhrases, topReasons } from './reason-phrases.ts';
import { wordColumns } from './word-contributions.ts';

/** What the app shows of why a review got its verdict. */
export interface ReadableExplanation {
  /** Every word of the review, in order; punctuation and symbols are not words. */
  words: HighlightedWord[];
  /** Every phrase of highlighted words, in text order. */
  phrases: ReasonPhrase[];
  /** The strongest phrases each way, strongest first. */
  topReasons: Record<Label, ReasonPhrase[]>;
}

/**
 * Turns the model's exact per-token scores (a prediction's `explanation`) into what a person
 * reads. A pure function of the existing prediction, so the browser and a server-scored result
 * explain alike and no API changes shape.
 */
export function readableExplanation(
  text: string,
  explanation: readonly TokenContribution[],
): ReadableExplanation {
  const words = highlightColumns(wordColumns(text, explanation));
  const phrases = reasonPhrases(text, words);
  return { words: highlightedWords(text, words), phrases, topReasons: topReasons(phrases) };
}
