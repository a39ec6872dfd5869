import { z } from 'zod';
import { specialTokens } from './word-spans.ts';

/**
 * The tokenizer.json shape whose ids `wordSpans` alone can reproduce: BERT normalisation and
 * pre-tokenisation (what word-spans.ts mirrors), WordPiece without `##` pieces (so a word is
 * its own id or [UNK]) and no added tokens beyond [PAD] and [UNK].
 */
const WholeWordTokenizerJson = z.object({
  normalizer: z.object({
    type: z.literal('BertNormalizer'),
    clean_text: z.literal(true),
    handle_chinese_chars: z.literal(true),
    strip_accents: z.literal(true),
    lowercase: z.literal(true),
  }),
  pre_tokenizer: z.object({ type: z.literal('BertPreTokenizer') }),
  post_processor: z.null().optional(),
  added_tokens: z.array(
    z.object({ content: z.enum(specialTokens), normalized: z.literal(false), id: z.number() }),
  ),
  model: z.object({
    type: z.literal('WordPiece'),
    continuing_subword_prefix: z.string().min(1),
    max_input_chars_per_word: z.number().int().positive(),
    // Checked entry by entry below: zod would spend tens of ms on a 20,000-word record, and
    // this runs on the browser's path to its first result.
    vocab: z.custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'vocab must be an object of token → id',
    ),
  }),
});

export interface WholeWordVocabulary {
  ids: ReadonlyMap<string, number>;
  /** WordPiece's limit: a longer word is [UNK] whatever it spells. */
  maxCharsPerWord: number;
}

/**
 * The vocabulary of a parsed tokenizer.json when every word maps to exactly one id, so the
 * review tokenizer may look words up itself instead of running the full tokenizer; undefined
 * for any other tokenizer, which then always runs in full.
 */
export function wholeWordVocabulary(tokenizerJson: unknown): WholeWordVocabulary | undefined {
  const parsed = WholeWordTokenizerJson.safeParse(tokenizerJson);
  if (!parsed.success) return undefined;
  const { vocab, continuing_subword_prefix, max_input_chars_per_word } = parsed.data.model;
  const ids = new Map<string, number>();
  for (const token in vocab) {
    const id = vocab[token];
    if (!Number.isSafeInteger(id) || (id as number) < 0) return undefined;
    if (token.startsWith(continuing_subword_prefix)) return undefined;
    ids.set(token, id as number);
  }
  for (const added of parsed.data.added_tokens) {
    if (ids.get(added.content) !== added.id) return undefined;
  }
  return { ids, maxCharsPerWord: max_input_chars_per_word };
}
