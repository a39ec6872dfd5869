import { requestBackgroundSync } from './background-sync.ts';
import type { Outbox } from './outbox.ts';

const sendDelay = 300; // ms after an enqueue, so a prediction and its quick feedback share a batch

/**
 * Decides when the page flushes the outbox: shortly after each new event, when the browser
 * comes back online, when the tab is hidden (the user may be leaving), and after a failure
 * when the backoff (or the server's Retry-After) says so.
 */
export function startOutboxSync(outbox: Outbox): { eventQueued(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  };
  async function run() {
    const outcome = await outbox.flush();
    if (outcome.kind === 'retry') {
      schedule(outcome.delay);
      void requestBackgroundSync();
    }
  }
  const onOnline = () => schedule(0);
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') schedule(0);
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibility);
  schedule(0);
  return {
    eventQueued: () => schedule(sendDelay),
    stop() {
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
