/**
 * Seeded synthetic pools for tests and benchmarks (no real people).
 */
import { createRng, type Rng } from './prng';
import type { Category, SortitionInstance, Volunteer } from './types';

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.random() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Quotas from the pool's proportions: for each value with share s, min = floor(s·k − margin) and
 * max = ceil(s·k + margin) (clamped to [0, k] and to the number of volunteers having it).
 */
export function proportionalQuotas(
  volunteers: readonly Volunteer[],
  categoryValues: readonly { name: string; values: readonly string[] }[],
  k: number,
  margin: number,
): Category[] {
  const n = volunteers.length;
  return categoryValues.map(({ name, values }) => ({
    name,
    values: values.map((value) => {
      const have = volunteers.filter((v) => v.features[name] === value).length;
      const share = n > 0 ? have / n : 0;
      const min = Math.min(have, Math.max(0, Math.floor(share * k - margin)));
      const max = Math.min(k, have, Math.max(min, Math.ceil(share * k + margin)));
      return { value, min, max };
    }),
  }));
}

/**
 * A pool like a real recruitment: 4 categories, 30 values, skewed and correlated
 * (occupation depends on age). Quotas: pool proportions ± `margin` seats.
 */
export function syntheticPool(options: { n: number; k: number; seed: string; margin?: number }): SortitionInstance {
  const rng = createRng(options.seed);
  const gender = { name: 'gender', values: ['female', 'male', 'non-binary'], weights: [0.5, 0.47, 0.03] };
  const age = { name: 'age', values: ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'], weights: [0.1, 0.15, 0.17, 0.18, 0.18, 0.22] };
  const region = {
    name: 'region',
    values: ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west', 'centre'],
    weights: [0.08, 0.05, 0.12, 0.2, 0.1, 0.09, 0.07, 0.11, 0.18],
  };
  const occupations = [
    'student', 'retired', 'manual', 'services', 'care', 'education',
    'health', 'office', 'management', 'self-employed', 'unemployed', 'home-maker',
  ];
  const occWeights = (ageIndex: number): number[] => {
    const w = [0.02, 0.01, 0.12, 0.14, 0.08, 0.07, 0.08, 0.16, 0.08, 0.1, 0.07, 0.07];
    if (ageIndex === 0) w[0] = 0.6;
    if (ageIndex === 1) w[0] = 0.08;
    if (ageIndex >= 4) w[1] = ageIndex === 5 ? 2.5 : 0.25;
    return w;
  };
  const volunteers: Volunteer[] = [];
  for (let i = 0; i < options.n; i++) {
    const a = pickWeighted(rng, age.weights);
    volunteers.push({
      id: `v${i + 1}`,
      features: {
        gender: gender.values[pickWeighted(rng, gender.weights)]!,
        age: age.values[a]!,
        region: region.values[pickWeighted(rng, region.weights)]!,
        occupation: occupations[pickWeighted(rng, occWeights(a))]!,
      },
    });
  }
  const categories = proportionalQuotas(
    volunteers,
    [gender, age, region, { name: 'occupation', values: occupations }],
    options.k,
    options.margin ?? 1,
  );
  return { k: options.k, categories, volunteers };
}

/**
 * Small random instance for property tests: 1–3 categories with 2–4 values, n volunteers with
 * skewed random values, and quotas around *other* random target shares (± a random margin), so
 * that some volunteers are over-represented in the pool and some instances are infeasible.
 */
export function randomSmallInstance(seed: string, options: { maxN?: number } = {}): SortitionInstance {
  const rng = createRng(seed);
  const maxN = options.maxN ?? 40;
  const n = 6 + rng.int(Math.max(1, maxN - 5));
  const k = 2 + rng.int(Math.max(1, Math.min(10, n - 2)));
  const nCats = 1 + rng.int(3);
  const cats = Array.from({ length: nCats }, (_, c) => {
    const values = Array.from({ length: 2 + rng.int(3) }, (_, v) => `v${v}`);
    return { name: `c${c}`, values, weights: values.map(() => 0.2 + rng.random()) };
  });
  const volunteers: Volunteer[] = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    features: Object.fromEntries(cats.map((c) => [c.name, c.values[pickWeighted(rng, c.weights)]!])),
  }));
  const categories: Category[] = cats.map((c) => {
    const target = c.values.map(() => 0.3 + rng.random());
    const total = target.reduce((a, b) => a + b, 0);
    const margin = rng.int(3) * 0.5;
    return {
      name: c.name,
      values: c.values.map((value, v) => {
        const share = target[v]! / total;
        const min = Math.max(0, Math.floor(share * k - margin));
        return { value, min, max: Math.min(k, Math.max(min, Math.ceil(share * k + margin))) };
      }),
    };
  });
  return { k, categories, volunteers };
}
