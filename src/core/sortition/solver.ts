/**
 * Access to the HiGHS LP/MIP solver (npm package `highs`, WebAssembly).
 *
 * We use the persistent model API of highs-js ≥ 1.15 with sparse numeric arrays (no LP text),
 * which sidesteps the LP-format pitfalls (long lines, variable names) and lets the master LP of
 * the column generation be warm-started when columns are added.
 *
 * In Node, `loadHighs()` finds `highs.wasm` next to the package. In a browser/Web Worker pass a
 * loaded solver (or a loader) built with `locateFile`, e.g. with Vite:
 *
 *   import highsLoader from 'highs';
 *   import wasmUrl from 'highs/runtime?url';
 *   const solver = highsLoader({ locateFile: () => wasmUrl });
 *   await maximin(instance, { solver });
 */
import type { Highs, InitOptions, Model } from 'highs';
import type { Prepared } from './instance';

export type { Highs, Model };

/** A loaded solver, a promise of one, or a function that loads one. */
export type SolverSource = Highs | Promise<Highs> | (() => Promise<Highs>);

let defaultSolver: Promise<Highs> | undefined;

/** Loads highs-js (cached when called without options). */
export function loadHighs(options?: InitOptions): Promise<Highs> {
  if (options) return import('highs').then((m) => m.default(options));
  defaultSolver ??= import('highs').then((m) => m.default());
  return defaultSolver;
}

export async function resolveSolver(source?: SolverSource): Promise<Highs> {
  if (source === undefined) return loadHighs();
  if (typeof source === 'function') return source();
  return source;
}

export const MODEL_STATUS = {
  optimal: 7,
  infeasible: 8,
  unboundedOrInfeasible: 9,
} as const;

/** Options shared by every model we build: silent, deterministic, tight MIP gaps. */
export function quietModel(highs: Highs): Model {
  const model = highs.createModel();
  model.options.set({ output_flag: false, random_seed: 0 });
  return model;
}

/**
 * The "type-count" MIP: one integer column c_t ∈ [0, |type t|] per volunteer type, one row per
 * quota value (min ≤ Σ c_t ≤ max over the types having that value) and a last row Σ c_t = k.
 * Objective all zero (callers set costs). Minimisation.
 *
 * `upper` optionally overrides the column upper bounds (e.g. 0 for excluded types).
 */
export function buildQuotaModel(highs: Highs, prep: Prepared, upper?: readonly number[], integer = true): Model {
  const T = prep.types.length;
  const Q = prep.quotas.length;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const type of prep.types) {
    for (const r of type.quotaRows) {
      indices.push(r);
      values.push(1);
    }
    indices.push(Q);
    values.push(1);
    starts.push(indices.length);
  }
  const model = quietModel(highs);
  model.options.set({ mip_rel_gap: 1e-9, mip_abs_gap: 1e-11 });
  model.passModel({
    numCols: T,
    numRows: Q + 1,
    colCost: new Array<number>(T).fill(0),
    colLower: new Array<number>(T).fill(0),
    colUpper: prep.types.map((t, i) => upper?.[i] ?? t.members.length),
    rowLower: [...prep.quotas.map((q) => q.min), prep.k],
    rowUpper: [...prep.quotas.map((q) => q.max), prep.k],
    matrix: { format: 'csc', numRows: Q + 1, numCols: T, starts, indices, values },
    ...(integer ? { integrality: new Array<0 | 1>(T).fill(1) } : {}),
  });
  return model;
}

/** Rounds the type counts of a MIP solution. */
export function roundCounts(colValue: ArrayLike<number>, T: number): number[] {
  const counts: number[] = [];
  for (let t = 0; t < T; t++) counts.push(Math.max(0, Math.round(colValue[t] ?? 0)));
  return counts;
}

/** Checks type counts against quotas and k exactly (guards against solver tolerance slips). */
export function countsMeetQuotas(prep: Prepared, counts: readonly number[]): boolean {
  const perRow = new Array<number>(prep.quotas.length).fill(0);
  let total = 0;
  for (let t = 0; t < prep.types.length; t++) {
    const c = counts[t] ?? 0;
    const type = prep.types[t]!;
    if (c < 0 || c > type.members.length) return false;
    total += c;
    for (const r of type.quotaRows) perRow[r] = (perRow[r] ?? 0) + c;
  }
  return total === prep.k && prep.quotas.every((q, r) => (perRow[r] ?? 0) >= q.min && (perRow[r] ?? 0) <= q.max);
}
