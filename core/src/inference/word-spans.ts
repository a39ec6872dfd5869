/**
 * Splits a text into the words a BERT-style tokenizer (BertNormalizer with clean_text,
 * handle_chinese_chars, lowercase and strip_accents, then BertPreTokenizer) would produce,
 * keeping each word's character offsets into the ORIGINAL text so the UI can highlight it.
 * The rules mirror @huggingface/tokenizers 0.2 character by character; the golden tests
 * pin the two against each other.
 */

export interface WordSpan {
  /** The normalised word, as the tokenizer's vocabulary spells it. */
  word: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

/** Added tokens are matched on the raw text before normalisation, as the tokenizer does. */
export const specialTokens = ['[PAD]', '[UNK]'] as const;

const punctuation = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
/** `punctuation` for each ASCII character, looked up instead of running the regex per token. */
const asciiPunctuation = Array.from({ length: 0x80 }, (_, cp) =>
  punctuation.test(String.fromCharCode(cp)),
);
/** A word that is one punctuation character, as the tokenizer splits them off. */
export function isPunctuationWord(word: string): boolean {
  // One code point is at most two UTF-16 units.
  if (word.length > 2) return false;
  const unit = word.charCodeAt(0);
  return word.length === 1 && unit < 0x80 ? asciiPunctuation[unit]! : punctuation.test(word);
}
const control = /^(?:\p{Cc}|\p{Cf}|\p{Co}|\p{Cs})$/u;
const whitespace = /^\s$/;
const combiningMark = /\p{Mn}/gu;

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff)
  );
}

function isDropped(char: string): boolean {
  const cp = char.charCodeAt(0);
  if (cp === 0 || cp === 0xfffd) return true;
  if (char === '\t' || char === '\n' || char === '\r') return false;
  return control.test(char);
}

/** Lowercase then strip accents, as BertNormalizer does. */
export function normalizeWord(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(combiningMark, '');
}

/** How splitPlain treats an ASCII character; derived from the general rules so the two agree. */
enum AsciiKind {
  Dropped,
  Space,
  Punctuation,
  Letter,
  /** A–Z: a word holding one is lowercased; one without is already as the vocabulary spells it. */
  Upper,
  /** Anything else takes the general path. */
  Other,
}

const asciiKinds = Array.from({ length: 0x80 }, (_, cp): AsciiKind => {
  const char = String.fromCharCode(cp);
  if (isDropped(char)) return AsciiKind.Dropped;
  if (whitespace.test(char)) return AsciiKind.Space;
  const normalized = normalizeWord(char);
  if (normalized === char && punctuation.test(char)) return AsciiKind.Punctuation;
  if (normalized.length !== 1 || punctuation.test(normalized)) return AsciiKind.Other;
  return normalized === char ? AsciiKind.Letter : AsciiKind.Upper;
});

function splitPlain(text: string, offset: number, out: WordSpan[]): void {
  let wordStart = -1;
  let wordEnd = -1;
  // The word's characters while a dropped one (e.g. a zero-width joiner) sits inside its span;
  // undefined while the word is exactly text[wordStart, wordEnd), which is then sliced once
  // instead of being built a character at a time.
  let kept: string | undefined;
  // ASCII words need only lowercasing: NFD leaves them as they are.
  let keptAscii = true;
  // Most words of a review are lowercase already, and toLowerCase would copy each of them.
  let upper = false;
  const closeWord = () => {
    if (wordStart >= 0) {
      const raw = kept ?? text.slice(wordStart, wordEnd);
      const word = !keptAscii ? normalizeWord(raw) : upper ? raw.toLowerCase() : raw;
      out.push({ word, start: offset + wordStart, end: offset + wordEnd });
    }
    wordStart = -1;
    kept = undefined;
    keptAscii = true;
    upper = false;
  };
  const drop = () => {
    if (wordStart >= 0 && kept === undefined) kept = text.slice(wordStart, wordEnd);
  };
  // Indexed rather than `for…of` so the common ASCII case allocates no one-character strings.
  let i = 0;
  while (i < text.length) {
    const start = i;
    const unit = text.charCodeAt(i);
    const kind = unit < 0x80 ? asciiKinds[unit]! : AsciiKind.Other;
    if (kind !== AsciiKind.Other) {
      i++;
      if (kind === AsciiKind.Dropped) {
        drop();
      } else if (kind === AsciiKind.Space) {
        closeWord();
      } else if (kind === AsciiKind.Punctuation) {
        closeWord();
        out.push({ word: text[start]!, start: offset + start, end: offset + i });
      } else {
        if (wordStart < 0) wordStart = start;
        wordEnd = i;
        if (kind === AsciiKind.Upper) upper = true;
        if (kept !== undefined) kept += text[start];
      }
      continue;
    }
    // One code point, as `for…of` would yield it (a lone surrogate stays one unit).
    const char = (text.codePointAt(i) ?? unit) > 0xffff ? text.slice(i, i + 2) : text[i]!;
    i += char.length;
    if (isDropped(char)) {
      drop();
      continue;
    }
    if (whitespace.test(char)) {
      closeWord();
      continue;
    }
    // The tokenizer tests CJK per UTF-16 unit, so astral ideographs stay inside words.
    const normalized = normalizeWord(char);
    if (
      isChineseChar(char.charCodeAt(0)) ||
      (normalized.length > 0 && punctuation.test(normalized))
    ) {
      closeWord();
      out.push({ word: normalized, start: offset + start, end: offset + i });
      continue;
    }
    if (normalized.length === 0 && wordStart < 0) continue;
    if (wordStart < 0) wordStart = start;
    wordEnd = i;
    if (kept !== undefined) kept += char;
    keptAscii = false;
  }
  closeWord();
}

export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  // Nearly every review has no special token: skip the regex pass and the copy of the text.
  if (!text.includes('[')) {
    splitPlain(text, 0, out);
    return out;
  }
  const special = /\[PAD\]|\[UNK\]/g;
  let last = 0;
  for (const match of text.matchAll(special)) {
    splitPlain(text.slice(last, match.index), last, out);
    out.push({ word: match[0], start: match.index, end: match.index + match[0].length });
    last = match.index + match[0].length;
  }
  splitPlain(text.slice(last), last, out);
  return out;
}
