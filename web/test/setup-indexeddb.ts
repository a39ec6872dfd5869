// IndexedDB for the outbox and model-cache tests, which run in Node.
import 'fake-indexeddb/auto';
