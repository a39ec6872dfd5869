import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from '@polarity/server/testing';

/** The real server (embedded database in a scratch folder) serving the built web app. */
export function startServer(): Promise<ServerProcess> {
  return startServerProcess({
    env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'polarity-bench-')) },
    // The first start may build the embedded database and load onnxruntime from a cold disk.
    timeoutMs: 180_000,
  });
}
