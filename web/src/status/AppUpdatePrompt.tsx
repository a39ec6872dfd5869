import { useEffect, useState } from 'react';
import { useClassifierState } from '../app/use-classifier-state.ts';
import { registerServiceWorker, type ServiceWorkerBridge } from '../sw-bridge/index.ts';

/**
 * "Update available" for a new build of the app (the model has its own prompt). The service
 * worker registers once the model has settled, so its install (which caches onnxruntime) does
 * not compete with the first visit's own download.
 */
export function AppUpdatePrompt() {
  const { status } = useClassifierState();
  const [bridge, setBridge] = useState<ServiceWorkerBridge | null>(null);
  const [waiting, setWaiting] = useState(false);
  const settled = status !== 'starting' && status !== 'loading';
  useEffect(() => {
    if (settled && !bridge) setBridge(registerServiceWorker(() => setWaiting(true)));
  }, [settled, bridge]);
  if (!waiting || !bridge) return null;
  return (
    <div className="notice app-update" role="status" data-testid="app-update">
      <span>A new version of Polarity is available.</span>
      <button type="button" onClick={() => bridge.applyUpdate()}>
        Reload
      </button>
    </div>
  );
}
