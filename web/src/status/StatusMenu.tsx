import { useEffect, useId, useState } from 'react';
import { useServices } from '../app/services-context.ts';
import { useClassifierState } from '../app/use-classifier-state.ts';
import type { ClassifierState } from '../model-lifecycle/classifier-service.ts';
import { OutboxBadge } from './OutboxBadge.tsx';
import { RuntimeSetting } from './RuntimeSetting.tsx';
import { useOnline } from './use-online.ts';

const runtimeNames: Record<NonNullable<ClassifierState['runtime']>, string> = {
  webgpu: 'WebGPU',
  wasm: 'WASM',
  server: 'Server',
};

function modelState(state: ClassifierState): string {
  const version = state.model ? ` v${state.model.version}` : '';
  switch (state.status) {
    case 'starting':
      return 'Starting…';
    case 'loading':
      return `Loading model${version}…`;
    case 'ready':
      return `Model${version} ready in your browser`;
    case 'server':
      return `Server model${version}`;
    case 'unavailable':
      return 'No model available';
  }
}

/** The few words beside the dot in the header: where predictions run, or that they cannot. */
function summary(state: ClassifierState, online: boolean): string {
  if (!online) return state.status === 'ready' ? 'Offline · in browser' : 'Offline';
  if (state.status === 'ready') return 'In browser';
  if (state.status === 'server') return 'On server';
  if (state.status === 'unavailable') return 'No model';
  return 'Loading';
}

/**
 * Status and settings for the curious: runtime, model version, challenger, events waiting to
 * be sent, the runtime override and the build. A native popover (light dismiss, Escape, focus
 * return), so the page itself stays about reviews.
 */
export function StatusMenu() {
  const { outbox } = useServices();
  const state = useClassifierState();
  const online = useOnline();
  const popoverId = useId();
  const [pending, setPending] = useState(0);
  useEffect(() => outbox.subscribe((outboxState) => setPending(outboxState.pending)), [outbox]);
  const tone = !online || state.status === 'unavailable' ? 'off' : pending > 0 ? 'busy' : 'ok';
  return (
    <>
      <button
        type="button"
        className="status-button"
        popoverTarget={popoverId}
        aria-label={`Status and settings: ${summary(state, online)}`}
        data-testid="status-button"
      >
        <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
        <span className="status-summary">{summary(state, online)}</span>
      </button>
      <div id={popoverId} popover="auto" className="status-popover" data-testid="status-popover">
        <h2 className="status-title">Status</h2>
        <dl className="status-facts">
          <dt>Runs on</dt>
          <dd>
            <span
              className={`badge badge-${state.runtime ?? 'pending'}`}
              data-testid="runtime-badge"
            >
              {state.runtime ? runtimeNames[state.runtime] : '…'}
            </span>
          </dd>
          <dt>Model</dt>
          <dd data-testid="model-state">{modelState(state)}</dd>
          {state.shadow && (
            <>
              <dt>Challenger</dt>
              <dd>
                <span data-testid="model-shadow">challenger v{state.shadow.version} in shadow</span>
                <span className="hint">
                  : it scores every review silently, and your feedback judges it too
                </span>
              </dd>
            </>
          )}
          <dt>Sync</dt>
          <dd>
            <OutboxBadge />
          </dd>
          <dt>Build</dt>
          <dd data-testid="app-build">build {import.meta.env.VITE_BUILD_ID}</dd>
        </dl>
        <RuntimeSetting />
      </div>
    </>
  );
}
