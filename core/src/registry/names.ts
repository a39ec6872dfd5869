import { RegistryError } from './types.ts';

/*
 * Model names, versions and aliases become folder names (local backend, cache) and URL parts
 * (MLflow), so they are checked once here before either backend touches a path.
 */
const modelName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const versionNumber = /^[1-9][0-9]{0,8}$/;
// MLflow's own alias rule, minus the reserved `latest` and `v<number>` forms it rejects.
const aliasName = /^[A-Za-z0-9_-]{1,255}$/;
const reservedAlias = /^(latest|v\d+)$/i;
/** Would name the prototype rather than an alias wherever aliases are a plain object. */
const prototypeAlias = '__proto__';

export function checkModelName(model: string): void {
  if (!modelName.test(model)) {
    throw new RegistryError('invalid', `model name ${JSON.stringify(model)} is not allowed`);
  }
}

/** A version that cannot exist is simply not found: callers pass versions they were given. */
export function checkVersion(model: string, version: string): void {
  checkModelName(model);
  if (!versionNumber.test(version)) {
    throw new RegistryError(
      'not_found',
      `model ${model} has no version ${JSON.stringify(version)}`,
    );
  }
}

export function checkAlias(model: string, alias: string): void {
  checkModelName(model);
  if (!aliasName.test(alias) || reservedAlias.test(alias) || alias === prototypeAlias) {
    throw new RegistryError(
      'invalid',
      `alias ${JSON.stringify(alias)} of model ${model} is not allowed`,
    );
  }
}
