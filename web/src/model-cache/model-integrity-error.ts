/** A model file whose bytes do not match its published sha256 or size: never used, never cached. */
export class ModelIntegrityError extends Error {
  override name = 'ModelIntegrityError';
  constructor(
    readonly file: string,
    readonly version: string,
    message: string,
  ) {
    super(`model version ${version}, file ${file}: ${message}`);
  }
}
