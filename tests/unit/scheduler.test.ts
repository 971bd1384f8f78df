import { describe, expect, it } from 'vitest';
import type { DrainOutcome } from '../../src/app/sync/engine';
import { createSyncScheduler } from '../../src/app/sync/scheduler';

/** The network coming back while a failing attempt is under way must not wait out that attempt's backoff. */
describe('sync scheduler, triggers that arrive mid-attempt', () => {
  it('tries again at once when "online" arrives while an attempt is failing', async () => {
    let release: (() => void) | undefined;
    const outcomes: DrainOutcome[] = [
      { status: 'waiting', retryInMs: 60_000, sent: 0, rejected: 0 },
      { status: 'sent', sent: 1, rejected: 0 },
    ];
    let calls = 0;
    const timers: number[] = [];
    const scheduler = createSyncScheduler({
      drain: async () => {
        calls++;
        if (calls === 1) await new Promise<void>((r) => (release = r));
        return outcomes[calls - 1] ?? { status: 'idle', sent: 0, rejected: 0 };
      },
      nextAttemptAt: async () => undefined,
      setTimer: (_fn, ms) => timers.push(ms),
      clearTimer: () => undefined,
    });
    const first = scheduler.request('start');
    await new Promise((r) => setTimeout(r, 0));
    const second = scheduler.request('online'); // the network returns while the first attempt is failing
    release?.();
    await Promise.all([first, second]);
    expect(calls).toBe(2);
    expect(timers).toEqual([]); // no backoff timer: the second attempt sent everything
  });

  it('looks again shortly when another tab or the service worker holds the lock', async () => {
    const timers: number[] = [];
    const scheduler = createSyncScheduler({
      drain: async () => ({ status: 'busy' }),
      nextAttemptAt: async () => undefined,
      setTimer: (_fn, ms) => timers.push(ms),
      clearTimer: () => undefined,
    });
    await scheduler.request('online');
    expect(timers).toHaveLength(1);
    expect(timers[0]).toBeLessThanOrEqual(5_000);
  });
});

describe('sync scheduler, inside a backoff', () => {
  it('schedules an attempt for when the backoff ends, even if no other trigger comes', async () => {
    const timers: { ms: number; fn: () => void }[] = [];
    let now = 1_000_000;
    let drains = 0;
    const scheduler = createSyncScheduler({
      drain: async () => {
        drains++;
        return { status: 'sent', sent: 1, rejected: 0 };
      },
      nextAttemptAt: async () => 1_000_000 + 5_000,
      now: () => now,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });
    await scheduler.request('start'); // a new page, inside the backoff an earlier page left behind
    expect(drains).toBe(0);
    expect(timers.map((t) => t.ms)).toEqual([5_000]);
    now += 5_000;
    timers[0]?.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(drains).toBe(1);
  });
});
