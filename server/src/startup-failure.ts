/** Reports a setting the process cannot start with, in one line (no stack trace), and exits. */
export function failStartup(message: string): never {
  console.error(`polarity: ${message.replace(/\s+/g, ' ').trim()}`);
  process.exit(1);
}

/** drizzle wraps driver errors in "Failed query: …"; the driver's own reason is the useful part. */
export function rootReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const root = cause instanceof Error ? cause : error;
  const code = (root as NodeJS.ErrnoException).code;
  const message = root instanceof Error ? root.message : String(root);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
