/** The Background Sync tag under which the service worker flushes the outbox. */
export const outboxSyncTag = 'polarity-outbox';
