import { describe, expect, it } from 'vitest';
import { balanceCategories } from '../../src/core/panels/answers';
import { verifySelection, type SelectionRequest } from '../../src/core/panels/selection';
import { checkFeasibility, drawPanel, loadHighs, maximin, panelMeetsQuotas, randomSmallInstance, type SortitionInstance } from '../../src/core/sortition';

/**
 * What the server checks before it records a selection the console computed: on random pools (property
 * tests), a real maximin lottery and its seeded draw pass; every kind of forgery is refused, naming why.
 */
const solver = loadHighs();

/** The random instance with its categories named as the panel categories are (the values stay as they are). */
function asPanelPool(instance: SortitionInstance) {
  const name = (c: string) => balanceCategories[Number(c.slice(1))] ?? 'gender';
  const quotas = instance.categories.map((c) => ({ category: name(c.name), values: c.values.map(({ value, min, max }) => ({ value, min, max })) }));
  const pool = instance.volunteers.map((v) => ({ id: v.id, values: Object.fromEntries(Object.entries(v.features).map(([c, value]) => [name(c), value])) }));
  return { quotas, pool };
}

describe('verifying a posted selection on random pools', () => {
  let checked = 0;
  let offQuotas = 0;
  for (let i = 0; i < 12; i++) {
    it(`pool verify-${i}`, { timeout: 30_000 }, async () => {
      const instance = randomSmallInstance(`verify-${i}`, { maxN: 30 });
      if (!(await checkFeasibility(instance, { solver })).feasible) return;
      checked++;
      const result = await maximin(instance, { solver });
      const seed = `seed-${i}`;
      const reserves = Math.min(3, instance.volunteers.length - instance.k);
      const draw = drawPanel(result, seed, { reserves });
      const { quotas, pool } = asPanelPool(instance);
      const ids = pool.map((m) => m.id);
      const request = {
        method: 'maximin',
        seed,
        k: instance.k,
        quotas,
        volunteers: ids,
        probabilities: result.marginals,
        panels: result.panels,
        weights: result.probabilities,
        draw: { panel: draw.panel.map((x) => ids[x]!), reserves: draw.reserves.map((x) => ids[x]!) },
      } as unknown as SelectionRequest;
      expect(verifySelection(request, pool)).toEqual([]);
      // The probabilities add up to k: each volunteer's is the weight of the panels they are on.
      expect(Math.abs(result.marginals.reduce((a, b) => a + b, 0) - instance.k)).toBeLessThan(1e-6);

      // Another seed's panel, presented as this seed's: refused (when the lottery has more than one panel).
      const other = Array.from({ length: 30 }, (_, s) => drawPanel(result, `other-${i}-${s}`, { reserves })).find(
        (d) => d.panel.join(',') !== draw.panel.join(','),
      );
      if (other) {
        const forged = { ...request, draw: { panel: other.panel.map((x) => ids[x]!), reserves: request.draw.reserves } };
        expect(verifySelection(forged, pool)).toEqual([{ field: 'draw.panel', code: 'draw-mismatch' }]);
      }
      // A lottery panel swapped for one that breaks a quota: refused before any draw is run again.
      const n = instance.volunteers.length;
      const breaking = Array.from({ length: n - instance.k + 1 }, (_, s) => Array.from({ length: instance.k }, (_, j) => s + j)).find(
        (p) => !panelMeetsQuotas(instance, p),
      );
      if (breaking) {
        const offQuota = { ...request, panels: [...request.panels, breaking], weights: [...request.weights.map((w) => w * 0.9), 0.1] };
        expect(verifySelection(offQuota, pool)).toEqual([{ field: 'panels', code: 'quotas-not-met' }]);
        offQuotas++;
      }
      // Someone from outside the pool.
      expect(verifySelection({ ...request, volunteers: [...ids.slice(0, -1), 'stranger'] }, pool)).toEqual([{ field: 'volunteers', code: 'not-in-pool' }]);
    });
  }
  it('covered enough feasible pools', () => {
    expect(checked).toBeGreaterThanOrEqual(4);
    expect(offQuotas).toBeGreaterThanOrEqual(2);
  });
});
