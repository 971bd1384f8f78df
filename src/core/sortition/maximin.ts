/**
 * MAXIMIN panel distribution by column generation — Flanigan, Gölz, Gupta, Hennig & Procaccia,
 * "Fair algorithms for selecting citizens' assemblies", Nature 596 (2021), Methods.
 *
 * Types. Volunteers with identical values in every category ("types") are interchangeable:
 * averaging any lottery over permutations within types keeps every panel valid and does not lower
 * the minimum probability, so some optimal lottery gives all members of a type one probability. We
 * therefore optimise over *type-count panels* c = (c_t), 0 ≤ c_t ≤ |t|, meeting the quotas:
 *
 *   master LP   max z  s.t.  Σ_j p_j c_{j,t}/|t| ≥ z  for every selectable type t,
 *                            Σ_j p_j = 1,  p ≥ 0
 *   pricing     max Σ_t y_t c_t/|t| over quota-satisfying c (a MIP), y = duals of the type rows.
 *
 * The pricing optimum at any y ≥ 0 with Σy = 1 is an upper bound on the optimum (weak duality);
 * panels are added until the master's z is within `tolerance` of the best bound. Speed-ups over
 * the textbook loop, none of which changes the optimum:
 *  - starting panels come from the legacy greedy method (cheap, valid, diverse); a cover MIP then
 *    finds panels for any type still uncovered, or proves it can be on no panel ("unselectable");
 *  - the master is solved in its equivalent packing form (max Σu s.t. Σ_t u_t c_{j,t}/|t| ≤ 1 per
 *    panel), so new panels are new rows and HiGHS's dual simplex re-optimises warm;
 *  - the LP relaxation of the quotas gives an upper bound that is often tight (e.g. when the
 *    quotas allow everybody k/n), which proves optimality without further pricing;
 *  - pricing first tries a local search (localsearch.ts) from panels in the current support and
 *    only calls the exact MIP when that finds nothing; the MIP is priced at Wentges-smoothed duals
 *    (0.8 × best-bound duals + 0.2 × current duals) to damp the dual oscillation.
 *
 * Explicit panels. The grouped optimum is then expanded exactly into panels of volunteers: for
 * each type t and count value c, the grouped panels with c_t = c are laid side by side on [0,1)
 * and a cyclic window of c members (systematic sampling, start advancing by c, |t|/gcd(|t|,c)
 * positions) sweeps the type once across them. Every member of t is then on exactly its share of
 * panels, so the marginals are exactly those of the grouped optimum, and every explicit panel has
 * the counts of the grouped panel it comes from (hence meets the quotas). Members are taken in a
 * fixed scrambled order so that windows do not follow sign-up order. The support has at most
 * (#grouped panels + Σ_t Σ_c |t|/gcd(|t|,c)) panels. Only marginals are optimised: which
 * volunteers tend to sit together is an artefact of this expansion.
 */
import { arithmeticChecks, explainNoPanel, SortitionInfeasibleError } from './feasibility';
import { prepare, type Prepared } from './instance';
import { greedyAttempt } from './greedy';
import { PanelSearch } from './localsearch';
import { createRng, cyrb128 } from './prng';
import { buildQuotaModel, countsMeetQuotas, MODEL_STATUS, quietModel, resolveSolver, roundCounts, type Highs, type Model, type SolverSource } from './solver';
import type { MaximinProgress, MaximinResult, SortitionInstance } from './types';

