import { specialTokens } from '@polarity/core/inference';

/** [PAD] = 0 and [UNK] = 1; words follow in vocabulary order. */
export const padTokenId = 0;
export const unkTokenId = 1;

/**
 * A standard HF tokenizer.json: WordPiece over whole words only (no `##` pieces, so an unknown
 * word becomes one [UNK]), BERT normalisation and pre-tokenisation, no special tokens added.
 * @huggingface/tokenizers 0.2 has no WordLevel model, hence WordPiece.
 */
export function tokenizerJson(words: readonly string[], maxLength: number): object {
  const vocab: Record<string, number> = {};
  [...specialTokens, ...words].forEach((token, id) => {
    vocab[token] = id;
  });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: specialTokens.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: true,
    tokenize_chinese_chars: true,
    model_max_length: maxLength,
    max_length: maxLength,
    truncation_side: 'right',
    padding_side: 'right',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    clean_up_tokenization_spaces: true,
  };
}
