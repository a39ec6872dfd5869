import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.ts';
import { openExportFolder } from './export-folder.ts';
import { manifestEntry, manifestFileName, parseManifest, verifyFile } from './manifest.ts';
import { checkAlias, checkModelName, checkVersion } from './names.ts';
import {
  type Manifest,
  type ModelRegistry,
  type ModelVersionInfo,
  type RegisterVersionInput,
  RegistryError,
} from './types.ts';

const metadataFileName = 'registry.json';

const versionMetadata = z.object({
  createdAt: z.string(),
  description: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  metrics: z.record(z.string(), z.number()),
  tags: z.record(z.string(), z.string()),
});

const modelMetadata = z.object({
  aliases: z.record(z.string(), z.string()),
  versions: z.record(z.string(), versionMetadata),
});
type ModelMetadata = z.infer<typeof modelMetadata>;

/**
 * The embedded registry: `<registryDir>/<model>/<version>/<files>` plus
 * `<registryDir>/<model>/registry.json` (aliases and per-version metadata).
 */
export class LocalRegistry implements ModelRegistry {
  readonly kind = 'local';
  // Read-modify-write of registry.json is serialised per model within this process;
  // separate processes registering the same model at once are not supported.
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(readonly registryDir: string) {}

  health() {
    return { degraded: false };
  }

