/// <reference lib="webworker" />
import '../shared/zod-without-eval.ts';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { createOutbox } from '../outbox/outbox.ts';
import { outboxSyncTag } from '../outbox/sync-tag.ts';
import { expectedCaches, onnxRuntimeCache, onnxRuntimeUrls } from './cache-names.ts';
import { registerRoutes } from './routes.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

interface SyncEvent extends ExtendableEvent {
  tag: string;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoutes();
// The first install takes the open page over at once, so it works offline without a reload.
// Later builds wait for the user's "Reload" (skipWaiting on request, below).
clientsClaim();

// The runtime is fetched at install, so even a first visit that ends before the model ran
// leaves a next visit able to predict offline.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(onnxRuntimeCache).then(async (cache) => {
      const missing = [];
      for (const url of onnxRuntimeUrls) if (!(await cache.match(url))) missing.push(url);
      await cache.addAll(missing);
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('polarity-') && !expectedCaches.has(name))
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync: deliver the outbox even after the tab closed. A retry outcome rejects so
// the browser schedules another attempt.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== outboxSyncTag) return;
  sync.waitUntil(
    createOutbox().then(async (outbox) => {
      try {
        const outcome = await outbox.flush();
        if (outcome.kind === 'retry') throw new Error(`outbox not delivered: ${outcome.reason}`);
      } finally {
        outbox.close();
      }
    }),
  );
});
