import type { ModelVersionInfo } from '@polarity/core/registry';
import type { Database } from '../db/client.ts';
import { modelVersions } from '../db/schema.ts';
import type { ServedModel } from './served-model.ts';

/** Records a served version with its config.json, where monitoring finds training baselines. */
export async function recordServedVersion(
  db: Database,
  model: ServedModel,
  info: ModelVersionInfo,
): Promise<void> {
  const row = {
    name: model.name,
    version: model.version,
    createdAt: new Date(info.createdAt),
    source: info.source,
    config: model.config ?? {},
  };
  await db
    .insert(modelVersions)
    .values(row)
    .onConflictDoUpdate({
      target: [modelVersions.name, modelVersions.version],
      set: { source: row.source, config: row.config },
    });
}
