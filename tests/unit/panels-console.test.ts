import { describe, expect, it } from 'vitest';
import { arithmeticChecks, syntheticPool } from '../../src/core/sortition';
import { biggestGaps, shareRows } from '../../src/app/routes/admin/panels/gaps';
import { buildInstance, newSeed, suggestQuotas, type PoolMember } from '../../src/app/routes/admin/panels/quotaPlan';

/** The console's pure panel logic: who is missing (shares, small groups, gaps) and suggested quotas. */
describe('who is missing', () => {
  it('shows shares of everyone in the category, never a count or share for fewer than 5', () => {
    const rows = shareRows(
      [
        { value: '16-17', count: null, reference: 0.1 },
        { value: '18-24', count: 4, reference: 0.14 },
        { value: '25-34', count: 96, reference: 0.2 },
      ],
      100,
    );
    expect(rows[0]).toMatchObject({ count: null, share: null });
    expect(rows[1]).toMatchObject({ count: null, share: null });
    expect(rows[2]).toMatchObject({ count: 96, share: 0.96 });
    expect(rows[2]?.gap).toBeCloseTo(0.2 - 0.96, 9);
    // A withheld group is at most 4 of 100: it is at least 14% − 4% below the town.
    expect(rows[1]?.gap).toBeCloseTo(0.1, 9);
  });

  it('names the biggest gaps first, across categories, and not differences within rounding', () => {
    const age = shareRows(
      [
        { value: '18-24', count: 8, reference: 0.14 },
        { value: '25-34', count: 92, reference: 0.16 },
      ],
      100,
    );
    const gender = shareRows(
      [
        { value: 'woman', count: 49, reference: 0.5 },
        { value: 'man', count: 51, reference: 0.5 },
      ],
      100,
    );
    const ward = shareRows([{ value: 'biscot', count: 10, reference: null }], 100);
    const gaps = biggestGaps([
      { category: 'ageBand', rows: age },
      { category: 'gender', rows: gender },
      { category: 'ward', rows: ward },
    ]);
    expect(gaps.map((g) => `${g.category}:${g.value}`)).toEqual(['ageBand:18-24']);
    expect(gaps[0]).toMatchObject({ share: 0.08, reference: 0.14 });
  });
});

describe('suggested quotas', () => {
  const pool = (counts: Record<string, number>): PoolMember[] =>
    Object.entries(counts).flatMap(([value, n]) => Array.from({ length: n }, (_, i) => ({ id: `${value}-${i}`, values: { gender: value } })));

  it('follow the town where the profile has figures, a seat either side, within what the pool has', () => {
    const members = pool({ woman: 10, man: 30, 'non-binary': 2, 'prefer-not-to-say': 8 });
    const q = suggestQuotas('gender', ['woman', 'man', 'non-binary', 'prefer-not-to-say'], members, 10, { woman: 0.5, man: 0.48, 'non-binary': 0.02 });
    // 42 of 50 answered: 8.4 seats follow the town's shares (woman 4.2, man 4.0, non-binary 0.2).
    expect(q).toEqual([
      { value: 'woman', min: 3, max: 6, available: 10 },
      { value: 'man', min: 3, max: 6, available: 30 },
      { value: 'non-binary', min: 0, max: 2, available: 2 },
      { value: 'prefer-not-to-say', min: 0, max: 8, available: 8 },
    ]);
  });

  it("follow the pool's own make-up when the profile has none, and can always be met", () => {
    const instance = syntheticPool({ n: 300, k: 30, seed: 'console quotas' });
    const members: PoolMember[] = instance.volunteers.map((v) => ({ id: v.id, values: v.features }));
    const quotas = instance.categories.map((c) => ({ category: c.name, values: suggestQuotas(c.name, c.values.map((x) => x.value), members, 30) }));
    for (const c of quotas) for (const v of c.values) expect(v.min).toBeLessThanOrEqual(v.max);
    expect(arithmeticChecks(buildInstance(members, 30, quotas))).toEqual([]);
  });

  it('build the instance from the chosen categories only, keeping the sign-up ids', () => {
    const members: PoolMember[] = [{ id: 'a', values: { gender: 'woman', ageBand: '18-24' } }];
    const instance = buildInstance(members, 1, [{ category: 'gender', values: [{ value: 'woman', min: 0, max: 1, available: 1 }] }]);
    expect(instance).toEqual({ k: 1, categories: [{ name: 'gender', values: [{ value: 'woman', min: 0, max: 1 }] }], volunteers: [{ id: 'a', features: { gender: 'woman' } }] });
  });

  it('seeds are 16 hex digits and differ between runs', () => {
    const a = newSeed();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(newSeed()).not.toBe(a);
  });
});
