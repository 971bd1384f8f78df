import type { ReferenceProportions } from '../profile/schema';
import { balanceCategories, categoryValues, PREFER_NOT, type BalanceCategory } from './answers';

/**
 * "Who is missing": how many sign-ups have each value of each category, beside the town's reference share.
 * Pure, so the server and the tests share it. Groups smaller than SMALL_GROUP (nobody included) are
 * withheld: their count is null and the page says "fewer than 5".
 */
export const SMALL_GROUP = 5;

export interface MissingRow {
  value: string;
  /** Sign-ups with this value; null when fewer than SMALL_GROUP. */
  count: number | null;
  /** The town's share for this value, 0–1 (the profile holds percentages), or null when it has none. */
  reference: number | null;
}

export interface MissingCategory {
  category: BalanceCategory;
  /** Every sign-up in scope (the denominator of the shares). */
  total: number;
  rows: MissingRow[];
}

/**
 * The answer of GET /api/v1/staff/panels/missing[?panel=ID]:
 * `{ panel: id | null, total, referenceSource: string | null, categories: MissingCategory[] }`,
 * one category per balance category (ageBand, gender, ethnicity by its 5 groups, disability, ward, religion),
 * each with one row per value in the order of the answer lists, "prefer not to say" last.
 */
export interface MissingAnswer {
  panel: string | null;
  total: number;
  referenceSource: string | null;
  categories: MissingCategory[];
}

export function whoIsMissing(input: {
  panel: string | null;
  /** One entry per sign-up: its value in each category (see `valuesOf`). */
  pool: readonly Record<BalanceCategory, string>[];
  wards: readonly { id: string }[];
  reference?: ReferenceProportions | undefined;
}): MissingAnswer {
  const total = input.pool.length;
  const categories = balanceCategories.map((category): MissingCategory => {
    const counts = new Map<string, number>();
    for (const member of input.pool) counts.set(member[category], (counts.get(member[category]) ?? 0) + 1);
    const shares = input.reference?.categories[category];
    const rows = categoryValues(category, input.wards).map((value): MissingRow => {
      const n = counts.get(value) ?? 0;
      const share = shares?.[value];
      return { value, count: n < SMALL_GROUP ? null : n, reference: share === undefined || value === PREFER_NOT ? null : share / 100 };
    });
    // With the total known, one withheld group alone could be worked out from the others: withhold the
    // next smallest too.
    if (rows.filter((r) => r.count === null).length === 1) {
      const shown = rows.filter((r) => r.count !== null).sort((a, b) => (a.count ?? 0) - (b.count ?? 0));
      if (shown[0]) shown[0].count = null;
    }
    return { category, total, rows };
  });
  return { panel: input.panel, total, referenceSource: input.reference?.source ?? null, categories };
}
