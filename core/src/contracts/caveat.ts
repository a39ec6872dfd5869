import { z } from 'zod';
import { storableString } from './storable.ts';

/**
 * Why a verdict should not be taken at face value, most fundamental first: a text in another
 * language explains its unknown words, and unknown words explain a weak margin. The inference
 * module reports only the first that applies (core/src/inference/caveat-rules.ts).
 */
export const caveatCodes = [
  'not_english',
  'mostly_unknown_words',
  'too_short',
  'low_confidence',
] as const;
export const CaveatCode = z.enum(caveatCodes);
export type CaveatCode = z.infer<typeof CaveatCode>;

/** Longer than any message the inference module writes, short enough for one line in a card. */
export const maxCaveatMessageLength = 300;

export const Caveat = z
  .object({ code: CaveatCode, message: storableString(maxCaveatMessageLength) })
  .strict();
export type Caveat = z.infer<typeof Caveat>;
