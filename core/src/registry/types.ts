/**
 * The model registry: one interface, two backends (a local folder, MLflow).
 * The pipeline registers versions through it; the server reads versions and aliases through it.
 */

/** One file of a version, as listed in the version's `manifest.json`. */
export interface ManifestEntry {
  name: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  files: ManifestEntry[];
}

export interface ModelVersionInfo {
  name: string;
  version: string;
  /** ISO 8601. */
  createdAt: string;
  /** Aliases pointing at this version (e.g. `champion`, `challenger`). */
  aliases: string[];
  description?: string;
  /** MLflow run that produced the version, when the backend has runs. */
  runId?: string;
  /** Where the artifacts live (a folder path or an `mlflow-artifacts:/…` URI). */
  source: string;
  tags: Record<string, string>;
  /** Training parameters recorded at registration (MLflow stores them as strings, so do we). */
  params?: Record<string, string>;
  /** Evaluation metrics recorded at registration. */
  metrics?: Record<string, number>;
}

export interface RegisterVersionInput {
  /** Local folder holding the exported files, `manifest.json` among them. */
  dir: string;
  description?: string;
  params: Record<string, string | number | boolean>;
  metrics: Record<string, number>;
  tags?: Record<string, string>;
}

export type RegistryErrorCode = 'not_found' | 'unreachable' | 'corrupt' | 'invalid';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

/**
 * Whether answers come from the backend itself or from the last good copy kept on disk.
 * The local backend is always healthy.
 */
export interface RegistryHealth {
  degraded: boolean;
  /** Why the backend was last unreachable, while degraded. */
  lastError?: string;
  /** ISO 8601: when the backend became unreachable, while degraded. */
  degradedSince?: string;
}

export interface ModelRegistry {
  readonly kind: 'local' | 'mlflow';
  health(): RegistryHealth;
  listVersions(model: string): Promise<ModelVersionInfo[]>;
  getVersion(model: string, version: string): Promise<ModelVersionInfo>;
  /** Throws `RegistryError('not_found')` when the alias is not set. */
  getVersionByAlias(model: string, alias: string): Promise<ModelVersionInfo>;
  setAlias(model: string, alias: string, version: string): Promise<void>;
  deleteAlias(model: string, alias: string): Promise<void>;
  /** The version's manifest (`manifest.json`). */
  getManifest(model: string, version: string): Promise<Manifest>;
  /**
   * One file's bytes, verified against the manifest's sha256 and size;
   * a mismatch throws `RegistryError('corrupt')` and returns nothing.
   */
  readFile(model: string, version: string, file: string): Promise<Uint8Array>;
  /** Registers a new version (the next integer) from an exported folder. */
  registerVersion(model: string, input: RegisterVersionInput): Promise<ModelVersionInfo>;
}
