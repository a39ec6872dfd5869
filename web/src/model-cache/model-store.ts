import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

interface ModelStoreSchema extends DBSchema {
  /** One verified file of one version; key [model name, version, file name]. */
  files: { key: [string, string, string]; value: { bytes: ArrayBuffer; sha256: string } };
  /** A version whose every file is verified and stored; key [model name, version]. */
  versions: { key: [string, string]; value: { metadata: ModelVersionMetadata; storedAt: string } };
}

/** Model files by version in IndexedDB, so the next visit starts without the network. */
export interface ModelStore {
  getFile(model: string, version: string, file: string): Promise<ArrayBuffer | undefined>;
  putFile(
    model: string,
    version: string,
    file: string,
    bytes: ArrayBuffer,
    sha256: string,
  ): Promise<void>;
  /** Records that every file of the version is stored, so it can be used offline. */
  markComplete(metadata: ModelVersionMetadata): Promise<void>;
  completeVersions(model: string): Promise<ModelVersionMetadata[]>;
  deleteVersion(model: string, version: string): Promise<void>;
  close(): void;
}

const modelStoreName = 'polarity-models';

export async function openModelStore(name = modelStoreName): Promise<ModelStore> {
  const db: IDBPDatabase<ModelStoreSchema> = await openDB<ModelStoreSchema>(name, 1, {
    upgrade(upgrading) {
      upgrading.createObjectStore('files');
      upgrading.createObjectStore('versions');
    },
  });
  return {
    async getFile(model, version, file) {
      return (await db.get('files', [model, version, file]))?.bytes;
    },
    async putFile(model, version, file, bytes, sha256) {
      await db.put('files', { bytes, sha256 }, [model, version, file]);
    },
    async markComplete(metadata) {
      const record = { metadata, storedAt: new Date().toISOString() };
      await db.put('versions', record, [metadata.name, metadata.version]);
    },
    async completeVersions(model) {
      const range = IDBKeyRange.bound([model, ''], [model, '\uffff']);
      return (await db.getAll('versions', range)).map((record) => record.metadata);
    },
    async deleteVersion(model, version) {
      const tx = db.transaction(['files', 'versions'], 'readwrite');
      await tx.objectStore('versions').delete([model, version]);
      const files = IDBKeyRange.bound([model, version, ''], [model, version, '\uffff']);
      await tx.objectStore('files').delete(files);
      await tx.done;
    },
    close: () => db.close(),
  };
}
