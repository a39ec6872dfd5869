import { z } from 'zod';
import { limits } from './limits.ts';
import { checkStorableText } from './storable.ts';

/** A review as users send it: non-blank, bounded, valid Unicode, no NUL bytes. */
export const ReviewText = z
  .string()
  .max(limits.maxTextLength, `at most ${limits.maxTextLength} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty or whitespace only')
  .superRefine(checkStorableText);
