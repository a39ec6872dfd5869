import type { Label, PredictionResult } from '@polarity/core/contracts';
import { type DBSchema, openDB } from 'idb';

export interface HistoryEntry {
  id: string;
  text: string;
  result: PredictionResult;
  /** the label the user says is right; null before any feedback */
  feedback: Label | null;
  createdAt: string;
  /** The challenger's silent prediction of the same text: the user's feedback judges it too. */
  shadowPredictionId?: string;
}

interface HistorySchema extends DBSchema {
  entries: { key: string; value: HistoryEntry; indexes: { createdAt: string } };
}

/** Entries kept on this device; older ones are pruned. */
const keep = 200;

const database = () =>
  openDB<HistorySchema>('polarity-history', 1, {
    upgrade(db) {
      db.createObjectStore('entries', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    },
  });

let opened: ReturnType<typeof database> | undefined;
const db = () => {
  opened ??= database();
  return opened;
};

export async function recentHistory(): Promise<HistoryEntry[]> {
  return (await (await db()).getAllFromIndex('entries', 'createdAt')).reverse();
}

export async function saveHistory(entry: HistoryEntry): Promise<void> {
  const store = await db();
  await store.put('entries', entry);
  const keys = await store.getAllKeysFromIndex('entries', 'createdAt');
  await Promise.all(
    keys.slice(0, Math.max(0, keys.length - keep)).map((key) => store.delete('entries', key)),
  );
}

/** Forgets every past prediction on this device (the server's copies are not affected). */
export async function clearHistory(): Promise<void> {
  await (await db()).clear('entries');
}
