import { RegistryError } from '@polarity/core/registry';

/** How a registry failure reads over HTTP: whose fault it is and whether to retry. */
export function registryFailure(
  error: unknown,
): { status: 404 | 502 | 503; code: string; message: string } | undefined {
  if (!(error instanceof RegistryError)) return undefined;
  switch (error.code) {
    // An invalid name or version cannot exist, so to a reader it is simply not there.
    case 'not_found':
    case 'invalid':
      return { status: 404, code: 'not_found', message: error.message };
    case 'corrupt':
      return { status: 502, code: 'artifact_corrupt', message: error.message };
    case 'unreachable':
      return { status: 503, code: 'registry_unavailable', message: error.message };
  }
}
