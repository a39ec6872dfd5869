import { TrainingProfile } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

export type ProfileKey = string;

/** Map key of a model version, shared by every monitor structure. */
export function versionKey(model: string, version: string): ProfileKey {
  return JSON.stringify([model, version]);
}

/**
 * Training profiles of the versions the server has recorded, by version key. A version whose
 * config has no (or an invalid) `training_profile` is left out: its drift figures are null.
 */
export async function loadTrainingProfiles(
  db: Database,
): Promise<Map<ProfileKey, TrainingProfile>> {
  const result = await db.execute(
    sql`select name, version, config -> 'training_profile' as profile from model_versions`,
  );
  const profiles = new Map<ProfileKey, TrainingProfile>();
  for (const row of rowsOf<{ name: string; version: string; profile: unknown }>(result)) {
    const parsed = TrainingProfile.safeParse(row.profile);
    if (parsed.success) profiles.set(versionKey(row.name, row.version), parsed.data);
  }
  return profiles;
}
