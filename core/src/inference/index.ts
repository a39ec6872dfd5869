export * from './review-tokenizer.ts';
export * from './word-spans.ts';
