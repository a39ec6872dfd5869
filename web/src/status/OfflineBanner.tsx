import { useClassifierState } from '../app/use-classifier-state.ts';
import { useOnline } from './use-online.ts';

/** Says plainly what still works without a network, and that nothing typed or rated is lost. */
export function OfflineBanner() {
  const online = useOnline();
  const { status } = useClassifierState();
  if (online) return null;
  const inBrowser = status === 'ready' || status === 'loading';
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>You are offline.</strong>{' '}
      {inBrowser
        ? 'Reviews are still analyzed in your browser; feedback is kept and sent once you are back online.'
        : 'Reviews cannot be analyzed until you are back online or the model is cached in this browser.'}
    </div>
  );
}
