import { z } from 'zod';
import { Caveat } from './caveat.ts';
import { Label, Probabilities } from './labels.ts';

/** One token's contribution to the positive-minus-negative logit, located in the original text. */
export const TokenContribution = z
  .object({
    token: z.string(),
    /** character offsets into the text as the user wrote it */
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    score: z.number(),
  })
  .strict();
export type TokenContribution = z.infer<typeof TokenContribution>;

/** What the shared inference module returns for one text, in the browser and on the server alike. */
export const Classification = z
  .object({
    label: Label,
    confidence: z.number().min(0).max(1),
    probabilities: Probabilities,
    explanation: z.array(TokenContribution),
    tokenCount: z.number().int().min(0),
    unknownTokenRate: z.number().min(0).max(1),
    /** null when the verdict can be taken as it is; see caveat.ts */
    caveat: Caveat.nullable(),
  })
  .strict();
export type Classification = z.infer<typeof Classification>;
