import { Workbox } from 'workbox-window';

export interface ServiceWorkerBridge {
  /** Activates the waiting service worker; the page reloads once it controls the page. */
  applyUpdate(): void;
}

/**
 * Registers the service worker (production builds only) and reports a new build waiting to take
 * over. The page then asks it to skip waiting and reloads into the new version.
 */
export function registerServiceWorker(onUpdateWaiting: () => void): ServiceWorkerBridge | null {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  const workbox = new Workbox('/service-worker.js', { scope: '/' });
  workbox.addEventListener('waiting', onUpdateWaiting);
  void workbox.register();
  return {
    applyUpdate() {
      workbox.addEventListener('controlling', () => location.reload());
      workbox.messageSkipWaiting();
    },
  };
}
