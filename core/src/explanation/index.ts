export * from './explain.ts';
export * from './highlight-threshold.ts';
export * from './reason-phrases.ts';
export * from './shown-tokens.ts';
export * from './word-contributions.ts';
