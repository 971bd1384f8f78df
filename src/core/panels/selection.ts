import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { computeMarginals, drawPanel } from '../sortition/draw';
import { panelMeetsQuotas, prepare } from '../sortition/instance';
import type { SortitionInstance } from '../sortition/types';
import type { FieldError } from '../validation';
import type { BalanceCategory } from './answers';
import { PANEL_LIMITS, quotasSchema, type CategoryQuotas } from './panel';

/**
 * A selection as the staff console posts it (POST /api/v1/staff/panels/:id/selections) after computing it
 * in its Worker, and the server's check of it. The server trusts none of it: it rebuilds the instance from
 * its own pool, checks every panel of the lottery against the quotas, and re-runs the seeded draw.
 */

export const selectionMethods = ['maximin', 'greedy'] as const;
export const SELECTION_LIMITS = { volunteers: 20_000, panels: 20_000, seed: 200 } as const;

const Probability = v.pipe(v.number('invalid-type'), v.minValue(0, 'invalid-distribution'), v.maxValue(1 + 1e-9, 'invalid-distribution'));
const Index = v.pipe(v.number('invalid-type'), v.integer('invalid-format'), v.minValue(0, 'invalid-format'));

export const selectionRequest = (profile: Pick<TownProfile, 'wards'>) =>
  v.strictObject({
    method: v.picklist(selectionMethods, 'invalid-choice'),
    /** The draw's seed: anyone can re-run `drawPanel` with it over `panels` and `weights`. */
    seed: v.pipe(v.string('invalid-type'), v.minLength(1, 'required'), v.maxLength(SELECTION_LIMITS.seed, 'too-long')),
    k: v.pipe(v.number('invalid-type'), v.integer('invalid-format'), v.minValue(1, 'invalid-format'), v.maxValue(PANEL_LIMITS.size, 'too-long')),
    quotas: quotasSchema(profile),
    /** The pool in the order the indices below refer to (sign-up ids, from GET /panels/:id/pool). */
    volunteers: v.pipe(v.array(v.string('invalid-type'), 'invalid-type'), v.maxLength(SELECTION_LIMITS.volunteers, 'too-long')),
    /** Each volunteer's selection probability (the lottery's marginals), in `volunteers` order. */
    probabilities: v.array(Probability, 'invalid-type'),
    /** The lottery: panels as indices into `volunteers`, each drawn with its weight. */
    panels: v.pipe(v.array(v.array(Index, 'invalid-type'), 'invalid-type'), v.minLength(1, 'required'), v.maxLength(SELECTION_LIMITS.panels, 'too-long')),
    weights: v.array(Probability, 'invalid-type'),
    /** What the draw gave: the panel and the ranked reserves (sign-up ids). */
    draw: v.strictObject({
      panel: v.array(v.string('invalid-type'), 'invalid-type'),
      reserves: v.pipe(v.array(v.string('invalid-type'), 'invalid-type'), v.maxLength(PANEL_LIMITS.reserves, 'too-long')),
    }),
  });
export type SelectionRequest = v.InferOutput<ReturnType<typeof selectionRequest>>;

/** The sortition instance of a pool under quotas: the categories are the ones the quotas name. */
export function selectionInstance(
  pool: readonly { id: string; values: Partial<Record<BalanceCategory, string>> }[],
  k: number,
  quotas: readonly CategoryQuotas[],
): SortitionInstance {
  return {
    k,
    categories: quotas.map((q) => ({ name: q.category, values: q.values.map(({ value, min, max }) => ({ value, min, max })) })),
    volunteers: pool.map((m) => ({
      id: m.id,
      features: Object.fromEntries(quotas.flatMap((q) => (m.values[q.category] !== undefined ? [[q.category, m.values[q.category] as string]] : []))),
    })),
  };
}

const TOLERANCE = 1e-6;

/**
 * Check a posted selection against the server's own pool (sign-up id → category values). Returns the
 * problems, each naming the field: `volunteers` (someone not in the pool: not-in-pool; someone of the pool
 * left out: required), `panels`/`weights`/`probabilities` (not a distribution: invalid-distribution; a panel
 * off the quotas: quotas-not-met), `draw.panel`/`draw.reserves` (the seeded draw gives something else:
 * draw-mismatch; the drawn panel off the quotas: quotas-not-met).
 */
export function verifySelection(
  request: SelectionRequest,
  pool: readonly { id: string; values: Partial<Record<BalanceCategory, string>> }[],
): FieldError[] {
  const n = request.volunteers.length;
  const poolById = new Map(pool.map((m) => [m.id, m]));
  if (new Set(request.volunteers).size !== n || request.volunteers.some((id) => !poolById.has(id))) return [{ field: 'volunteers', code: 'not-in-pool' }];
  if (n !== pool.length) return [{ field: 'volunteers', code: 'required' }];
  const members = request.volunteers.map((id) => poolById.get(id)!);
  const instance = selectionInstance(members, request.k, request.quotas);
  const prepared = prepare(instance);

  const { panels, weights, probabilities } = request;
  if (weights.length !== panels.length) return [{ field: 'weights', code: 'invalid-distribution' }];
  if (Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > TOLERANCE) return [{ field: 'weights', code: 'invalid-distribution' }];
  if (panels.some((p) => p.some((i) => i >= n))) return [{ field: 'panels', code: 'invalid-format' }];
  if (panels.some((p) => !panelMeetsQuotas(instance, p, prepared))) return [{ field: 'panels', code: 'quotas-not-met' }];
  if (probabilities.length !== n) return [{ field: 'probabilities', code: 'invalid-distribution' }];
  // The marginals are the lottery's: each volunteer's chance is the weight of the panels they are on, so
  // they add up to k.
  const marginals = computeMarginals({ panels, probabilities: weights });
  if (probabilities.some((p, i) => Math.abs(p - (marginals[i] ?? 0)) > TOLERANCE)) return [{ field: 'probabilities', code: 'invalid-distribution' }];

  const draw = drawPanel({ panels, probabilities: weights, marginals: probabilities }, request.seed, { reserves: request.draw.reserves.length });
  const ids = (xs: number[]) => xs.map((i) => request.volunteers[i] ?? '');
  const drawn = ids(draw.panel);
  const posted = new Set(request.draw.panel);
  if (posted.size !== request.draw.panel.length || drawn.length !== posted.size || drawn.some((id) => !posted.has(id))) {
    return [{ field: 'draw.panel', code: 'draw-mismatch' }];
  }
  const reserves = ids(draw.reserves);
  if (reserves.length !== request.draw.reserves.length || reserves.some((id, i) => id !== request.draw.reserves[i])) {
    return [{ field: 'draw.reserves', code: 'draw-mismatch' }];
  }
  return [];
}

/** The smallest selection probability among volunteers who can be selected at all. */
export function minimumProbability(probabilities: readonly number[]): number {
  const positive = probabilities.filter((p) => p > 0);
  return positive.length ? Math.min(...positive) : 0;
}
