/**
 * What a person reads when something failed. A rejected `fetch` says only "Failed to fetch"
 * (Chromium) or "NetworkError…" (Firefox), which names neither the cause nor what to do.
 */
export function userMessage(error: unknown): string {
  if (isNetworkFailure(error)) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** A request that never got an answer: offline, DNS, a dropped connection. */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const text = error instanceof Error ? error.message : String(error);
  return /failed to fetch|networkerror|load failed|network connection was lost/i.test(text);
}
