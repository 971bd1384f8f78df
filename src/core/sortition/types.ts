/** Shared types for fair panel selection (sortition). Pure data, no runtime dependencies. */

export interface QuotaValue {
  /** The feature value, e.g. "female". Compared exactly with volunteers' features. */
  value: string;
  /** Minimum number of panel members with this value (integer ≥ 0). */
  min: number;
  /** Maximum number of panel members with this value (integer ≥ min). */
  max: number;
}

export interface Category {
  /** Category name, e.g. "gender"; the key in each volunteer's `features`. */
  name: string;
  values: QuotaValue[];
}

export interface Volunteer {
  id: string;
  /** category name → value. Keys that are not a category name are ignored. */
  features: Record<string, string>;
}

export interface SortitionInstance {
  /** Panel size. */
  k: number;
  categories: Category[];
  volunteers: Volunteer[];
}

/**
 * A reason why no panel meets the quotas. Structured so that the UI can translate it.
 * `category` / `value` are the names from the instance.
 */
export type FeasibilityReason =
  /** k is not a positive integer. */
  | { code: 'invalid-panel-size'; k: number }
  /** A quota's min/max is not a non-negative integer. */
  | { code: 'invalid-quota'; category: string; value: string; min: number; max: number }
  /** A quota's min is larger than its max. */
  | { code: 'min-above-max'; category: string; value: string; min: number; max: number }
  /** Fewer eligible volunteers than seats. */
  | { code: 'pool-too-small'; k: number; available: number }
  /** A value's min exceeds the number of eligible volunteers having that value. */
  | { code: 'quota-too-high'; category: string; value: string; min: number; available: number }
  /** The mins of one category add up to more than k. */
  | { code: 'quotas-sum-above-k'; category: string; sumMin: number; k: number }
  /**
   * The maxes of one category add up to less than k. `sumMax` counts each value's max capped at
   * the number of eligible volunteers having it; `limitedByAvailability` says whether that cap
   * mattered (i.e. the plain sum of maxes is ≥ k, but there are not enough such volunteers).
   */
  | { code: 'quotas-sum-below-k'; category: string; sumMax: number; k: number; limitedByAvailability: boolean }
  /**
   * Every single check passes but the quotas of different categories cannot be met together.
   * `conflict`, when present, is a small set of quota bounds that already contradict each other
   * (from an irreducible infeasible subsystem of the LP relaxation); `bound: 'k'` stands for the
   * panel size itself.
   */
  | {
      code: 'no-panel';
      conflict?: { category: string; value: string; bound: 'min' | 'max' }[];
      panelSizeInConflict?: boolean;
    };

/** Not fatal, but worth showing to staff. */
export type FeasibilityWarning =
  /**
   * The volunteer's value for a category is missing or not one of the category's values. Such a
   * volunteer is ineligible: never selected.
   */
  | { code: 'volunteer-value-unknown'; volunteer: number; id: string; category: string; value: string | null }
  /** Two volunteers share an id (indices are used internally, so this is only a data smell). */
  | { code: 'duplicate-volunteer-id'; volunteer: number; id: string };

export interface FeasibilityResult {
  feasible: boolean;
  reasons: FeasibilityReason[];
  warnings: FeasibilityWarning[];
  /** One quota-satisfying panel (volunteer indices, ascending), when feasible and the MIP ran. */
  examplePanel?: number[];
}

/** Progress of the column generation. `bound` ≥ optimum ≥ `value`. */
export interface MaximinProgress {
  iteration: number;
  /** Best proven upper bound on the achievable minimum selection probability. */
  bound: number;
  /** Minimum selection probability achieved by the panels found so far. */
  value: number;
  /** Number of (grouped) panels in the master LP. */
  columns: number;
  phase: 'cover' | 'optimise';
}

/**
 * A probability distribution over quota-satisfying panels (a "lottery").
 * `panels[j]` (ascending volunteer indices) is selected with probability `probabilities[j]`.
 */
export interface PanelDistribution {
  panels: number[][];
  probabilities: number[];
  /** Selection probability of each volunteer (same order as `instance.volunteers`). */
  marginals: number[];
  /**
   * Minimum of `marginals` over the volunteers that can be on at least one quota-satisfying panel
   * (see `unselectable`).
   */
  minProbability: number;
  iterations: number;
}

export interface MaximinResult extends PanelDistribution {
  method: 'maximin';
  /** True when column generation proved optimality within the tolerance. */
  optimal: boolean;
  /** Proven upper bound on the best achievable minimum probability. */
  upperBound: number;
  /**
   * Volunteers that are on no quota-satisfying panel at all (including ineligible ones); their
   * probability is 0 under every method and they are excluded from `minProbability`.
   */
  unselectable: number[];
  /**
   * The optimum in grouped form: volunteers with identical values in every category ("types")
   * are interchangeable. `typePanels[j].counts[t]` members of type t (listed in `types[t]`), chosen
   * uniformly, form a panel drawn with probability `typePanels[j].probability`. `panels` is an
   * exact expansion of this (see maximin.ts).
   */
  types: number[][];
  typePanels: { counts: number[]; probability: number }[];
  timeMs: number;
  /** Where the time went (milliseconds). */
  stats: {
    coverMs: number;
    masterMs: number;
    masterSimplexIterations: number;
    pricingMs: number;
    heuristicMs: number;
    heuristicColumns: number;
    expandMs: number;
  };
  warnings: FeasibilityWarning[];
}
