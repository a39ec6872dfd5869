import { useServices } from '../app/services-context.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * What the page itself says about the model: the first visit's download (every byte of it,
 * onnxruntime included, as sent over the wire), a problem, and the offer of a new champion.
 */
export function ModelStatus() {
  const { classifier } = useServices();
  const state = useClassifierState();
  if (!state.progress && !state.problem && !state.update) return null;
  return (
    <div className="model-status">
      {/* Progress and the update offer float over the page: coming and going, they must not
          move what the user is reading or typing (layout shift). */}
      {(state.progress || state.update) && (
        <div className="model-toast">
          {state.progress && (
            <div className="progress-line">
              <progress
                value={state.progress.loaded}
                max={Math.max(1, state.progress.total)}
                aria-label="Model download"
                data-testid="model-progress"
              />
              <span>
                Downloading the model: {megabytes(state.progress.loaded)} of{' '}
                {megabytes(state.progress.total)}
              </span>
            </div>
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
      )}
      {state.problem && (
        <p className="warning" role="alert" data-testid="model-problem">
          {state.problem}
        </p>
      )}
    </div>
  );
}
