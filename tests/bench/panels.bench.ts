import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { v7 as uuidv7 } from 'uuid';
import { whoIsMissing } from '../../src/core/panels/missing';
import { verifySelection, type SelectionRequest } from '../../src/core/panels/selection';
import { lutonProfile } from '../../src/core/profile/luton';
import { drawPanel, loadHighs, maximin, syntheticPool } from '../../src/core/sortition';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/connect';
import { seedPanels } from '../../src/server/demo/panels';
import { consoleLog } from '../../src/server/log';
import { poolValues } from '../../src/server/records/panelQueries';
import { fmt, median } from './stats';

const BATCH = 200;
const BATCHES = 20;

/**
 * Panel sign-ups: the sync endpoint's rate for sign-ups (each checked against its panels in the batch's
 * transaction), "who is missing" over 20,000 sign-ups, and the server's check of a posted selection.
 */
export async function benchPanels(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-panels-'));
  const db = await openDatabase({ dataDir: dir });
  const lines: string[] = [];
  try {
    const app = createApp({ db, log: consoleLog(true), publicRate: { capacity: 1e9, refillPerSecond: 1e9 } });
    const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => s.close(() => r())) }),
      );
    });
    // Two open demo panels with 10,000 sign-ups each.
    await seedPanels(db.db, lutonProfile, { perPanel: 10_000, seed: 1 });
    const panels = await db.db.selectFrom('panels').select(['id', 'min_age']).where('status', '=', 'open').orderBy('min_age').execute();
    const open = panels[0]!.id;

    const rates: number[] = [];
    for (let run = 0; run < 3; run++) {
      const bodies = Array.from({ length: BATCHES }, (_, b) =>
        JSON.stringify({
          records: Array.from({ length: BATCH }, (_, i) => ({
            id: uuidv7(),
            kind: 'signup',
            schemaVersion: 1,
            createdAt: new Date().toISOString(),
            locale: 'en',
            data: {
              panels: [open],
              ageBand: '25-34',
              name: `Bench volunteer ${run}-${b}-${i}`,
              email: `bench.${run}.${b}.${i}@example.org`,
              contactConsent: true,
              equalityConsent: true,
              gender: 'woman',
              ethnicity: 'indian',
            },
          })),
        }),
      );
      const start = performance.now();
      for (const body of bodies) {
        const res = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await res.json()) as { results: { status: string }[] };
        if (answer.results.some((r) => r.status !== 'stored')) throw new Error('panels bench: a sign-up was not stored');
      }
      rates.push((BATCH * BATCHES) / ((performance.now() - start) / 1000));
    }
    lines.push(`  sign-ups through POST /api/v1/sync: median ${fmt(median(rates), 0)} records/s (batches of ${BATCH}, SQLite)`);

    const times: number[] = [];
    const allTimes: number[] = [];
    let sizes = { one: 0, all: 0 };
    for (let run = 0; run < 5; run++) {
      let t = performance.now();
      const pool = await poolValues(db.db, open);
      whoIsMissing({ panel: open, pool: pool.map((m) => m.values), wards: lutonProfile.wards });
      times.push(performance.now() - t);
      t = performance.now();
      const all = await poolValues(db.db, null);
      whoIsMissing({ panel: null, pool: all.map((m) => m.values), wards: lutonProfile.wards });
      allTimes.push(performance.now() - t);
      sizes = { one: pool.length, all: all.length };
    }
    lines.push(
      `  who is missing: one panel (${sizes.one.toLocaleString('en-GB')} sign-ups) median ${fmt(median(times))} ms; ` +
        `all ${sizes.all.toLocaleString('en-GB')} sign-ups median ${fmt(median(allTimes))} ms`,
    );
    await server.close();
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // The server's check of a selection (pool, every lottery panel against the quotas, the draw re-run).
  const instance = syntheticPool({ n: 1000, k: 30, seed: 'bench-verify' });
  const result = await maximin(instance, { solver: loadHighs() });
  const draw = drawPanel(result, 'bench', { reserves: 5 });
  const ids = instance.volunteers.map((v) => v.id);
  const names: Record<string, string> = { gender: 'gender', age: 'ageBand', region: 'ward', occupation: 'religion' };
  const pool = instance.volunteers.map((v) => ({ id: v.id, values: Object.fromEntries(Object.entries(v.features).map(([c, x]) => [names[c] ?? c, x])) }));
  const request = {
    method: 'maximin',
    seed: 'bench',
    k: instance.k,
    quotas: instance.categories.map((c) => ({ category: names[c.name], values: c.values })),
    volunteers: ids,
    probabilities: result.marginals,
    panels: result.panels,
    weights: result.probabilities,
    draw: { panel: draw.panel.map((i) => ids[i]!), reserves: draw.reserves.map((i) => ids[i]!) },
  } as unknown as SelectionRequest;
  const verify: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const problems = verifySelection(request, pool);
    verify.push(performance.now() - t);
    if (problems.length) throw new Error(`panels bench: verification refused a true selection: ${JSON.stringify(problems)}`);
  }
  lines.push(`  selection check (1,000 volunteers, k = 30, ${result.panels.length} lottery panels): median ${fmt(median(verify))} ms`);
  return lines;
}