export interface MaximinOptions {
  /** Loaded highs-js, a promise of it, or a loader. Default: `loadHighs()` (fine in Node). */
  solver?: SolverSource;
  onProgress?: (progress: MaximinProgress) => void;
  /** Stop when no panel improves the minimum probability by more than this. Default 1e-6. */
  tolerance?: number;
  /** Default 20000. On hitting it the best distribution so far is returned with optimal = false. */
  maxIterations?: number;
  /** Wall-clock limit; as for maxIterations. Default: none. */
  timeLimitMs?: number;
  /**
   * Group volunteers with identical feature vectors (default true). `false` runs the paper's plain
   * per-volunteer column generation (much slower on large pools; useful for cross-checking).
   */
  groupTypes?: boolean;
  /**
   * Abort support: when given, the loop yields to the event loop about every 50 ms so that a Web
   * Worker can receive an abort message; on abort the promise rejects with `signal.reason`.
   */
  signal?: AbortSignal;
  /** Use the local-search pricing heuristic before the exact MIP (default true). */
  heuristic?: boolean;
  /** Use the LP-relaxation upper bound to stop early (default true). Off: optimality is proved by pricing alone. */
  relaxationBound?: boolean;
  /** Number of legacy-greedy panels used as starting columns (default min(500, #types)). */
  initialPanels?: number;
}

/** Weight of the stability centre in Wentges dual smoothing. */
const STABILISATION = 0.8;
/** Local-search starts per heuristic pricing round. */
const HEURISTIC_STARTS = 30;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Treats every eligible volunteer as its own type. */
function ungroup(prep: Prepared): Prepared {
  const types = prep.types.flatMap((t) => t.members.map((m) => ({ members: [m], quotaRows: t.quotaRows })));
  types.sort((a, b) => a.members[0]! - b.members[0]!);
  const typeOf = new Int32Array(prep.n).fill(-1);
  types.forEach((t, i) => (typeOf[t.members[0]!] = i));
  return { ...prep, types, typeOf };
}

