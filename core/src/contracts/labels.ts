import { z } from 'zod';

export const Label = z.enum(['negative', 'positive']);
export type Label = z.infer<typeof Label>;

/** Where inference ran: in the browser (WebAssembly or WebGPU) or on the server. */
export const Runtime = z.enum(['wasm', 'webgpu', 'server']);
export type Runtime = z.infer<typeof Runtime>;

export const Source = z.enum(['web', 'api', 'simulator']);
export type Source = z.infer<typeof Source>;

export const Probabilities = z
  .object({ negative: z.number().min(0).max(1), positive: z.number().min(0).max(1) })
  .strict();
export type Probabilities = z.infer<typeof Probabilities>;
