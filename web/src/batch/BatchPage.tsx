import { type PredictionResult, ReviewText } from '@polarity/core/contracts';
import { type DragEvent, useId, useMemo, useRef, useState } from 'react';
import { useServices } from '../app/services-context.ts';
import { toCsv } from '../batch-csv/export-csv.ts';
import {
  type CsvTable,
  columnTexts,
  guessTextColumn,
  parseCsv,
  pastedTexts,
} from '../batch-csv/parse-csv.ts';
import { predictionEvent, recordedByPage } from '../predictions/prediction-events.ts';

/** Rows rendered in the table; the download holds them all. */
const shownRows = 200;

interface BatchRow {
  text: string;
  result: PredictionResult;
}

export default function BatchPage() {
  const services = useServices();
  const [pasted, setPasted] = useState('');
  const [table, setTable] = useState<{ name: string; csv: CsvTable } | null>(null);
  const [column, setColumn] = useState(0);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [rows, setRows] = useState<BatchRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const pasteId = useId();
  const fileId = useId();
  const columnId = useId();

  // Not on every render: a running batch re-renders with each progress step.
  const texts = useMemo(
    () => (table ? columnTexts(table.csv, column) : pastedTexts(pasted)),
    [table, column, pasted],
  );
  const valid = useMemo(() => texts.filter((text) => ReviewText.safeParse(text).success), [texts]);

  async function readFile(file: File) {
    setError(null);
    try {
      const csv = parseCsv(await file.text());
      setTable({ name: file.name, csv });
      setColumn(guessTextColumn(csv));
    } catch (caught) {
      setError(`${file.name}: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  }

  async function run() {
    abort.current = new AbortController();
    setError(null);
    setRows([]);
    setProgress({ done: 0, total: valid.length });
    try {
      const results = await services.classifier.classifyMany(valid, {
        signal: abort.current.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      const batch = results.map((result, i) => ({ text: valid[i] ?? '', result }));
      setRows(batch);
      const browserMade = batch.filter((row) => recordedByPage(row.result));
      await services.recordMany(
        browserMade.map((row) => predictionEvent(row.result, row.text, services.clientId, false)),
      );
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  function download() {
    const csv = toCsv(
      ['text', 'label', 'confidence'],
      rows.map((row) => [row.text, row.result.label, Number(row.result.confidence.toFixed(6))]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'polarity-batch.csv';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="page batch" aria-labelledby="batch-title">
      <h2 id="batch-title">Batch</h2>
      <div className={`dropzone${dragging ? ' dragging' : ''}`}>
        <label htmlFor={pasteId}>Paste reviews, one per line</label>
        <textarea
          id={pasteId}
          rows={6}
          value={pasted}
          disabled={table !== null}
          onChange={(event) => setPasted(event.target.value)}
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
            accept=".csv,text/csv"
            onChange={(event) => event.target.files?.[0] && void readFile(event.target.files[0])}
          />
          {table && (
            <button type="button" onClick={() => setTable(null)}>
              Clear {table.name}
            </button>
          )}
        </div>
        {table && (
          <div className="form-row">
            <label htmlFor={columnId}>Text column</label>
            <select
              id={columnId}
              value={column}
              onChange={(event) => setColumn(Number(event.target.value))}
            >
              {table.csv.header.map((name, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: header names may repeat; the index is the column
                <option key={index} value={index}>
                  {name || `column ${index + 1}`}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="form-row">
        <span className="hint" data-testid="batch-count">
          {valid.length.toLocaleString()} reviews
          {texts.length > valid.length
            ? ` (${texts.length - valid.length} skipped: too long or invalid)`
            : ''}
        </span>
        {progress ? (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={valid.length === 0}
            onClick={() => void run()}
          >
            Classify {valid.length.toLocaleString()}
          </button>
        )}
      </div>
      <div className="progress-slot">
        {progress && (
          <progress
            value={progress.done}
            max={Math.max(1, progress.total)}
            aria-label="Batch progress"
            data-testid="batch-progress"
          />
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <div className="form-row">
            <span data-testid="batch-summary">
              {rows.length.toLocaleString()} classified ·{' '}
              {rows.filter((row) => row.result.label === 'positive').length.toLocaleString()}{' '}
              positive
            </span>
            <button type="button" className="primary" onClick={download}>
              Download CSV
            </button>
          </div>
          <div className="table-wrap">
            <table className="batch-table">
              <caption className="visually-hidden">Batch results</caption>
              <thead>
                <tr>
                  <th scope="col">Review</th>
                  <th scope="col">Label</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, shownRows).map((row) => (
                  <tr key={row.result.id}>
                    <td className="cell-text">{row.text}</td>
                    <td>
                      <span className={`dot dot-${row.result.label}`} aria-hidden="true" />{' '}
                      {row.result.label}
                    </td>
                    <td>{(row.result.confidence * 100).toFixed(1)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > shownRows && (
            <p className="hint">
              Showing the first {shownRows}; the CSV holds all {rows.length.toLocaleString()}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
