/** Outcome counts of one kind of upload. */
export interface UploadCounts {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** uploads that got no usable answer, even after retries */
  failed: number;
}

export const emptyCounts = (): UploadCounts => ({
  sent: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  failed: 0,
});

export interface Summary {
  elapsedMs: number;
  predictions: UploadCounts;
  feedback: UploadCounts;
  /** ticks left out because too many requests were still in flight */
  skipped: number;
  /** predictions that matched the review's true label / predictions made */
  accuracyVsTruth: number | null;
  /** feedback that agreed with its prediction / feedback sent: what the server will measure */
  accuracySeen: number | null;
  /** change in what GET /api/quality?window=1h counts, when the server has that route */
  stored?: { predictions: number; feedback: number };
  errors: string[];
}

const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
const counts = (c: UploadCounts) =>
  `sent ${c.sent}, accepted ${c.accepted}, duplicates ${c.duplicates}, rejected ${c.rejected}, failed ${c.failed}`;

export function formatSummary(summary: Summary): string {
  const lines = [
    `simulated ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    `  predictions: ${counts(summary.predictions)}`,
    `  feedback:    ${counts(summary.feedback)}`,
    `  skipped ticks (server too slow): ${summary.skipped}`,
    `  accuracy vs true labels: ${ratio(summary.accuracyVsTruth)}`,
    `  accuracy as feedback says (what the monitor sees): ${ratio(summary.accuracySeen)}`,
    summary.stored
      ? `  stored, per GET /api/quality (1h window, all clients): +${summary.stored.predictions} predictions, +${summary.stored.feedback} feedback`
      : '  stored: not checked (GET /api/quality did not answer)',
  ];
  const shown = summary.errors.slice(0, 5);
  if (shown.length > 0) {
    lines.push(
      `  errors (${summary.errors.length}, first ${shown.length}):`,
      ...shown.map((e) => `    ${e}`),
    );
  }
  return lines.join('\n');
}
