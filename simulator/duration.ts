const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `250ms`, `5s`, `2m`, `1h` (a bare number is seconds) → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration like 500ms, 30s, 2m or 1h`);
  return Number(match[1]) * unitMs[(match[2] ?? 's') as keyof typeof unitMs];
}
