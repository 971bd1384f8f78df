/**
 * "Who is missing": the pool's make-up beside the town's reference proportions, and the biggest gaps.
 * Pure: the page turns these numbers into words, charts and tables. The server already withholds groups
 * smaller than SMALL_GROUP (count null); a smaller count that reaches here is withheld all the same.
 */

import { SMALL_GROUP } from '../../../../core/panels/missing';

export interface CountRow {
  value: string;
  /** Sign-ups with this value; null when the server already withheld a small group. */
  count: number | null;
  /** The town's share for this value (0–1), when the profile has one. */
  reference: number | null;
}

export interface ShareRow {
  value: string;
  /** null: fewer than 5 (the count and its share are not shown). */
  count: number | null;
  share: number | null;
  reference: number | null;
  /** Reference share minus pool share (positive: under-represented); null when either is unknown. */
  gap: number | null;
}

/** Nobody counts as a small group too: "fewer than 5" says nothing about whether anyone signed up. */
export const isSmall = (count: number | null): boolean => count === null || count < SMALL_GROUP;

/** Shares of the pool per value, with small groups withheld. `total` counts everyone in the category. */
export function shareRows(rows: readonly CountRow[], total: number): ShareRow[] {
  return rows.map((r) => {
    if (isSmall(r.count)) {
      // A small group is at most 4 people: its share is below 5/total, so it is at least this far below the town.
      const upper = total > 0 ? (SMALL_GROUP - 1) / total : null;
      return { value: r.value, count: null, share: null, reference: r.reference, gap: r.reference !== null && upper !== null ? Math.max(0, r.reference - upper) : null };
    }
    const count = r.count ?? 0;
    const share = total > 0 ? count / total : 0;
    return { value: r.value, count, share, reference: r.reference, gap: r.reference === null ? null : r.reference - share };
  });
}

export interface Gap {
  category: string;
  value: string;
  share: number | null;
  reference: number;
  gap: number;
}

/**
 * The values most under-represented in the pool, across categories, largest gap first. Only gaps of at
 * least `minGap` (default 2 percentage points) are named, so rounding noise is not called a gap.
 */
export function biggestGaps(categories: readonly { category: string; rows: readonly ShareRow[] }[], limit = 3, minGap = 0.02): Gap[] {
  const gaps: Gap[] = [];
  for (const c of categories) {
    for (const r of c.rows) {
      if (r.reference === null || r.gap === null || r.gap < minGap) continue;
      gaps.push({ category: c.category, value: r.value, share: r.share, reference: r.reference, gap: r.gap });
    }
  }
  return gaps.sort((a, b) => b.gap - a.gap || a.category.localeCompare(b.category) || a.value.localeCompare(b.value)).slice(0, limit);
}
