/**
 * Token buckets per client, in memory. Several servers behind a load balancer each keep their own, which
 * only loosens the limit by the number of servers: acceptable for abuse control, not for quotas.
 */
export interface RateLimiter {
  /** Take `cost` tokens for `key`; when there are not enough, the seconds until there will be. */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfter: number };
}

export function createRateLimiter(options: { capacity: number; refillPerSecond: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweepAt = now();
  return {
    take(key, cost) {
      const t = now();
      // Forget full buckets now and then, so the map does not grow with every address ever seen.
      if (t - sweepAt > 60_000) {
        for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * options.refillPerSecond >= options.capacity) buckets.delete(k);
        sweepAt = t;
      }
      const b = buckets.get(key) ?? { tokens: options.capacity, at: t };
      b.tokens = Math.min(options.capacity, b.tokens + ((t - b.at) / 1000) * options.refillPerSecond);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= cost) {
        b.tokens -= cost;
        return { ok: true };
      }
      // A batch larger than the bucket can never pass; devices send at most 200 records, so keep capacity above that.
      const needed = Math.min(cost, options.capacity) - b.tokens;
      return { ok: false, retryAfter: Math.max(1, Math.ceil(needed / options.refillPerSecond)) };
    },
  };
}