export async function maximin(instance: SortitionInstance, options: MaximinOptions = {}): Promise<MaximinResult> {
  const started = now();
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 20000;
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;
  const prep0 = prepare(instance);
  const prep = options.groupTypes === false ? ungroup(prep0) : prep0;
  const reasons = arithmeticChecks(instance, prep0);
  if (reasons.length > 0) throw new SortitionInfeasibleError(reasons);
  const highs = await resolveSolver(options.solver);
  const T = prep.types.length;
  const size = prep.types.map((t) => t.members.length);

  let lastYield = now();
  const maybeYield = async (): Promise<void> => {
    const signal = options.signal;
    if (!signal) return;
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    if (now() - lastYield > 50) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = now();
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
    }
  };

  const stats = { coverMs: 0, masterMs: 0, masterSimplexIterations: 0, pricingMs: 0, heuristicMs: 0, heuristicColumns: 0, expandMs: 0 };
  const columns: number[][] = [];
  const columnKeys = new Set<string>();
  const addColumnKey = (counts: number[]): boolean => {
    const key = counts.join(',');
    if (columnKeys.has(key)) return false;
    columnKeys.add(key);
    columns.push(counts);
    return true;
  };

  // ---- Phase 1: find panels covering every type that can be on some panel. -------------------
  const covered = new Array<boolean>(T).fill(false);
  let iterations = 0;
  {
    // Cheap, diverse starting panels from the legacy greedy method (valid panels by construction).
    const tick = now();
    const rng = createRng('maximin-initial-panels');
    const random = (): number => rng.random();
    const extra = options.initialPanels ?? Math.min(500, T);
    let stale = 0;
    for (let attempt = 0; attempt < 20 * T + 100 && stale < 50; attempt++) {
      const panel = greedyAttempt(prep, random);
      if (!panel) {
        stale++;
        continue;
      }
      const counts = new Array<number>(T).fill(0);
      for (const i of panel) counts[prep.typeOf[i]!]!++;
      let gain = 0;
      counts.forEach((c, t) => {
        if (c > 0 && !covered[t]) {
          covered[t] = true;
          gain++;
        }
      });
      if ((gain > 0 || columns.length < extra) && addColumnKey(counts)) stale = 0;
      else stale++;
      if (covered.every(Boolean) && columns.length >= extra) break;
    }
    stats.coverMs += now() - tick;
  }
  {
    const cover = buildCoverModel(highs, prep);
    try {
      for (;;) {
        await maybeYield();
        if (columns.length > 0 && covered.every(Boolean)) break;
        const costs = covered.map((c) => (c ? 0 : -1));
        cover.changeColsCost({ kind: 'range', from: T, to: 2 * T - 1 }, costs);
        const tick = now();
        cover.run();
        stats.coverMs += now() - tick;
        const status = cover.getModelStatus();
        if (status !== MODEL_STATUS.optimal) {
          if (columns.length === 0 && (status === MODEL_STATUS.infeasible || status === MODEL_STATUS.unboundedOrInfeasible)) {
            throw new SortitionInfeasibleError([explainNoPanel(highs, prep)]);
          }
          throw new Error(`HiGHS cover MIP ended with model status ${status}`);
        }
        iterations++;
        const counts = roundCounts(cover.getSolution().colValue, T);
        if (!countsMeetQuotas(prep, counts)) throw new Error('HiGHS returned a panel that violates the quotas');
        let gain = 0;
        counts.forEach((c, t) => {
          if (c > 0 && !covered[t]) {
            covered[t] = true;
            gain++;
          }
        });
        if (gain === 0) break; // optimum 0: the remaining types are on no valid panel
        addColumnKey(counts);
        options.onProgress?.({ iteration: iterations, bound: 1, value: 0, columns: columns.length, phase: 'cover' });
      }
    } finally {
      cover.dispose();
    }
  }
  const selectable = covered;

  // ---- Phase 2: column generation. ------------------------------------------------------------
  const rowOf = new Int32Array(T).fill(-1);
  const master = quietModel(highs);
  master.options.set({ presolve: 'off' });
  const pricing = buildQuotaModel(highs, prep, size.map((s, t) => (selectable[t] ? s : 0)));
  let value = 0;
  let bound = 1;
  let optimal = false;
  let probabilities: number[] = [];
  try {
    const inf = highs.infinity;
    // The master is solved in its dual ("packing") form, to which new panels are added as rows,
    // so HiGHS's dual simplex re-optimises from the previous basis:
    //   max Σ_t u_t  s.t.  Σ_t u_t c_{j,t}/|t| ≤ 1 for every panel j,  u ≥ 0.
    // Its optimum S equals that of the covering LP min Σ_j q_j s.t. Σ_j q_j c_{j,t}/|t| ≥ 1, whose
    // solution q (the row duals) gives the lottery p = q/S with minimum probability z = 1/S; and
    // y = u/S are the maximin duals used for pricing.
    const colOf: number[] = [];
    for (let t = 0; t < T; t++) {
      if (!selectable[t]) continue;
      rowOf[t] = colOf.length;
      colOf.push(t);
    }
    master.addVars(new Array<number>(colOf.length).fill(0), new Array<number>(colOf.length).fill(inf));
    master.changeColsCost({ kind: 'range', from: 0, to: colOf.length - 1 }, new Array<number>(colOf.length).fill(-1));
    const addMasterColumn = (counts: readonly number[]): void => {
      const indices: number[] = [];
      const values: number[] = [];
      counts.forEach((c, t) => {
        if (c > 0 && rowOf[t]! >= 0) {
          indices.push(rowOf[t]!);
          values.push(c / size[t]!);
        }
      });
      master.addRow(-inf, 1, { indices, values });
    };
    for (const c of columns) addMasterColumn(c);

    // Upper bound from the LP relaxation of the quotas (expected counts of any lottery satisfy it).
    if (options.relaxationBound !== false) bound = Math.min(bound, relaxationBound(highs, prep, selectable));

    // Wentges dual smoothing: price at alpha * (best dual so far) + (1 - alpha) * (current dual).
    let center: Float64Array | null = null;
    let centerBound = Infinity;
    let alpha = STABILISATION;
    const y = new Float64Array(T);
    const ySep = new Float64Array(T);
    const pricingCosts = new Array<number>(T).fill(0);
    const found: Float64Array[] = [];
    const collect = {
      [highs.constants.callbackType.mipSolution]: (event: { data: { mip_solution?: Float64Array } }): undefined => {
        if (event.data.mip_solution && found.length < 200) found.push(event.data.mip_solution);
        return undefined;
      },
    };
    let masterDirty = true;
    const useHeuristic = options.heuristic !== false;
    const search = new PanelSearch(prep, size.map((n, t) => (selectable[t] ? n : 0)));
    const weight = new Float64Array(T);
    const order = Int32Array.from({ length: T }, (_, t) => t);
    const rng = createRng('maximin-heuristic');
    for (;;) {
      await maybeYield();
      if (masterDirty) {
        const tick = now();
        master.run();
        stats.masterMs += now() - tick;
        stats.masterSimplexIterations += Number(master.info.get('simplex_iteration_count'));
        if (master.getModelStatus() !== MODEL_STATUS.optimal) {
          throw new Error(`HiGHS master LP ended with model status ${master.getModelStatus()}`);
        }
        const sol = master.getSolution();
        const sumQ = -master.getObjectiveValue();
        value = 1 / sumQ;
        probabilities = Array.from(sol.rowDual, (d) => Math.max(0, -d) / sumQ);
        for (let t = 0; t < T; t++) {
          const c = rowOf[t]!;
          y[t] = c >= 0 ? Math.max(0, sol.colValue[c] ?? 0) / sumQ : 0;
        }
        masterDirty = false;
      }
      if (bound <= value + tolerance) {
        optimal = true;
        break;
      }
      if (iterations >= maxIterations || now() > deadline) break;

      // Cheap heuristic pricing first: local search from panels in the current support.
      if (useHeuristic) {
        const tick = now();
        for (let t = 0; t < T; t++) weight[t] = y[t]! / size[t]!;
        order.sort((p, q) => weight[q]! - weight[p]!);
        const support: number[] = [];
        probabilities.forEach((p, j) => {
          if (p > 1e-9) support.push(j);
        });
        const starts: number[] = [];
        for (let s = 0; s < HEURISTIC_STARTS && support.length > 0; s++) {
          starts.push(support.splice(rng.int(support.length), 1)[0]!);
        }
        let added = 0;
        for (const j of starts) {
          const counts = search.improve(columns[j]!, weight, order);
          let gain = 0;
          for (let t = 0; t < T; t++) gain += weight[t]! * counts[t]!;
          if (gain <= value + tolerance) continue;
          if (!countsMeetQuotas(prep, counts)) continue;
          if (!addColumnKey(counts)) continue;
          addMasterColumn(counts);
          added++;
        }
        stats.heuristicMs += now() - tick;
        if (added > 0) {
          stats.heuristicColumns += added;
          masterDirty = true;
          iterations++;
          options.onProgress?.({ iteration: iterations, bound, value, columns: columns.length, phase: 'optimise' });
          continue;
        }
      }

      const a = center ? alpha : 0;
      let ySum = 0;
      for (let t = 0; t < T; t++) {
        ySep[t] = a * (center?.[t] ?? 0) + (1 - a) * y[t]!;
        ySum += ySep[t]!;
      }
      for (let t = 0; t < T; t++) pricingCosts[t] = ySum > 0 ? -ySep[t]! / ySum / size[t]! : 0;
      pricing.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, pricingCosts);
      found.length = 0;
      const tick = now();
      pricing.run(collect);
      stats.pricingMs += now() - tick;
      if (pricing.getModelStatus() !== MODEL_STATUS.optimal) {
        throw new Error(`HiGHS pricing MIP ended with model status ${pricing.getModelStatus()}`);
      }
      iterations++;
      const price = -pricing.getObjectiveValue();
      const dualBound = Number(pricing.info.get('mip_dual_bound'));
      const priceBound = Number.isFinite(dualBound) ? Math.max(price, -dualBound) : price;
      bound = Math.min(bound, priceBound);
      if (priceBound < centerBound) {
        centerBound = priceBound;
        center = Float64Array.from(ySep, (v) => (ySum > 0 ? v / ySum : 0));
      }
      options.onProgress?.({ iteration: iterations, bound, value, columns: columns.length, phase: 'optimise' });

      // Add every panel found whose reduced cost at the current (unsmoothed) duals is positive.
      found.push(pricing.getSolution().colValue);
      let added = 0;
      for (const x of found) {
        const counts = roundCounts(x, T);
        let gain = 0;
        for (let t = 0; t < T; t++) gain += (y[t]! * counts[t]!) / size[t]!;
        if (gain <= value + tolerance / 10) continue;
        if (!countsMeetQuotas(prep, counts)) continue;
        if (!addColumnKey(counts)) continue;
        addMasterColumn(counts);
        added++;
      }
      if (added > 0) {
        masterDirty = true;
        alpha = STABILISATION;
      } else if (a > 0) {
        // Mis-pricing: the centre has just improved; move the separation point towards y.
        alpha = alpha < 0.05 ? 0 : alpha / 2;
      } else {
        // Pricing at the LP duals found nothing: optimal up to the MIP's accuracy.
        optimal = priceBound <= value + tolerance;
        break;
      }
    }
  } finally {
    master.dispose();
    pricing.dispose();
  }

  // ---- Clean up the LP solution and expand it to explicit panels. -----------------------------
  const typePanels: { counts: number[]; probability: number }[] = [];
  let total = 0;
  columns.forEach((counts, j) => {
    const p = probabilities[j] ?? 0;
    if (p > 1e-12) {
      typePanels.push({ counts, probability: p });
      total += p;
    }
  });
  for (const tp of typePanels) tp.probability /= total;

  const expandStart = now();
  const { panels, probabilities: panelProbabilities } = expandTypePanels(prep, typePanels);
  stats.expandMs = now() - expandStart;
  const marginals = new Array<number>(prep.n).fill(0);
  panels.forEach((panel, j) => {
    const p = panelProbabilities[j]!;
    for (const i of panel) marginals[i]! += p;
  });
  const unselectable: number[] = [];
  let minProbability = Infinity;
  for (let i = 0; i < prep.n; i++) {
    const t = prep.typeOf[i]!;
    if (t < 0 || !selectable[t]) unselectable.push(i);
    else minProbability = Math.min(minProbability, marginals[i]!);
  }
  if (!Number.isFinite(minProbability)) minProbability = 0;

  return {
    method: 'maximin',
    panels,
    probabilities: panelProbabilities,
    marginals,
    minProbability,
    iterations,
    optimal,
    upperBound: Math.max(bound, minProbability),
    unselectable,
    types: prep.types.map((t) => t.members.slice()),
    typePanels,
    timeMs: now() - started,
    stats,
    warnings: prep.warnings,
  };
}

