import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { useEffect, useState } from 'react';
import { fetchModelText, fetchVersion } from '../api/api-client.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';
import { MarkdownBlocks } from './markdown-blocks.tsx';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

function metricValue(name: string, value: number): string {
  return /accuracy|f1/.test(name) ? `${(value * 100).toFixed(2)} %` : value.toFixed(4);
}

/** The version in use: identity, aliases, size, metrics and the model card with its plots. */
export default function ModelPage() {
  const state = useClassifierState();
  const [fresh, setFresh] = useState<ModelVersionMetadata | null>(null);
  const [card, setCard] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const model = fresh ?? state.model;

  useEffect(() => {
    const name = state.model?.name;
    const version = state.model?.version;
    if (!name || !version) return;
    let cancelled = false;
    // Aliases move: ask the server for the current ones, fall back to what we know offline.
    fetchVersion(name, version).then(
      (metadata) => !cancelled && setFresh(metadata),
      () => !cancelled && setOffline(true),
    );
    return () => {
      cancelled = true;
    };
  }, [state.model?.version, state.model?.name]);

  useEffect(() => {
    if (!model) return;
    fetchModelText(model, 'README.md').then(setCard, () => setCard(null));
  }, [model]);

  if (!model) return <p className="page">No model is loaded yet.</p>;
  const size = model.files.reduce((sum, file) => sum + file.size, 0);
  const onnx = model.files.find((file) => file.name === 'model.onnx');
  const imageUrl = (name: string) => model.files.find((file) => file.name === name)?.url ?? null;
  return (
    <section className="page model-page" aria-labelledby="model-title">
      <h2 id="model-title">
        {model.name} <span data-testid="model-version">v{model.version}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>Aliases</dt>
          <dd data-testid="model-aliases">
            {model.aliases.length > 0 ? model.aliases.join(', ') : 'none'}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{new Date(model.created_at).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {onnx ? megabytes(onnx.size) : '?'} model · {megabytes(size)} in all
          </dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>{state.runtime ?? '…'}</dd>
        </div>
      </dl>
      {Object.keys(model.metrics).length > 0 && (
        <table className="metrics">
          <caption>Evaluation (test split)</caption>
          <tbody>
            {Object.entries(model.metrics).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name.replaceAll('_', ' ')}</th>
                <td>{metricValue(name, value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="model-card" aria-label="Model card">
        {card ? (
          <MarkdownBlocks source={card} imageUrl={imageUrl} />
        ) : (
          <p className="hint">
            {offline ? 'The model card needs a connection.' : 'Loading the model card…'}
          </p>
        )}
      </section>
    </section>
  );
}
