/** Exponential backoff with full jitter, capped; a server's Retry-After wins when it asks for longer. */
export const BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;

export function backoffDelay(failures: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(ceiling * (0.5 + random() / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
