import { type Label, limits } from '@polarity/core/contracts';
import {
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useState,
} from 'react';
import { useServices } from '../app/services-context.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';
import { EntryLedger } from '../history/entry-ledger.ts';
import {
  clearHistory,
  type HistoryEntry,
  recentHistory,
  saveHistory,
} from '../history/history-store.ts';
import {
  feedbackEvent,
  predictionEvent,
  recordedByPage,
} from '../predictions/prediction-events.ts';
import { userMessage } from '../shared/user-message.ts';
import { HistoryList } from './HistoryList.tsx';
import { ResultCard } from './ResultCard.tsx';

export function AnalyzePage() {
  const services = useServices();
  const state = useClassifierState();
  const [text, setText] = useState('');
  const [current, setCurrent] = useState<HistoryEntry | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Said when a paste was cut at the length limit, until the text is shorter than it. */
  const [truncated, setTruncated] = useState<number | null>(null);
  const [ledger] = useState(() => new EntryLedger());
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    recentHistory().then(setHistory, () => setHistory([]));
  }, []);

  const canAnalyze =
    text.trim() !== '' && !busy && state.status !== 'starting' && state.status !== 'unavailable';

  async function analyze(event?: FormEvent) {
    event?.preventDefault();
    if (!canAnalyze) return;
    setBusy(true);
    setError(null);
    const review = text;
    try {
      const result = await services.classifier.classify(review);
      const entry: HistoryEntry = {
        id: result.id,
        text: review,
        result,
        feedback: null,
        createdAt: new Date().toISOString(),
      };
      setCurrent(entry);
      setHistory((entries) => [entry, ...entries.filter((item) => item.id !== entry.id)]);
      if (recordedByPage(result))
        await services.record(predictionEvent(result, review, services.clientId, false));
      // A verdict given while the prediction was being recorded is already in the ledger.
      await saveHistory(ledger.latest(entry));
      void shadowScore(entry);
    } catch (caught) {
      // The error takes the result's place: a stale verdict under it would read as this one's.
      setCurrent(null);
      setError(userMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  /** Logs the challenger's opinion and links it to the entry, so feedback reaches it too. */
  async function shadowScore(entry: HistoryEntry) {
    try {
      const shadow = await services.classifier.shadowClassify(entry.text);
      if (!shadow) return;
      const event = predictionEvent(shadow.result, entry.text, services.clientId, true);
      await services.record(event);
      const linked = ledger.linkShadow(entry, event.id);
      show(linked.entry);
      if (linked.label)
        await services.record(feedbackEvent(event.id, linked.label, services.clientId));
      await saveHistory(linked.entry);
    } catch (caught) {
      console.warn('polarity: shadow scoring failed:', caught);
    }
  }

  async function giveFeedback(entry: HistoryEntry, label: Label) {
    const { entry: updated, judged } = ledger.judge(entry, label);
    show(updated);
    await services.recordMany(judged.map((id) => feedbackEvent(id, label, services.clientId)));
    await saveHistory(updated);
  }

  /** Puts the entry's newest state in the history list, and in the result card if it is shown. */
  function show(entry: HistoryEntry) {
    setHistory((entries) => entries.map((item) => (item.id === entry.id ? entry : item)));
    setCurrent((shown) => (shown?.id === entry.id ? entry : shown));
  }

  /** The textarea's maxLength cuts a long paste silently; say so, with how much was dropped. */
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = event.clipboardData.getData('text').length;
    const { selectionStart, selectionEnd } = event.currentTarget;
    const after = text.length - (selectionEnd - selectionStart) + pasted;
    setTruncated(after > limits.maxTextLength ? after - limits.maxTextLength : null);
  }

  function restore(entry: HistoryEntry) {
    setCurrent(entry);
    setText(entry.text);
    setError(null);
    setTruncated(null);
  }

  async function forgetHistory() {
    await clearHistory();
    setHistory([]);
    setCurrent(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void analyze(event);
  }

  return (
    <section className="page analyze" aria-labelledby="analyze-title">
      <h2 id="analyze-title" className="visually-hidden">
        Analyze a review
      </h2>
      <form className="analyze-form" onSubmit={analyze}>
        <label htmlFor={inputId}>Product review</label>
        <textarea
          id={inputId}
          aria-describedby={hintId}
          value={text}
          maxLength={limits.maxTextLength}
          rows={6}
          placeholder="Paste or type a product review…"
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.length < limits.maxTextLength) setTruncated(null);
          }}
          onPaste={onPaste}
          onKeyDown={onKeyDown}
        />
        {truncated !== null && (
          <p className="warning" role="status" data-testid="paste-truncated">
            The pasted text was too long: only the first {limits.maxTextLength.toLocaleString()}{' '}
            characters are kept ({truncated.toLocaleString()} were left out).
          </p>
        )}
        <div className="form-row">
          <span id={hintId} className="hint">
            <span className="keyboard-hint">Ctrl/⌘ + Enter to analyze · </span>
            {text.length.toLocaleString()} / {limits.maxTextLength.toLocaleString()} characters
          </span>
          <button type="submit" className="primary" disabled={!canAnalyze}>
            {busy ? 'Analyzing…' : 'Analyze'}
          </button>
        </div>
      </form>
      <div className="result-slot">
        {error ? (
          <p className="error" role="alert" data-testid="analyze-error">
            {error}
          </p>
        ) : current ? (
          <ResultCard
            text={current.text}
            result={current.result}
            feedback={current.feedback}
            onFeedback={(label) => void giveFeedback(current, label)}
          />
        ) : (
          <div className="result result-empty">
            The verdict, its confidence and the words behind it appear here.
          </div>
        )}
      </div>
      <HistoryList
        entries={history}
        selected={current?.id ?? null}
        onSelect={restore}
        onClear={() => void forgetHistory()}
      />
    </section>
  );
}
