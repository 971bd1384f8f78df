/** Preprocessing shared by the feasibility check, maximin and greedy. */
import type { FeasibilityWarning, SortitionInstance } from './types';

/** One (category, value) quota, flattened. */
export interface QuotaRow {
  category: string;
  value: string;
  categoryIndex: number;
  min: number;
  max: number;
}

/** Volunteers with identical values in every category. */
export interface VolunteerType {
  /** Volunteer indices, ascending. */
  members: number[];
  /** Index into `Prepared.quotas` of this type's value, one per category. */
  quotaRows: number[];
}

export interface Prepared {
  n: number;
  k: number;
  quotas: QuotaRow[];
  /** quota row indices of each category */
  categoryRows: number[][];
  /** Per volunteer: quota row per category, or null when ineligible. */
  volunteerRows: (number[] | null)[];
  types: VolunteerType[];
  /** Per volunteer: type index, or -1 when ineligible. */
  typeOf: Int32Array;
  eligibleCount: number;
  /** Eligible volunteers having each quota value. */
  available: number[];
  warnings: FeasibilityWarning[];
}

/**
 * Maps volunteers onto quota rows and groups them by type. A volunteer whose value for some
 * category is missing or unknown is ineligible (warning `volunteer-value-unknown`).
 */
export function prepare(instance: SortitionInstance): Prepared {
  const quotas: QuotaRow[] = [];
  const categoryRows: number[][] = [];
  const lookup: Map<string, number>[] = [];
  instance.categories.forEach((cat, ci) => {
    const rows: number[] = [];
    const map = new Map<string, number>();
    for (const v of cat.values) {
      if (map.has(v.value)) continue; // duplicate value line: first one wins
      map.set(v.value, quotas.length);
      rows.push(quotas.length);
      quotas.push({ category: cat.name, value: v.value, categoryIndex: ci, min: v.min, max: v.max });
    }
    categoryRows.push(rows);
    lookup.push(map);
  });

  const warnings: FeasibilityWarning[] = [];
  const seenIds = new Set<string>();
  const volunteerRows: (number[] | null)[] = [];
  const typeOf = new Int32Array(instance.volunteers.length).fill(-1);
  const typeIndex = new Map<string, number>();
  const types: VolunteerType[] = [];
  const available = new Array<number>(quotas.length).fill(0);
  let eligibleCount = 0;

  instance.volunteers.forEach((vol, i) => {
    if (seenIds.has(vol.id)) warnings.push({ code: 'duplicate-volunteer-id', volunteer: i, id: vol.id });
    seenIds.add(vol.id);
    const rows: number[] = [];
    let ok = true;
    instance.categories.forEach((cat, ci) => {
      const raw = Object.prototype.hasOwnProperty.call(vol.features, cat.name) ? vol.features[cat.name] : undefined;
      const row = raw === undefined ? undefined : lookup[ci]?.get(raw);
      if (row === undefined) {
        ok = false;
        warnings.push({ code: 'volunteer-value-unknown', volunteer: i, id: vol.id, category: cat.name, value: raw ?? null });
      } else {
        rows.push(row);
      }
    });
    if (!ok) {
      volunteerRows.push(null);
      return;
    }
    volunteerRows.push(rows);
    eligibleCount++;
    for (const r of rows) available[r] = (available[r] ?? 0) + 1;
    const key = rows.join(',');
    let t = typeIndex.get(key);
    if (t === undefined) {
      t = types.length;
      typeIndex.set(key, t);
      types.push({ members: [], quotaRows: rows });
    }
    types[t]!.members.push(i);
    typeOf[i] = t;
  });

  return {
    n: instance.volunteers.length,
    k: instance.k,
    quotas,
    categoryRows,
    volunteerRows,
    types,
    typeOf,
    eligibleCount,
    available,
    warnings,
  };
}

/** True when `panel` (volunteer indices) has exactly k distinct eligible members and meets every quota. */
export function panelMeetsQuotas(instance: SortitionInstance, panel: readonly number[], prepared?: Prepared): boolean {
  const p = prepared ?? prepare(instance);
  if (panel.length !== p.k || new Set(panel).size !== panel.length) return false;
  const counts = new Array<number>(p.quotas.length).fill(0);
  for (const i of panel) {
    const rows = p.volunteerRows[i];
    if (!rows) return false;
    for (const r of rows) counts[r] = (counts[r] ?? 0) + 1;
  }
  return p.quotas.every((q, r) => (counts[r] ?? 0) >= q.min && (counts[r] ?? 0) <= q.max);
}
