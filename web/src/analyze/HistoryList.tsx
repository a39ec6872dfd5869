import type { HistoryEntry } from '../history/history-store.ts';
import { formatConfidence } from './format-confidence.ts';

interface Props {
  entries: HistoryEntry[];
  selected: string | null;
  onSelect(entry: HistoryEntry): void;
}

function feedbackText(entry: HistoryEntry): string {
  if (entry.feedback === null) return 'no feedback';
  return entry.feedback === entry.result.label ? '👍 right' : '👎 wrong';
}

/** Past predictions on this device, newest first, with the feedback given on each. */
export function HistoryList({ entries, selected, onSelect }: Props) {
  if (entries.length === 0) return null;
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol>
        {entries.slice(0, 50).map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="history-item"
              aria-current={entry.id === selected}
              onClick={() => onSelect(entry)}
            >
              <span className={`dot dot-${entry.result.label}`} aria-hidden="true" />
              <span className="history-text">{entry.text}</span>
              <span className="history-meta">
                {entry.result.label} · {formatConfidence(entry.result.confidence)} ·{' '}
                {feedbackText(entry)}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
