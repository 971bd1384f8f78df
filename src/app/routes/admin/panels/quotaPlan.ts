/**
 * Quotas for a selection: min/max seats per value, suggested from the town's reference proportions (or the
 * pool's own when the profile has none), and the sortition instance built from the pool. Pure.
 */
import type { Category, SortitionInstance } from '../../../../core/sortition';

export interface PoolMember {
  id: string;
  /** category → value, as the server sends them for selection (no contact details). */
  values: Record<string, string>;
}

export interface QuotaDraft {
  value: string;
  min: number;
  max: number;
  /** People in the pool with this value. */
  available: number;
}

/** Seats either side of the proportional number, so that quotas from rounded shares stay feasible. */
const MARGIN = 1;

/**
 * Suggested quotas for one category: share × k, rounded down and up, widened by one seat, within what the
 * pool has. Values with no reference share (e.g. "prefer not to say") get min 0. Shares come from
 * `reference` when given (renormalised over the values it covers), otherwise from the pool.
 */
export function suggestQuotas(
  category: string,
  values: readonly string[],
  pool: readonly PoolMember[],
  k: number,
  reference?: Readonly<Record<string, number>>,
): QuotaDraft[] {
  const available = new Map<string, number>(values.map((v) => [v, 0]));
  for (const m of pool) {
    const v = m.values[category];
    if (v !== undefined && available.has(v)) available.set(v, (available.get(v) ?? 0) + 1);
  }
  const refTotal = reference ? values.reduce((sum, v) => sum + (reference[v] ?? 0), 0) : 0;
  // Reference shares cover the people who answered; the pool's "prefer not to say" is left to fill around them.
  const answered = reference && refTotal > 0 ? values.filter((v) => reference[v] !== undefined).reduce((sum, v) => sum + (available.get(v) ?? 0), 0) : 0;
  const seatsForReference = reference && refTotal > 0 && pool.length > 0 ? (k * answered) / pool.length : k;
  return values.map((value) => {
    const have = available.get(value) ?? 0;
    let expected: number | null;
    if (reference && refTotal > 0) expected = reference[value] !== undefined ? ((reference[value] ?? 0) / refTotal) * seatsForReference : null;
    else expected = pool.length > 0 ? (have / pool.length) * k : 0;
    if (expected === null) return { value, min: 0, max: Math.min(k, have), available: have };
    const min = Math.min(have, Math.max(0, Math.floor(expected - MARGIN)));
    const max = Math.min(k, have, Math.max(min, Math.ceil(expected + MARGIN)));
    return { value, min, max, available: have };
  });
}

/** The sortition instance for the chosen categories and quotas; volunteers are the pool, ids kept. */
export function buildInstance(pool: readonly PoolMember[], k: number, quotas: readonly { category: string; values: readonly QuotaDraft[] }[]): SortitionInstance {
  const names = quotas.map((q) => q.category);
  const categories: Category[] = quotas.map((q) => ({ name: q.category, values: q.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) }));
  return {
    k,
    categories,
    volunteers: pool.map((m) => ({ id: m.id, features: Object.fromEntries(names.flatMap((n) => (m.values[n] !== undefined ? [[n, m.values[n] ?? '']] : []))) })),
  };
}

/** A fresh, unguessable seed for a draw, recorded with the result (anyone can re-run the draw with it). */
export function newSeed(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
