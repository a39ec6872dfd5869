import { z } from 'zod';

export const ModelFile = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  url: z.string(),
});
export type ModelFile = z.infer<typeof ModelFile>;

/** What `GET /api/models/:name/versions/:version` and `.../aliases/:alias` return. */
export const ModelVersionMetadata = z.object({
  name: z.string(),
  version: z.string(),
  aliases: z.array(z.string()),
  created_at: z.string(),
  labels: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  files: z.array(ModelFile),
});
export type ModelVersionMetadata = z.infer<typeof ModelVersionMetadata>;

/**
 * What `GET /api/models` returns: the models this server serves (one, its MODEL_NAME), so a
 * client learns the name instead of assuming one.
 */
export const ServedModels = z.object({
  models: z.array(z.object({ name: z.string().min(1) })).min(1),
});
export type ServedModels = z.infer<typeof ServedModels>;

/**
 * What `GET /api/models/:name/aliases` returns: the version each alias the app uses points at,
 * null when that alias is not set (no challenger is a normal state, not a 404).
 */
export const ModelAliases = z.object({
  champion: ModelVersionMetadata.nullable(),
  challenger: ModelVersionMetadata.nullable(),
});
export type ModelAliases = z.infer<typeof ModelAliases>;
