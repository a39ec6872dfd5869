import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { useEffect, useState } from 'react';
import { fetchModelText, fetchVersion } from '../api/api-client.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';
import { ConfusionMatrix } from '../charts/ConfusionMatrix.tsx';
import { figuresOf } from './explained-figures.ts';
import { FiguresList } from './FiguresList.tsx';
import { KindBars } from './KindBars.tsx';
import { ModelCard } from './ModelCard.tsx';
import { type ModelConfig, parseModelConfig } from './model-figures.ts';
import { describeModel } from './model-summary.ts';
import { ReliabilityChart } from './ReliabilityChart.tsx';
import { TrainingDetails } from './TrainingDetails.tsx';
import './model-page.css';

const runtimeWords = {
  wasm: 'in your browser (WebAssembly)',
  webgpu: 'in your browser (WebGPU)',
  server: 'on the server',
} as const;

/** The version's figures from its config.json; null while loading or when it has none. */
function useModelConfig(model: ModelVersionMetadata | null) {
  const [config, setConfig] = useState<ModelConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!model) return;
    let cancelled = false;
    setError(null);
    fetchModelText(model, 'config.json')
      .then((text) => (text === null ? null : parseModelConfig(text, model.version)))
      .then(
        (parsed) => !cancelled && setConfig(parsed),
        (caught: unknown) =>
          !cancelled &&
          setError(
            // fetch rejects with a TypeError when there is no network: say that, not its text.
            caught instanceof TypeError
              ? 'they need a connection to the server.'
              : caught instanceof Error
                ? caught.message
                : String(caught),
          ),
      );
    return () => {
      cancelled = true;
    };
  }, [model]);
  return { config, error };
}

/** The version in use, told for a person: what it does, how well, where not, and why to trust it. */
export function ModelPage() {
  const state = useClassifierState();
  const [fresh, setFresh] = useState<ModelVersionMetadata | null>(null);
  const model = fresh ?? state.model;
  const { config, error } = useModelConfig(model);

  useEffect(() => {
    const name = state.model?.name;
    const version = state.model?.version;
    if (!name || !version) return;
    let cancelled = false;
    // Aliases move: ask the server for the current ones; offline, what the app knows will do.
    fetchVersion(name, version).then(
      (metadata) => !cancelled && setFresh(metadata),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [state.model?.version, state.model?.name]);

  if (!model) return <p className="page">No model is loaded yet.</p>;
  const metrics = config?.metrics ?? {};
  return (
    <section className="page model-page" aria-labelledby="model-title">
      <h2 id="model-title">
        The model: {model.name} <span data-testid="model-version">v{model.version}</span>
        {model.aliases.map((alias) => (
          <span key={alias} className="role">
            {alias}
          </span>
        ))}
      </h2>
      <p className="model-summary" data-testid="model-summary">
        {describeModel(model, config)}
      </p>
      {error && (
        <p className="notice" role="status">
          The version's test figures are not shown: {error}
        </p>
      )}
      <section aria-labelledby="figures-title" className="model-section">
        <h3 id="figures-title">How well it does</h3>
        <FiguresList figures={figuresOf(metrics, model.metrics)} />
      </section>
      <div className="model-charts">
        {metrics.per_domain_accuracy && <KindBars perKind={metrics.per_domain_accuracy} />}
        {metrics.confusion_matrix && (
          <figure className="model-chart">
            <ConfusionMatrix
              caption="Its mistakes on the test reviews"
              actualName="Review was"
              matrix={metrics.confusion_matrix}
            />
          </figure>
        )}
        {metrics.reliability && <ReliabilityChart bins={metrics.reliability} />}
      </div>
      {config && <TrainingDetails config={config} />}
      <ModelCard model={model} />
      {state.runtime && <p className="hint">It runs {runtimeWords[state.runtime]} now.</p>}
    </section>
  );
}