  async listVersions(model: string): Promise<ModelVersionInfo[]> {
    const metadata = await this.#readMetadata(model);
    return Object.keys(metadata.versions)
      .sort((a, b) => Number(a) - Number(b))
      .map((version) => this.#info(model, version, metadata));
  }

  async getVersion(model: string, version: string): Promise<ModelVersionInfo> {
    checkVersion(model, version);
    const metadata = await this.#readMetadata(model);
    if (!metadata.versions[version]) {
      throw new RegistryError('not_found', `model ${model} has no version ${version}`);
    }
    return this.#info(model, version, metadata);
  }

  async getVersionByAlias(model: string, alias: string): Promise<ModelVersionInfo> {
    checkAlias(model, alias);
    const metadata = await this.#readMetadata(model);
    const version = metadata.aliases[alias];
    if (!version) {
      throw new RegistryError('not_found', `model ${model} has no alias ${alias}`);
    }
    return this.#info(model, version, metadata);
  }

  async setAlias(model: string, alias: string, version: string): Promise<void> {
    checkAlias(model, alias);
    checkVersion(model, version);
    return this.#updateMetadata(model, (metadata) => {
      if (!metadata.versions[version]) {
        throw new RegistryError(
          'not_found',
          `cannot point alias ${alias} at version ${version}: model ${model} has no such version`,
        );
      }
      metadata.aliases[alias] = version;
    });
  }

  /** Deleting an alias that is not set is not an error, as in MLflow. */
  async deleteAlias(model: string, alias: string): Promise<void> {
    checkAlias(model, alias);
    return this.#updateMetadata(model, (metadata) => {
      delete metadata.aliases[alias];
    });
  }

  async getManifest(model: string, version: string): Promise<Manifest> {
    return (await this.#readManifest(model, version)).manifest;
  }

  async readFile(model: string, version: string, file: string): Promise<Uint8Array> {
    const { bytes: manifestBytes, manifest, where } = await this.#readManifest(model, version);
    if (file === manifestFileName) return manifestBytes;
    const entry = manifestEntry(manifest, file, where);
    const bytes = await this.#readStored(join(this.registryDir, model, version, file), where);
    verifyFile(entry, bytes, where);
    return bytes;
  }

  async registerVersion(model: string, input: RegisterVersionInput): Promise<ModelVersionInfo> {
    checkModelName(model);
    const folder = await openExportFolder(input.dir);
    const modelDir = join(this.registryDir, model);
    // The copy happens outside the metadata lock (it can be large); only the rename that
    // claims a version number and the metadata write are serialised.
    const staging = join(modelDir, `.staging-${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    try {
      for (const entry of folder.manifest.files) {
        await writeFile(join(staging, entry.name), await folder.read(entry));
      }
      await writeFile(join(staging, manifestFileName), folder.manifestBytes);
      let version = '';
      await this.#updateMetadata(
        model,
        async (metadata) => {
          version = String(await nextVersion(modelDir, metadata));
          await rename(staging, join(modelDir, version));
          metadata.versions[version] = {
            createdAt: new Date().toISOString(),
            ...(input.description === undefined ? {} : { description: input.description }),
            params: input.params,
            metrics: input.metrics,
            tags: input.tags ?? {},
          };
        },
        { create: true },
      );
      return this.getVersion(model, version);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  #info(model: string, version: string, metadata: ModelMetadata): ModelVersionInfo {
    const meta = metadata.versions[version];
    if (!meta) {
      throw new RegistryError(
        'corrupt',
        `${join(this.registryDir, model, metadataFileName)}: an alias points at version ${version}, which has no metadata`,
      );
    }
    return {
      name: model,
      version,
      createdAt: meta.createdAt,
      aliases: Object.entries(metadata.aliases)
        .filter(([, target]) => target === version)
        .map(([alias]) => alias)
        .sort(),
      ...(meta.description === undefined ? {} : { description: meta.description }),
      source: join(this.registryDir, model, version),
      tags: meta.tags,
      params: Object.fromEntries(Object.entries(meta.params).map(([k, v]) => [k, String(v)])),
      metrics: meta.metrics,
    };
  }

  async #readManifest(model: string, version: string) {
    await this.getVersion(model, version);
    const where = `model ${model} version ${version}`;
    const path = join(this.registryDir, model, version, manifestFileName);
    const bytes = await this.#readStored(path, where);
    return { bytes, manifest: parseManifest(bytes, where), where };
  }

  async #readStored(path: string, where: string): Promise<Uint8Array> {
    try {
      return await readFile(path);
    } catch (cause) {
      throw new RegistryError('corrupt', `${where}: registered file ${path} cannot be read`, {
        cause,
      });
    }
  }

  async #readMetadata(model: string, options = { create: false }): Promise<ModelMetadata> {
    checkModelName(model);
    const path = join(this.registryDir, model, metadataFileName);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new RegistryError('corrupt', `${path} cannot be read`, { cause });
      }
      if (options.create) return { aliases: Object.create(null), versions: Object.create(null) };
      throw new RegistryError('not_found', `no model ${model} in ${this.registryDir}`, { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new RegistryError('corrupt', `${path} is not JSON`, { cause });
    }
    const parsed = modelMetadata.safeParse(json);
    if (!parsed.success) {
      throw new RegistryError('corrupt', `${path} is malformed: ${z.prettifyError(parsed.error)}`);
    }
    // Aliases and versions are looked up by names that come from URLs: without a prototype,
    // `constructor` or `toString` is simply not there.
    return {
      aliases: Object.assign(Object.create(null), parsed.data.aliases),
      versions: Object.assign(Object.create(null), parsed.data.versions),
    };
  }

  #updateMetadata(
    model: string,
    change: (metadata: ModelMetadata) => void | Promise<void>,
    options = { create: false },
  ): Promise<void> {
    const previous = this.#queues.get(model) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const metadata = await this.#readMetadata(model, options);
        await change(metadata);
        await writeFileAtomic(
          join(this.registryDir, model, metadataFileName),
          `${JSON.stringify(metadata, null, 2)}\n`,
        );
      });
    this.#queues.set(model, next);
    return next;
  }
}

// Folders count too: a version folder whose metadata write was interrupted keeps its number.
async function nextVersion(modelDir: string, metadata: ModelMetadata): Promise<number> {
  const folders = (await readdir(modelDir)).filter((name) => /^[1-9][0-9]*$/.test(name));
  const used = [...folders, ...Object.keys(metadata.versions)].map(Number);
  return Math.max(0, ...used) + 1;
}
