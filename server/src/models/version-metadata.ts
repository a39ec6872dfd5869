import { Label, type ModelVersionMetadata } from '@polarity/core/contracts';
import type { ModelRegistry, ModelVersionInfo } from '@polarity/core/registry';
import { z } from 'zod';

/** The part of a version's config.json the API reports: labels in id order. */
const configLabels = z.object({ id2label: z.record(z.string(), z.string()) });

function fileUrl(name: string, version: string, file: string): string {
  return `/api/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/files/${encodeURIComponent(file)}`;
}

/**
 * What a client needs to fetch and verify a version. Version contents are immutable, so the
 * files and labels are cached; aliases move, so they are read from the registry every time.
 */
export function createVersionDescriber(registry: ModelRegistry) {
  const contents = new Map<string, Promise<Pick<ModelVersionMetadata, 'files' | 'labels'>>>();

  async function readContents(name: string, version: string) {
    const manifest = await registry.getManifest(name, version);
    const files = manifest.files.map((entry) => ({
      ...entry,
      url: fileUrl(name, version, entry.name),
    }));
    let labels: string[] = Label.options;
    if (manifest.files.some((entry) => entry.name === 'config.json')) {
      const bytes = await registry.readFile(name, version, 'config.json');
      const parsed = configLabels.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
      if (parsed.success) {
        labels = Object.entries(parsed.data.id2label)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, label]) => label);
      }
    }
    return { files, labels };
  }

  return async function describe(info: ModelVersionInfo): Promise<ModelVersionMetadata> {
    const key = `${info.name}\u0000${info.version}`;
    let pending = contents.get(key);
    if (!pending) {
      pending = readContents(info.name, info.version);
      contents.set(key, pending);
      // A failed read (registry down, corrupt file) must not be remembered.
      pending.catch(() => contents.delete(key));
    }
    return {
      name: info.name,
      version: info.version,
      aliases: info.aliases,
      created_at: info.createdAt,
      metrics: info.metrics ?? {},
      ...(await pending),
    };
  };
}
