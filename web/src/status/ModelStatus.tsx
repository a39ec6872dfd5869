import { useServices } from '../app/services-context.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';
import { RuntimeSetting } from './RuntimeSetting.tsx';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Where inference runs, model download progress, problems, and the offer of a new champion. */
export function ModelStatus() {
  const { classifier } = useServices();
  const state = useClassifierState();
  const runtimeName =
    state.runtime === 'webgpu'
      ? 'WebGPU'
      : state.runtime === 'wasm'
        ? 'WASM'
        : state.runtime === 'server'
          ? 'Server'
          : '…';
  return (
    <div className="model-status">
      <div className="status-line">
        <span
          className={`badge badge-${state.runtime ?? 'pending'}`}
          data-testid="runtime-badge"
          title="Where predictions run"
        >
          {runtimeName}
        </span>
        <span data-testid="model-state">
          {state.status === 'starting' && 'Starting…'}
          {state.status === 'loading' && `Loading model v${state.model?.version ?? '?'}…`}
          {state.status === 'ready' && `Model v${state.model?.version} ready in your browser`}
          {state.status === 'server' &&
            `Server model${state.model ? ` v${state.model.version}` : ''}`}
          {state.status === 'unavailable' && 'No model available'}
        </span>
        {state.shadow && (
          <span
            className="hint"
            data-testid="model-shadow"
            title="The challenger scores every review silently; your feedback judges it too"
          >
            challenger v{state.shadow.version} in shadow
          </span>
        )}
        <RuntimeSetting />
      </div>
      {state.progress && (
        <div className="progress-line">
          <progress
            value={state.progress.loaded}
            max={Math.max(1, state.progress.total)}
            aria-label="Model download"
            data-testid="model-progress"
          />
          <span>
            {megabytes(state.progress.loaded)} of {megabytes(state.progress.total)}
          </span>
        </div>
      )}
      {state.problem && (
        <p className="warning" role="alert" data-testid="model-problem">
          {state.problem}
        </p>
      )}
      {state.update && (
        <div className="notice" role="status" data-testid="model-update">
          <span>New model v{state.update.version} available</span>
          <button
            type="button"
            disabled={state.switching}
            onClick={() => void classifier.switchToUpdate()}
          >
            {state.switching ? 'Switching…' : 'Switch'}
          </button>
        </div>
      )}
    </div>
  );
}