/**
 * max z s.t. the expected type counts x satisfy the quotas' LP relaxation and x_t ≥ z·|t| for
 * every selectable type: an upper bound on the maximin value (often equal to it).
 */
function relaxationBound(highs: Highs, prep: Prepared, selectable: readonly boolean[]): number {
  const T = prep.types.length;
  const model = buildQuotaModel(highs, prep, undefined, false);
  try {
    const inf = highs.infinity;
    model.addCol(-1, 0, 1, { indices: [], values: [] }); // z, column T
    for (let t = 0; t < T; t++) {
      if (selectable[t]) model.addRow(0, inf, { indices: [t, T], values: [1, -prep.types[t]!.members.length] });
    }
    model.run();
    return model.getModelStatus() === MODEL_STATUS.optimal ? -model.getObjectiveValue() + 1e-9 : 1;
  } finally {
    model.dispose();
  }
}

/**
 * Cover MIP: columns 0..T-1 are type counts c_t (integer), columns T..2T-1 are b_t ∈ [0,1] with
 * b_t ≤ c_t; minimising −Σ_{uncovered} b_t finds a valid panel touching as many still-uncovered
 * types as possible (optimum 0 ⇒ those types are on no valid panel).
 */
function buildCoverModel(highs: Highs, prep: Prepared): Model {
  const model = buildQuotaModel(highs, prep);
  const T = prep.types.length;
  const inf = highs.infinity;
  for (let t = 0; t < T; t++) model.addCol(0, 0, 1, { indices: [], values: [] });
  for (let t = 0; t < T; t++) model.addRow(-inf, 0, { indices: [t, T + t], values: [-1, 1] });
  return model;
}

