import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { lutonProfile } from '../../src/core/profile/luton';
import { createApp } from '../../src/server/app';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { seedPledges } from '../../src/server/demo/seed';
import { consoleLog } from '../../src/server/log';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import { fmt, median, percentile } from './stats';

const PLEDGES = 200_000;
const RUNS = 30;

async function timeQueries(db: Db): Promise<string[]> {
  const app = createApp({ db, log: consoleLog(true) });
  // The catalog is cached for 5 s per server; measure what building it costs when the cache is cold.
  const uncached = createApp({ db, log: consoleLog(true), catalogCacheOff: true });
  const link = await createSetupLink(db.db, 'http://bench', new Date(), { email: 'bench@example.org', role: 'admin' });
  const setup = await app.request('/api/v1/staff/setup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
    body: JSON.stringify({ token: link.split('#')[1], password: 'violet-harbour-tiger-92' }),
  });
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const measure = async (path: string, headers: Record<string, string> = {}, target = app) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const res = await target.request(path, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      times.push(performance.now() - t);
    }
    return `median ${fmt(median(times))} ms, p95 ${fmt(percentile(times, 95))} ms`;
  };
  return [
    `    overview (all time): ${await measure('/api/v1/staff/pledges/overview', { cookie })}`,
    `    overview (one ward, 30 days): ${await measure(`/api/v1/staff/pledges/overview?ward=biscot&from=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}`, { cookie })}`,
    `    catalog with the pledge wall, built (cache cold): ${await measure('/api/v1/catalog', {}, uncached)}`,
    `    catalog with the pledge wall, from the 5 s cache: ${await measure('/api/v1/catalog')}`,
  ];
}

/** Staff overview and public wall over 200,000 pledges, SQLite and (with TEST_DATABASE_URL) PostgreSQL. */
export async function benchStaff(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-staff-'));
  const sqlite = await openDatabase({ dataDir: dir });
  let t = performance.now();
  await seedPledges(sqlite.db, lutonProfile, { count: PLEDGES, days: 365 });
  lines.push(`  SQLite (${PLEDGES.toLocaleString('en-GB')} pledges seeded in ${fmt((performance.now() - t) / 1000)} s):`);
  lines.push(...(await timeQueries(sqlite)));
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const url = process.env['TEST_DATABASE_URL'];
  if (url) {
    const schema = `mv_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const postgres = await openDatabase({ databaseUrl: url, pgSchema: schema });
      t = performance.now();
      await seedPledges(postgres.db, lutonProfile, { count: PLEDGES, days: 365 });
      lines.push(`  PostgreSQL (seeded in ${fmt((performance.now() - t) / 1000)} s):`);
      lines.push(...(await timeQueries(postgres)));
      await postgres.close();
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else {
    lines.push('  PostgreSQL: skipped (set TEST_DATABASE_URL to include it)');
  }
  return lines;
}

/** The staff console is its own chunks: resident pages do not download it. */
export function benchAdminChunk(): string[] {
  const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(join('dist/assets', f)), { level: 9 }).length / 1024;
  const admin = files.filter((f) => /^(AdminApp|admin)/i.test(f));
  return [
    `  staff console chunks: ${admin.map((f) => `${f} ${fmt(gz(f))} KB`).join(', ') || 'none found'}`,
    '  (resident pages load none of these: see the first figure, which lists every file loaded before the pledge form is usable)',
  ];
}
