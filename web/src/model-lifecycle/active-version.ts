import { ModelVersionMetadata } from '@polarity/core/contracts';

const key = 'polarity.active-model';

/** The version this browser uses, so the next visit can start offline without asking the server. */
export function readActiveVersion(): ModelVersionMetadata | null {
  const stored = localStorage.getItem(key);
  if (!stored) return null;
  try {
    const parsed = ModelVersionMetadata.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeActiveVersion(model: ModelVersionMetadata): void {
  localStorage.setItem(key, JSON.stringify(model));
}
