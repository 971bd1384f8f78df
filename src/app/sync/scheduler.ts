import type { DrainOutcome } from './engine';

const BUSY_RETRY_MS = 2_000;

export type SyncTrigger = 'start' | 'online' | 'visible' | 'saved' | 'timer' | 'manual';

/**
 * Decides when to drain: on every trigger, except that automatic ones (and a new record) respect the
 * backoff. A person pressing "send now", or the network coming back, tries at once. No DOM: the page wires the events in.
 */
export function createSyncScheduler(options: {
  drain: () => Promise<DrainOutcome>;
  /** When the backoff allows the next automatic attempt (ms since epoch), from the stored sync state. */
  nextAttemptAt: () => Promise<number | undefined>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}) {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let running: Promise<void> | undefined;
  let again = false;
  let retryTimer: unknown;

  async function run(): Promise<void> {
    do {
      again = false;
      const outcome = await options.drain();
      // A trigger that came in while this drain ran (the network coming back mid-attempt, say) gets its own
      // attempt now; otherwise it would wait out a backoff it did not cause.
      if (outcome.status === 'waiting' && again) continue;
      if (outcome.status === 'busy') {
        // Another tab or the service worker holds the lock: look again shortly, in case its attempt fails.
        setTimer(() => void request('manual'), BUSY_RETRY_MS);
        return;
      }
      if (outcome.status === 'waiting') {
        if (retryTimer !== undefined) clearTimer(retryTimer);
        retryTimer = setTimer(() => {
          retryTimer = undefined;
          void request('timer');
        }, outcome.retryInMs);
        return;
      }
    } while (again);
  }

  async function request(trigger: SyncTrigger): Promise<void> {
    // A new record waits out a backoff too: a server that said "Retry-After" at a busy event means it.
    const urgent = trigger === 'manual' || trigger === 'online';
    if (!urgent) {
      const next = await options.nextAttemptAt();
      if (next !== undefined && next > now()) {
        // Inside a backoff (perhaps left by an earlier page or the service worker): make sure an attempt is
        // due when it ends, rather than leaving it to an event that may never come.
        if (retryTimer === undefined && !running) {
          retryTimer = setTimer(() => {
            retryTimer = undefined;
            void request('timer');
          }, next - now());
        }
        return;
      }
    }
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  }

  return { request };
}
