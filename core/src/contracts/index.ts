export * from './classification.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './labels.ts';
export * from './limits.ts';
export * from './model-versions.ts';
export * from './predict.ts';
export * from './text.ts';