/** See the header comment: exact expansion of grouped panels into explicit panels. */
export function expandTypePanels(
  prep: Prepared,
  typePanels: readonly { counts: readonly number[]; probability: number }[],
): { panels: number[][]; probabilities: number[] } {
  const m = typePanels.length;
  const starts: number[] = [];
  let acc = 0;
  for (const tp of typePanels) {
    starts.push(acc);
    acc += tp.probability;
  }
  const ends = starts.map((s, j) => s + typePanels[j]!.probability);
  if (m > 0) ends[m - 1] = 1;

  // For every (type, count) with 0 < c < |t|: the measure of the panels with that count placed
  // before each panel, the total measure, and the number of window positions L.
  interface Sweep {
    before: Map<number, number>;
    total: number;
    L: number;
  }
  const sweeps = new Map<string, Sweep>();
  const breakpoints: number[] = [...starts, 1];
  typePanels.forEach((tp, j) => {
    tp.counts.forEach((c, t) => {
      const n = prep.types[t]!.members.length;
      if (c <= 0 || c >= n) return;
      const key = `${t}:${c}`;
      let s = sweeps.get(key);
      if (!s) {
        s = { before: new Map(), total: 0, L: n / gcd(n, c) };
        sweeps.set(key, s);
      }
      s.before.set(j, s.total);
      s.total += ends[j]! - starts[j]!;
    });
  });
  // Breakpoints where a sweep moves to its next window position.
  for (const s of sweeps.values()) {
    const entries = [...s.before.entries()]; // in panel order
    let e = 0;
    for (let i = 1; i < s.L; i++) {
      const target = (s.total * i) / s.L;
      while (e + 1 < entries.length && entries[e + 1]![1] <= target) e++;
      const [j, before] = entries[e]!;
      breakpoints.push(starts[j]! + (target - before));
    }
  }
  breakpoints.sort((a, b) => a - b);

  // Members of a type in a fixed scrambled order (hash of the volunteer index), so that windows
  // do not group volunteers who merely signed up one after another.
  const scrambled = new Map<number, number[]>();
  const orderOf = (t: number): number[] => {
    let order = scrambled.get(t);
    if (!order) {
      order = prep.types[t]!.members
        .map((i) => ({ i, h: cyrb128(`member:${i}`)[0] }))
        .sort((a, b) => a.h - b.h || a.i - b.i)
        .map((x) => x.i);
      scrambled.set(t, order);
    }
    return order;
  };

  const byKey = new Map<string, number>();
  const panels: number[][] = [];
  const probabilities: number[] = [];
  let j = 0;
  for (let b = 0; b + 1 < breakpoints.length; b++) {
    const lo = breakpoints[b]!;
    const hi = breakpoints[b + 1]!;
    if (hi - lo <= 1e-15) continue;
    const mid = (lo + hi) / 2;
    while (j + 1 < m && ends[j]! <= mid) j++;
    const tp = typePanels[j]!;
    const panel: number[] = [];
    tp.counts.forEach((c, t) => {
      if (c <= 0) return;
      const members = orderOf(t);
      const n = members.length;
      if (c >= n) {
        panel.push(...members);
        return;
      }
      const s = sweeps.get(`${t}:${c}`)!;
      const rho = (s.before.get(j)! + (mid - starts[j]!)) / s.total;
      const pos = Math.min(s.L - 1, Math.max(0, Math.floor(rho * s.L)));
      const start = (pos * c) % n;
      for (let r = 0; r < c; r++) panel.push(members[(start + r) % n]!);
    });
    panel.sort((x, y) => x - y);
    const key = panel.join(',');
    const existing = byKey.get(key);
    if (existing !== undefined) {
      probabilities[existing]! += hi - lo;
    } else {
      byKey.set(key, panels.length);
      panels.push(panel);
      probabilities.push(hi - lo);
    }
  }
  const total = probabilities.reduce((a, b) => a + b, 0);
  return { panels, probabilities: probabilities.map((p) => p / total) };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
