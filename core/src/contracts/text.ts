import { z } from 'zod';
import { limits } from './limits.ts';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A review as users send it: non-blank, bounded, valid Unicode, no NUL bytes. */
export const ReviewText = z
  .string()
  .max(limits.maxTextLength, `at most ${limits.maxTextLength} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty or whitespace only')
  .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters')
  .refine((text) => !loneSurrogate.test(text), 'must be valid Unicode (no lone surrogates)');
