/** Does any panel of size k meet all quotas? If not, why not (in structured, translatable form)? */
import { prepare, type Prepared } from './instance';
import { buildQuotaModel, countsMeetQuotas, MODEL_STATUS, resolveSolver, roundCounts, type Highs, type SolverSource } from './solver';
import type { FeasibilityReason, FeasibilityResult, SortitionInstance } from './types';

const isCount = (x: number): boolean => Number.isInteger(x) && x >= 0;

/**
 * Cheap arithmetic checks, no solver needed (usable for live feedback while staff edit quotas).
 * Any reason returned here is conclusive: no panel exists.
 */
export function arithmeticChecks(instance: SortitionInstance, prepared?: Prepared): FeasibilityReason[] {
  const prep = prepared ?? prepare(instance);
  const reasons: FeasibilityReason[] = [];
  const k = instance.k;
  if (!Number.isInteger(k) || k < 1) return [{ code: 'invalid-panel-size', k }];
  let quotasValid = true;
  for (const q of prep.quotas) {
    if (!isCount(q.min) || !isCount(q.max)) {
      reasons.push({ code: 'invalid-quota', category: q.category, value: q.value, min: q.min, max: q.max });
      quotasValid = false;
    } else if (q.min > q.max) {
      reasons.push({ code: 'min-above-max', category: q.category, value: q.value, min: q.min, max: q.max });
      quotasValid = false;
    }
  }
  if (prep.eligibleCount < k) reasons.push({ code: 'pool-too-small', k, available: prep.eligibleCount });
  if (!quotasValid) return reasons;
  for (let r = 0; r < prep.quotas.length; r++) {
    const q = prep.quotas[r]!;
    const available = prep.available[r] ?? 0;
    if (q.min > available) reasons.push({ code: 'quota-too-high', category: q.category, value: q.value, min: q.min, available });
  }
  instance.categories.forEach((cat, ci) => {
    const rows = prep.categoryRows[ci] ?? [];
    let sumMin = 0;
    let sumMax = 0;
    let sumCapped = 0;
    for (const r of rows) {
      const q = prep.quotas[r]!;
      sumMin += q.min;
      sumMax += q.max;
      sumCapped += Math.min(q.max, prep.available[r] ?? 0);
    }
    if (sumMin > k) reasons.push({ code: 'quotas-sum-above-k', category: cat.name, sumMin, k });
    if (sumCapped < k) {
      reasons.push({ code: 'quotas-sum-below-k', category: cat.name, sumMax: sumCapped, k, limitedByAvailability: sumMax >= k });
    }
  });
  return reasons;
}

/**
 * Full check: arithmetic first, then a MIP over volunteer types (HiGHS). When the MIP is infeasible
 * the reason is `no-panel`, with a conflicting set of quota bounds when the solver can find one.
 */
export async function checkFeasibility(
  instance: SortitionInstance,
  options: { solver?: SolverSource } = {},
): Promise<FeasibilityResult> {
  const prep = prepare(instance);
  const reasons = arithmeticChecks(instance, prep);
  if (reasons.length > 0) return { feasible: false, reasons, warnings: prep.warnings };
  const highs = await resolveSolver(options.solver);
  const res = findTypePanel(highs, prep);
  if (res.counts) {
    return { feasible: true, reasons: [], warnings: prep.warnings, examplePanel: expandFirst(prep, res.counts) };
  }
  return { feasible: false, reasons: [explainNoPanel(highs, prep)], warnings: prep.warnings };
}

/** Solves the type-count MIP with zero objective. Returns counts or null when infeasible. */
export function findTypePanel(highs: Highs, prep: Prepared): { counts: number[] | null } {
  const model = buildQuotaModel(highs, prep);
  try {
    model.run();
    const status = model.getModelStatus();
    if (status === MODEL_STATUS.optimal) {
      const counts = roundCounts(model.getSolution().colValue, prep.types.length);
      if (countsMeetQuotas(prep, counts)) return { counts };
      throw new Error('HiGHS returned a panel that violates the quotas');
    }
    if (status === MODEL_STATUS.infeasible || status === MODEL_STATUS.unboundedOrInfeasible) return { counts: null };
    throw new Error(`HiGHS feasibility MIP ended with model status ${status}`);
  } finally {
    model.dispose();
  }
}

function expandFirst(prep: Prepared, counts: readonly number[]): number[] {
  const panel: number[] = [];
  prep.types.forEach((t, i) => panel.push(...t.members.slice(0, counts[i] ?? 0)));
  return panel.sort((a, b) => a - b);
}

/** Tries to name a small set of conflicting quota bounds via an IIS of the LP relaxation. */
export function explainNoPanel(highs: Highs, prep: Prepared): FeasibilityReason {
  const model = buildQuotaModel(highs, prep, undefined, false);
  try {
    // iis_strategy 6 = from the LP, irreducible (HiGHS's "row priority" strategy)
    model.options.set({ presolve: 'off', iis_strategy: 6 });
    model.run();
    if (model.getModelStatus() !== MODEL_STATUS.infeasible) return { code: 'no-panel' };
    const iis = model.getIis();
    const conflict: { category: string; value: string; bound: 'min' | 'max' }[] = [];
    let panelSizeInConflict = false;
    iis.rowIndex.forEach((row, j) => {
      const bound = iis.rowBound[j];
      const q = prep.quotas[row];
      if (!q) {
        panelSizeInConflict = true;
        return;
      }
      // 2 = lower bound (min) in conflict, 3 = upper bound (max), 4 = both / boxed
      if (bound === 2 || bound === 4) conflict.push({ category: q.category, value: q.value, bound: 'min' });
      if (bound === 3 || bound === 4) conflict.push({ category: q.category, value: q.value, bound: 'max' });
    });
    return conflict.length > 0 ? { code: 'no-panel', conflict, panelSizeInConflict } : { code: 'no-panel' };
  } catch {
    return { code: 'no-panel' };
  } finally {
    model.dispose();
  }
}

/** Thrown by `maximin` when no panel meets the quotas; `reasons` as in `checkFeasibility`. */
export class SortitionInfeasibleError extends Error {
  readonly reasons: FeasibilityReason[];
  constructor(reasons: FeasibilityReason[]) {
    super(`No panel meets the quotas: ${reasons.map((r) => r.code).join(', ')}`);
    this.name = 'SortitionInfeasibleError';
    this.reasons = reasons;
  }
}
