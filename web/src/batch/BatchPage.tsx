import { type PredictionResult, ReviewText } from '@polarity/core/contracts';
import { type DragEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useServices } from '../app/services-context.ts';
import { resultsCsv, type Skipped } from '../batch-csv/export-csv.ts';
import { type CsvTable, guessTextColumn, pastedTable } from '../batch-csv/parse-csv.ts';
import { readCsvFile } from '../batch-csv/read-csv-file.ts';
import { predictionEvent, recordedByPage } from '../predictions/prediction-events.ts';
import { BatchSummary } from './BatchSummary.tsx';
import { type BatchRow, summarise } from './batch-rows.ts';
import { FilePreview } from './FilePreview.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import './batch.css';

interface Finished {
  input: CsvTable;
  column: number;
  verdicts: (PredictionResult | Skipped)[];
}

/** Each input row's text, or why it cannot be classified. */
type Entry = { text: string } | { skipped: Skipped };

function triage(table: CsvTable, column: number): Entry[] {
  return table.rows.map((row) => {
    const text = row[column] ?? '';
    if (text.trim() === '') return { skipped: 'blank' };
    return ReviewText.safeParse(text).success ? { text } : { skipped: 'invalid' };
  });
}

function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

export function BatchPage() {
  const services = useServices();
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<{ name: string; table: CsvTable } | null>(null);
  const [column, setColumn] = useState(0);
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [finished, setFinished] = useState<Finished | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const reader = useRef<AbortController | null>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLElement>(null);
  const pasteId = useId();
  const fileId = useId();

  const input = useMemo(() => file?.table ?? pastedTable(pasted), [file, pasted]);
  const textColumn = file ? column : 0;
  // Not on every render: a running batch re-renders with each progress step.
  const entries = useMemo(() => triage(input, textColumn), [input, textColumn]);
  const texts = useMemo(
    () => entries.flatMap((entry) => ('text' in entry ? [entry.text] : [])),
    [entries],
  );
  const invalid = entries.filter(
    (entry) => 'skipped' in entry && entry.skipped === 'invalid',
  ).length;

  // On a phone the button is far from what it starts: bring progress, then results, into view.
  useEffect(() => {
    if (progress && progress.done === 0) {
      progressRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }, [progress]);
  useEffect(() => {
    if (finished) resultsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [finished]);

  async function readFile(chosen: File) {
    reader.current?.abort();
    const controller = new AbortController();
    reader.current = controller;
    setError(null);
    setReading(true);
    try {
      const table = await readCsvFile(chosen, { signal: controller.signal });
      if (table.header.length === 0) throw new Error('the file is empty');
      setFile({ name: chosen.name, table });
      setColumn(guessTextColumn(table));
      setFinished(null);
    } catch (caught) {
      if (controller.signal.aborted) return;
      setError(`${chosen.name}: ${messageOf(caught)}`);
    } finally {
      if (reader.current === controller) setReading(false);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void readFile(dropped);
  }

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setFinished(null);
    setProgress({ done: 0, total: texts.length });
    let results: PredictionResult[];
    try {
      results = await services.classifier.classifyMany(texts, {
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
    } catch (caught) {
      setError(messageOf(caught));
      return;
    } finally {
      // With the verdicts in there is nothing left to cancel: a Cancel shown while they are
      // recorded would do nothing.
      setProgress(null);
      abort.current = null;
    }
    let next = 0;
    const verdicts = entries.map((entry) =>
      'text' in entry ? (results[next++] as PredictionResult) : entry.skipped,
    );
    setFinished({ input, column: textColumn, verdicts });
    const browserMade = results
      .map((result, i) => ({ result, text: texts[i] ?? '' }))
      .filter(({ result }) => recordedByPage(result));
    try {
      await services.recordMany(
        browserMade.map(({ result, text }) =>
          predictionEvent(result, text, services.clientId, false),
        ),
      );
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  const rows = useMemo<BatchRow[]>(
    () =>
      finished
        ? finished.verdicts.map((verdict, i) => ({
            row: i + 1,
            text: finished.input.rows[i]?.[finished.column] ?? '',
            verdict,
          }))
        : [],
    [finished],
  );
  const summary = useMemo(() => summarise(rows), [rows]);

  function download() {
    if (!finished) return;
    const csv = resultsCsv(finished.input, finished.verdicts);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file ? file.name.replace(/(\.csv)?$/i, '-polarity.csv') : 'polarity-batch.csv';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="page batch" aria-labelledby="batch-title">
      <h2 id="batch-title">Batch</h2>
      <p className="hint batch-intro">
        Classify many reviews at once, in your browser. A CSV keeps all its columns: the download
        adds label, confidence, caveat and model version to every row.
      </p>
      {file ? (
        <FilePreview
          name={file.name}
          table={file.table}
          column={column}
          onColumn={(next) => {
            setColumn(next);
            setFinished(null);
          }}
          onRemove={() => {
            setFile(null);
            setFinished(null);
          }}
        />
      ) : (
        <div className={`dropzone${dragging ? ' dragging' : ''}`}>
          <label htmlFor={pasteId}>Paste reviews, one per line</label>
          <textarea
            id={pasteId}
            rows={6}
            value={pasted}
            onChange={(event) => {
              setPasted(event.target.value);
              setFinished(null);
            }}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            placeholder="One review per line — or drop a CSV file here"
          />
          <div className="form-row">
            <label htmlFor={fileId} className="file-label">
              …or choose a CSV file
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.tsv,text/csv,text/tab-separated-values"
              onChange={(event) => {
                const chosen = event.target.files?.[0];
                if (chosen) void readFile(chosen);
                event.target.value = '';
              }}
            />
            {reading && <span className="hint">Reading the file…</span>}
          </div>
        </div>
      )}
      <div className="form-row batch-run">
        <span className="hint" data-testid="batch-count">
          {texts.length.toLocaleString()} reviews
          {invalid > 0 ? ` (${invalid.toLocaleString()} skipped: too long or invalid)` : ''}
        </span>
        {progress ? (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={texts.length === 0}
            onClick={() => void run()}
          >
            Classify {texts.length.toLocaleString()}
          </button>
        )}
      </div>
      <div className="progress-slot" ref={progressRef}>
        {progress && (
          <>
            <progress
              value={progress.done}
              max={Math.max(1, progress.total)}
              aria-label="Batch progress"
              data-testid="batch-progress"
            />
            <span className="hint">
              {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
            </span>
          </>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {finished && (
        <section className="batch-results" aria-labelledby="results-title" ref={resultsRef}>
          <div className="results-head">
            <h3 id="results-title">Results</h3>
            <button type="button" className="primary" onClick={download}>
              Download CSV
            </button>
          </div>
          <BatchSummary summary={summary} />
          <ResultsTable rows={rows} />
        </section>
      )}
    </section>
  );
}
