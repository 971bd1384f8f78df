/**
 * Fast heuristic pricing for the column generation: steepest-ascent local search over type-count
 * panels with "swap one member of type a for one of type b" moves that keep every quota met.
 * It only has to find *some* panel with positive reduced cost; the exact MIP is used when it fails
 * (and to prove optimality), so the heuristic never affects correctness, only speed.
 */
import type { Prepared } from './instance';

export class PanelSearch {
  private readonly T: number;
  private readonly capacity: Int32Array;
  private readonly rows: Int32Array[];
  private readonly min: Int32Array;
  private readonly max: Int32Array;

  constructor(prep: Prepared, capacity: readonly number[]) {
    this.T = prep.types.length;
    this.capacity = Int32Array.from(capacity);
    this.rows = prep.types.map((t) => Int32Array.from(t.quotaRows));
    this.min = Int32Array.from(prep.quotas.map((q) => q.min));
    this.max = Int32Array.from(prep.quotas.map((q) => q.max));
  }

  /**
   * Improves a valid panel (type counts) for the objective Σ weight[t]·c_t. `order` must list the
   * types by decreasing weight. Returns the local optimum (a new array).
   */
  improve(start: readonly number[], weight: Float64Array, order: Int32Array, maxMoves = 10000): number[] {
    const { T, capacity, rows, min, max } = this;
    const counts = Int32Array.from(start);
    const rowCount = new Int32Array(min.length);
    for (let t = 0; t < T; t++) {
      const c = counts[t]!;
      if (c > 0) for (const r of rows[t]!) rowCount[r]! += c;
    }
    const members: number[] = [];
    for (let t = 0; t < T; t++) if (counts[t]! > 0) members.push(t);
    for (let move = 0; move < maxMoves; move++) {
      let bestDelta = 1e-12;
      let bestA = -1;
      let bestB = -1;
      for (const a of members) {
        const wa = weight[a]!;
        const ra = rows[a]!;
        for (let oi = 0; oi < T; oi++) {
          const b = order[oi]!;
          const delta = weight[b]! - wa;
          if (delta <= bestDelta) break;
          if (b === a || counts[b]! >= capacity[b]!) continue;
          const rb = rows[b]!;
          let ok = true;
          for (let c = 0; c < ra.length; c++) {
            const x = ra[c]!;
            const z = rb[c]!;
            if (x !== z && (rowCount[x]! - 1 < min[x]! || rowCount[z]! + 1 > max[z]!)) {
              ok = false;
              break;
            }
          }
          if (ok) {
            bestDelta = delta;
            bestA = a;
            bestB = b;
            break; // order is by decreasing weight: first valid b is the best for this a
          }
        }
      }
      if (bestA < 0) break;
      counts[bestA]!--;
      counts[bestB]!++;
      for (const r of rows[bestA]!) rowCount[r]!--;
      for (const r of rows[bestB]!) rowCount[r]!++;
      if (counts[bestA] === 0) members.splice(members.indexOf(bestA), 1);
      if (counts[bestB] === 1) members.push(bestB);
    }
    return Array.from(counts);
  }
}
