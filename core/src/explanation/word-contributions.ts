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
const joiners = new Set(["'", '’', '-', '‐']);

const isAsciiWordCharacter = (unit: number) =>
  (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);

/**
 * Whether text[start, end) holds a letter or a digit: by character code while it is ASCII,
 * which a server answering every request's explanation does for every token, without a slice.
 */
function holdsWordCharacter(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return wordCharacter.test(text.slice(start, end));
    if (isAsciiWordCharacter(unit)) return true;
  }
  return false;
}

const isJoiner = (text: string, start: number, end: number) =>
  end - start === 1 && joiners.has(text[start]!);

const inText = (token: TokenContribution, length: number) =>
  token.start < token.end && token.end <= length;

/** The tokens inside the text in text order; the classifier's own list as it is, without a copy. */
function tokensInOrder(
  text: string,
  explanation: readonly TokenContribution[],
): readonly TokenContribution[] {
  let previous = -1;
  for (const token of explanation) {
    if (!inText(token, text.length) || token.start < previous) {
      return explanation
        .filter((candidate) => inText(candidate, text.length))
        .toSorted((a, b) => a.start - b.start);
    }
    previous = token.start;
  }
  return explanation;
}

/**
 * A review's words as columns, in text order: word i is text[start[i], end[i]) and its summed
 * contribution is score[i]. The explanation reads them as columns rather than objects because
 * the server picks the shown tokens of every request from them, about 200 words for a
 * 1,000-character review, and the objects (a sliced string and one allocation a word, twice over
 * with the highlight) were about a quarter of that cost; the app's objects are made from these.
 */
export interface WordColumns {
  count: number;
  start: number[];
  end: number[];
  score: number[];
}

/**
 * Folds the model's per-token scores into words by character span. A contraction or a
 * hyphenated word becomes one word whose score is the sum of its pieces (apostrophe included);
 * tokens with no letter or digit (punctuation, symbols, emoji) are left out, so they can never
 * be highlighted. Tokens whose offsets fall outside `text` are ignored.
 */
export function wordColumns(text: string, explanation: readonly TokenContribution[]): WordColumns {
  const tokens = tokensInOrder(text, explanation);
  // Arrays rather than typed arrays: a typed array over 64 bytes gets a backing store outside
  // V8's heap, slower to allocate and to free than an array's elements.
  const start: number[] = [];
  const end: number[] = [];
  const score: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (!holdsWordCharacter(text, first.start, first.end)) {
      i++;
      continue;
    }
    let last = first.end;
    let sum = first.score;
    i++;
    // Takes "'" + "t" (or "-" + "made") while the three touch: word, joiner, word.
    while (i + 1 < tokens.length) {
      const mark = tokens[i]!;
      const next = tokens[i + 1]!;
      const joins =
        mark.start === last &&
        isJoiner(text, mark.start, mark.end) &&
        next.start === mark.end &&
        holdsWordCharacter(text, next.start, next.end);
      if (!joins) break;
      last = next.end;
      sum += mark.score + next.score;
      i += 2;
    }
    start.push(first.start);
    end.push(last);
    score.push(sum);
  }
  return { count: start.length, start, end, score };
}

/** Word `w` of the columns as one object, with the word as written. */
export function wordAt(text: string, words: WordColumns, w: number): WordContribution {
  const start = words.start[w]!;
  const end = words.end[w]!;
  return { text: text.slice(start, end), start, end, score: words.score[w]! };
}

/** `wordColumns` as one object a word. */
export function wordContributions(
  text: string,
  explanation: readonly TokenContribution[],
): WordContribution[] {
  const words = wordColumns(text, explanation);
  return Array.from({ length: words.count }, (_, w) => wordAt(text, words, w));
}
