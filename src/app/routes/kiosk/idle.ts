/**
 * The kiosk's idle timer, without the DOM: after `warnAfterMs` with no touch it warns (WCAG 2.2.1: the
 * person can ask for more time), and after `resetAfterMs` it resets, discarding the half-typed entry.
 * Any touch or key press counts as activity and starts the wait again.
 */
export const KIOSK_TIMING = {
  /** No touch for this long: the half-typed entry is discarded. */
  resetAfterMs: 90_000,
  /** The warning appears this long after the last touch (so it counts down the last 20 s). */
  warnAfterMs: 70_000,
  /** The thank-you shows this long before the kiosk is ready for the next person (at most 10 s). */
  thanksMs: 8_000,
} as const;

export type IdleTiming = Pick<typeof KIOSK_TIMING, 'resetAfterMs' | 'warnAfterMs'>;

export type IdleState = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'expired' };

/** The state `idleMs` after the last activity. */
export function idleState(idleMs: number, timing: IdleTiming = KIOSK_TIMING): IdleState {
  if (idleMs >= timing.resetAfterMs) return { phase: 'expired' };
  if (idleMs >= timing.warnAfterMs) return { phase: 'warning', secondsLeft: Math.ceil((timing.resetAfterMs - idleMs) / 1000) };
  return { phase: 'active' };
}

/** The seconds-left values a screen reader is told about (politely): not every second, which would drown the page. */
export const announcedSeconds = (secondsLeft: number, timing: IdleTiming = KIOSK_TIMING) =>
  secondsLeft === Math.ceil((timing.resetAfterMs - timing.warnAfterMs) / 1000) || secondsLeft === 10 || secondsLeft === 5;

export interface IdleWatch {
  /** A touch, a key press, or "I need more time": the wait starts again. */
  activity(): void;
  /** Look at the clock (the page calls this every second). */
  tick(): IdleState;
  state(): IdleState;
}

/**
 * The timer as a small state machine over an injected clock. `onChange` hears each new state (the warning's
 * countdown included); `onExpire` runs once when the wait runs out, and the watch then stays expired.
 */
export function createIdleWatch(options: {
  now?: () => number;
  timing?: IdleTiming;
  onChange?: (state: IdleState) => void;
  onExpire: () => void;
}): IdleWatch {
  const now = options.now ?? Date.now;
  const timing = options.timing ?? KIOSK_TIMING;
  let last = now();
  let current: IdleState = { phase: 'active' };
  const same = (a: IdleState, b: IdleState) =>
    a.phase === b.phase && (a.phase !== 'warning' || (b.phase === 'warning' && a.secondsLeft === b.secondsLeft));
  const set = (next: IdleState) => {
    if (same(current, next)) return;
    current = next;
    options.onChange?.(next);
    if (next.phase === 'expired') options.onExpire();
  };
  return {
    activity() {
      if (current.phase === 'expired') return;
      last = now();
      set({ phase: 'active' });
    },
    tick() {
      if (current.phase !== 'expired') set(idleState(now() - last, timing));
      return current;
    },
    state: () => current,
  };
}
