import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { copyShippedRegistry } from './model-registry.ts';
import { createTestApp } from './test-app.ts';

type RegistryCopy = Awaited<ReturnType<typeof copyShippedRegistry>>;

export interface AppUnderTest {
  database: TestDatabase;
  test: ReturnType<typeof createTestApp>;
  /** The copy of the shipped registry the app serves from, when `versions` asked for one. */
  registryCopy: RegistryCopy;
}

export interface AppUnderTestOptions {
  /** Serve from a copy of the shipped registry holding this many versions. */
  versions?: number;
  /** Runs on that copy before the app exists (tampering with a file, say). */
  prepare?: (copy: RegistryCopy) => Promise<void>;
  env?: Record<string, string>;
  /** Load and warm the champion before the first test. */
  startModels?: boolean;
}

/**
 * A fresh test database and the real app on it, for the enclosing describe block: built before
 * its first test; after its last, the model service stops, the prediction log is written, the
 * inference workers end and the database and registry copy are removed. The fields are filled in by the time tests run.
 */
export function useAppUnderTest({
  versions,
  prepare,
  env,
  startModels = false,
}: AppUnderTestOptions = {}): AppUnderTest {
  const under = {} as AppUnderTest;
  beforeAll(async () => {
    under.database = await createTestDatabase();
    if (versions !== undefined) {
      under.registryCopy = await copyShippedRegistry(versions);
      await prepare?.(under.registryCopy);
    }
    under.test = createTestApp({
      db: under.database.db,
      ...(under.registryCopy && { registry: under.registryCopy.registry }),
      ...(env && { env }),
    });
    if (startModels) await under.test.api.models.start();
  });
  afterAll(async () => {
    under.test?.api.models.stop();
    await under.test?.api.predictionWriter.drain(5_000);
    await under.test?.api.inference.close();
    await under.database?.drop();
    await under.registryCopy?.remove();
  });
  return under;
}
