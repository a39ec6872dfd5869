import { outboxSyncTag } from './sync-tag.ts';

interface SyncCapableRegistration extends ServiceWorkerRegistration {
  sync: { register(tag: string): Promise<void> };
}

/** Asks the browser to flush the outbox from the service worker once it is online, if it can. */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  if (registration && 'sync' in registration) {
    await (registration as SyncCapableRegistration).sync.register(outboxSyncTag).catch(() => {
      // Not permitted (e.g. in some private modes): the page's own retries still run.
    });
  }
}
