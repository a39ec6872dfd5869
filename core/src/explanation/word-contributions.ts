import type { TokenContribution } from '../contracts/classification.ts';

/** One word of the review as a reader sees it, with the summed contribution of its tokens. */
export interface WordContribution {
  /** The word exactly as written, e.g. "Wasn't". */
  text: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** Share of the positive-minus-negative logit, in logit units; > 0 pushes positive. */
  score: number;
}

/** Something a reader calls a word has a letter or a digit; ",", "…", "$" and "😍" do not. */
const wordCharacter = /[\p{L}\p{N}]/u;
/**
 * Marks that join two pieces of one word when nothing separates them: the tokenizer splits
 * "wasn't" into "wasn", "'", "t" and "well-made" into three tokens too, but a reader (and the
 * highlight) treats each as one unit.
 */
const joiner = /^['’\-‐]$/u;

/**
 * Folds the model's per-token scores into words by character span. A contraction or a
 * hyphenated word becomes one word whose score is the sum of its pieces (apostrophe included);
 * tokens with no letter or digit (punctuation, symbols, emoji) are left out, so they can never
 * be highlighted. Tokens whose offsets fall outside `text` are ignored.
 */
export function wordContributions(
  text: string,
  explanation: readonly TokenContribution[],
): WordContribution[] {
  const tokens = explanation
    .filter((token) => token.start < token.end && token.end <= text.length)
    .toSorted((a, b) => a.start - b.start);
  const words: WordContribution[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    const piece = text.slice(first.start, first.end);
    if (!wordCharacter.test(piece)) {
      i++;
      continue;
    }
    const word = { start: first.start, end: first.end, score: first.score };
    i++;
    // Takes "'" + "t" (or "-" + "made") while the three touch: word, joiner, word.
    while (i + 1 < tokens.length) {
      const mark = tokens[i]!;
      const next = tokens[i + 1]!;
      const joins =
        mark.start === word.end &&
        joiner.test(text.slice(mark.start, mark.end)) &&
        next.start === mark.end &&
        wordCharacter.test(text.slice(next.start, next.end));
      if (!joins) break;
      word.end = next.end;
      word.score += mark.score + next.score;
      i += 2;
    }
    words.push({ text: text.slice(word.start, word.end), ...word });
  }
  return words;
}
