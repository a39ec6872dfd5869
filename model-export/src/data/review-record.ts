export type Split = 'train' | 'validation' | 'test';

export interface ReviewRecord {
  /** Title and body joined as `title + ". " + body`, trimmed (the title alone when no body). */
  text: string;
  title: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
  domain: string;
  split: Split;
  /** `file:record` so errors and logs point back at the source. */
  origin: string;
}

/** A record that cannot be read; carries where it came from. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly location: string,
    reason: string,
  ) {
    super(`${file}: ${location}: ${reason}`);
    this.name = 'DataError';
  }
}

/** The canonical split of the data README: numbered per file, in file order. */
export function canonicalSplit(index: number): Split {
  if (index % 5 === 4) return 'test';
  if (index % 5 === 3) return 'validation';
  return 'train';
}

export function joinTitleAndBody(title: string, body: string): string {
  const t = title.trim();
  const b = body.trim();
  if (t.length === 0) return b;
  if (b.length === 0) return t;
  return `${t}. ${b}`;
}

export interface LoadOptions {
  /** Skip malformed records instead of failing; each skip is reported through `onSkip`. */
  skipBad: boolean;
  onSkip?: (error: DataError) => void;
}

/** Applies the `--skip-bad` policy to one record's parse error. */
export function rejectRecord(error: DataError, options: LoadOptions): void {
  if (!options.skipBad) throw error;
  options.onSkip?.(error);
}
