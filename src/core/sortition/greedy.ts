/**
 * The "legacy" greedy selection (LEGACY in Flanigan et al. 2021; the Sortition Foundation's older
 * method, `find_random_sample_legacy` in their `stratification.py`), kept so that staff can compare
 * it with maximin.
 *
 * Seats are filled one at a time. Before each pick, every (category, value) that still has
 * volunteers left and a non-zero max gets the ratio (min − selected) / remaining; the value with the
 * largest ratio (first one on ties, in category/value order) is served, by picking a uniformly
 * random remaining volunteer having it. When a value reaches its max, all remaining volunteers
 * having it are removed from the pool. The attempt fails if some min can no longer be met; the
 * caller then retries (as the original did).
 */
import { prepare, type Prepared } from './instance';
import { createRng, type Rng } from './prng';
import type { SortitionInstance } from './types';

/** One greedy attempt. Returns the panel (ascending indices) or null when it got stuck. */
export function greedyAttempt(prep: Prepared, random: () => number): number[] | null {
  const { k, quotas } = prep;
  const Q = quotas.length;
  const selected = new Array<number>(Q).fill(0);
  const remaining = prep.available.slice();
  const alive: boolean[] = prep.volunteerRows.map((r) => r !== null);
  let poolSize = prep.eligibleCount;
  const panel: number[] = [];

  const remove = (i: number): void => {
    alive[i] = false;
    poolSize--;
    for (const r of prep.volunteerRows[i]!) remaining[r]!--;
  };

  for (let seat = 0; seat < k; seat++) {
    if (poolSize === 0) return null;
    let best = -1;
    let ratio = -Infinity;
    for (let r = 0; r < Q; r++) {
      const q = quotas[r]!;
      const sel = selected[r]!;
      const rem = remaining[r]!;
      if (sel < q.min && rem < q.min - sel) return null;
      if (rem !== 0 && q.max !== 0) {
        const x = (q.min - sel) / rem;
        if (x > 1) return null;
        if (x > ratio) {
          ratio = x;
          best = r;
        }
      }
    }
    let person = -1;
    if (best >= 0) {
      let pos = Math.floor(random() * remaining[best]!);
      for (let i = 0; i < prep.n; i++) {
        if (!alive[i] || !prep.volunteerRows[i]!.includes(best)) continue;
        if (pos-- === 0) {
          person = i;
          break;
        }
      }
    } else if (Q === 0) {
      // no categories at all: uniform pick from the pool
      let pos = Math.floor(random() * poolSize);
      for (let i = 0; i < prep.n; i++) {
        if (alive[i] && pos-- === 0) {
          person = i;
          break;
        }
      }
    }
    if (person < 0) return null;
    panel.push(person);
    remove(person);
    const rows = prep.volunteerRows[person]!;
    for (const r of rows) selected[r]!++;
    for (const r of rows) {
      if (selected[r] === quotas[r]!.max && remaining[r]! > 0) {
        for (let i = 0; i < prep.n; i++) if (alive[i] && prep.volunteerRows[i]!.includes(r)) remove(i);
      }
    }
  }
  for (let r = 0; r < Q; r++) if (selected[r]! < quotas[r]!.min || selected[r]! > quotas[r]!.max) return null;
  return panel.sort((a, b) => a - b);
}

export class GreedyFailedError extends Error {
  constructor(readonly attempts: number) {
    super(`Greedy selection failed ${attempts} times in a row`);
    this.name = 'GreedyFailedError';
  }
}

/**
 * Legacy greedy selection with retries. `rng` is a `createRng(seed)` generator or any function
 * returning floats in [0, 1). Throws GreedyFailedError after `maxAttempts` failures.
 */
export function greedy(
  instance: SortitionInstance,
  rng: (() => number) | Rng,
  options: { maxAttempts?: number } = {},
): number[] {
  const random = typeof rng === 'function' ? rng : () => rng.random();
  const prep = prepare(instance);
  const maxAttempts = options.maxAttempts ?? 100;
  for (let a = 0; a < maxAttempts; a++) {
    const panel = greedyAttempt(prep, random);
    if (panel) return panel;
  }
  throw new GreedyFailedError(maxAttempts);
}

export interface GreedyEstimate {
  /**
   * Estimated selection probability per volunteer. The greedy method treats volunteers with
   * identical feature vectors symmetrically, so the raw frequencies are averaged within each such
   * group (less Monte Carlo noise, same expectation).
   */
  marginals: number[];
  /** Raw per-volunteer selection frequencies. */
  frequencies: number[];
  /** Minimum of `marginals` over eligible volunteers. */
  minProbability: number;
  /** Successful runs (panels) counted. */
  runs: number;
  /** Failed attempts that were retried. */
  failures: number;
  timeMs: number;
}

/** Monte Carlo estimate of the legacy greedy method's selection probabilities. */
export function estimateGreedyProbabilities(instance: SortitionInstance, runs: number, seed: string): GreedyEstimate {
  const started = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const prep = prepare(instance);
  const rng = createRng(seed);
  const random = (): number => rng.random();
  const counts = new Array<number>(prep.n).fill(0);
  let done = 0;
  let failures = 0;
  const maxFailures = Math.max(1000, runs * 100);
  while (done < runs) {
    const panel = greedyAttempt(prep, random);
    if (!panel) {
      if (++failures > maxFailures) throw new GreedyFailedError(failures);
      continue;
    }
    for (const i of panel) counts[i]!++;
    done++;
  }
  const frequencies = counts.map((c) => (runs > 0 ? c / runs : 0));
  const marginals = new Array<number>(prep.n).fill(0);
  let minProbability = Infinity;
  for (const type of prep.types) {
    let sum = 0;
    for (const i of type.members) sum += frequencies[i]!;
    const avg = sum / type.members.length;
    for (const i of type.members) marginals[i] = avg;
    minProbability = Math.min(minProbability, avg);
  }
  const ended = typeof performance !== 'undefined' ? performance.now() : Date.now();
  return {
    marginals,
    frequencies,
    minProbability: Number.isFinite(minProbability) ? minProbability : 0,
    runs: done,
    failures,
    timeMs: ended - started,
  };
}
