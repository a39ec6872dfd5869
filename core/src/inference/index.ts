export { Classification, TokenContribution } from '../contracts/classification.ts';
export * from '../contracts/model.ts';
export * from './caveat-rules.ts';
export * from './caveat-signals.ts';
export * from './classifier.ts';
export * from './load-classifier.ts';
export * from './review-tokenizer.ts';
export * from './whole-word-vocabulary.ts';
export * from './word-spans.ts';
