/**
 * Reproducible draw of one panel (and an ordered reserve list) from a published distribution.
 *
 * Procedure, fixed so anyone can re-run it:
 *  1. rng = createRng(seed)  (sfc32 seeded with cyrb128 of the seed string, see prng.ts);
 *  2. u = rng.random(); the panel is the first j (in the order of `distribution.panels`) whose
 *     cumulative probability exceeds u · Σ probabilities;
 *  3. reserves: from the volunteers not on the panel with a positive selection probability, draw
 *     `reserves` volunteers one by one *without replacement*, each time with probability
 *     proportional to their marginal selection probability, continuing with the same rng
 *     (u = rng.random(), walk the candidates in index order). Reserve 1 is the first drawn.
 *     Under maximin every selectable volunteer has (nearly) the same marginal, so this is close to
 *     a uniform random order of the remaining volunteers; reserves are a ranked list, not a
 *     quota-balanced panel (replace a drop-out with the first reserve whose values keep the quotas).
 */
import { createRng, PRNG_NAME } from './prng';

export interface DrawableDistribution {
  panels: number[][];
  probabilities: number[];
  /** Per-volunteer selection probabilities; computed from the panels when absent. */
  marginals?: number[];
}

export interface DrawResult {
  /** Index of the drawn panel in `distribution.panels`. */
  panelIndex: number;
  /** Volunteer indices, ascending. */
  panel: number[];
  /** Volunteer indices in reserve order (first = first reserve). */
  reserves: number[];
  seed: string;
  /** The uniform number used for the panel draw, for the record. */
  u: number;
  prng: string;
}

export function drawPanel(distribution: DrawableDistribution, seed: string, options: { reserves?: number } = {}): DrawResult {
  const { panels, probabilities } = distribution;
  if (panels.length === 0 || panels.length !== probabilities.length) throw new Error('drawPanel: empty or inconsistent distribution');
  const rng = createRng(seed);
  const u = rng.random();
  const total = probabilities.reduce((a, p) => a + Math.max(0, p), 0);
  const target = u * total;
  let panelIndex = -1;
  let acc = 0;
  let lastPositive = -1;
  for (let j = 0; j < probabilities.length; j++) {
    const p = Math.max(0, probabilities[j]!);
    if (p <= 0) continue;
    lastPositive = j;
    acc += p;
    if (target < acc) {
      panelIndex = j;
      break;
    }
  }
  if (panelIndex < 0) panelIndex = lastPositive; // rounding at the very top
  if (panelIndex < 0) throw new Error('drawPanel: no panel has positive probability');
  const panel = panels[panelIndex]!.slice().sort((a, b) => a - b);

  const wanted = options.reserves ?? 0;
  const reserves: number[] = [];
  if (wanted > 0) {
    const marginals = distribution.marginals ?? computeMarginals(distribution);
    const onPanel = new Set(panel);
    const candidates: number[] = [];
    const weights: number[] = [];
    marginals.forEach((m, i) => {
      if (m > 0 && !onPanel.has(i)) {
        candidates.push(i);
        weights.push(m);
      }
    });
    let weightLeft = weights.reduce((a, b) => a + b, 0);
    while (reserves.length < wanted && candidates.length > 0) {
      const t = rng.random() * weightLeft;
      let pick = candidates.length - 1;
      let run = 0;
      for (let c = 0; c < candidates.length; c++) {
        run += weights[c]!;
        if (t < run) {
          pick = c;
          break;
        }
      }
      reserves.push(candidates[pick]!);
      weightLeft -= weights[pick]!;
      candidates.splice(pick, 1);
      weights.splice(pick, 1);
      if (candidates.length > 0 && !(weightLeft > 0)) weightLeft = weights.reduce((a, b) => a + b, 0);
    }
  }
  return { panelIndex, panel, reserves, seed, u, prng: PRNG_NAME };
}

export function computeMarginals(distribution: { panels: number[][]; probabilities: number[] }): number[] {
  const marginals: number[] = [];
  distribution.panels.forEach((panel, j) => {
    const p = distribution.probabilities[j] ?? 0;
    for (const i of panel) {
      while (marginals.length <= i) marginals.push(0);
      marginals[i]! += p;
    }
  });
  return marginals;
}
