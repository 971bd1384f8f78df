import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { lutonProfile } from '../../src/core/profile/luton';
import { createApp } from '../../src/server/app';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { seedListening } from '../../src/server/demo/seed';
import { consoleLog } from '../../src/server/log';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import { fmt, median, percentile } from './stats';

const POINTS = 100_000;
const EVENTS = 400;
const RUNS = 15;

/** The listening report through the staff API (as the console asks for it): all time, one ward, one event. */
async function timeReport(db: Db, eventId: string): Promise<string[]> {
  const app = createApp({ db, log: consoleLog(true) });
  const link = await createSetupLink(db.db, 'http://bench', new Date(), { email: 'bench@example.org', role: 'admin' });
  const setup = await app.request('/api/v1/staff/setup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
    body: JSON.stringify({ token: link.split('#')[1], password: 'violet-harbour-tiger-92' }),
  });
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const measure = async (path: string) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const res = await app.request(path, { headers: { cookie } });
      bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      times.push(performance.now() - t);
    }
    const m = median(times);
    return `median ${fmt(m)} ms, p95 ${fmt(percentile(times, 95))} ms (${fmt(bytes / 1024)} KB)${m < 500 ? '' : ' — over the 500 ms goal'}`;
  };
  return [
    `    report, all time: ${await measure('/api/v1/staff/listening/report')}`,
    `    report, one ward: ${await measure('/api/v1/staff/listening/report?ward=biscot')}`,
    `    report, one event: ${await measure(`/api/v1/staff/listening/report?event=${eventId}`)}`,
    `    report, all time, text search: ${await measure('/api/v1/staff/listening/report?q=waiting')}`,
  ];
}

async function seeded(db: Db) {
  const t = performance.now();
  const { events } = await seedListening(db.db, lutonProfile, { events: EVENTS, points: POINTS, upcoming: 0, outcomes: false, days: 365 });
  // After a bulk load, PostgreSQL's autovacuum analyses the tables within a minute; do it now rather than wait.
  if (db.dialect === 'postgres') await sql`analyze`.execute(db.db);
  return { eventId: events[Math.floor(events.length / 2)] ?? '', seconds: (performance.now() - t) / 1000 };
}

/** The listening report over 100,000 points on SQLite and (with TEST_DATABASE_URL) PostgreSQL; goal under 500 ms. */
export async function benchReport(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-report-'));
  try {
    const sqlite = await openDatabase({ dataDir: dir });
    const s = await seeded(sqlite);
    lines.push(`  SQLite (${POINTS.toLocaleString('en-GB')} points at ${EVENTS} events seeded in ${fmt(s.seconds)} s):`);
    lines.push(...(await timeReport(sqlite, s.eventId)));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env['TEST_DATABASE_URL'];
  if (!url) {
    lines.push('  PostgreSQL: skipped (set TEST_DATABASE_URL to include it)');
    return lines;
  }
  const schema = `mv_bench_report_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const postgres = await openDatabase({ databaseUrl: url, pgSchema: schema });
    const s = await seeded(postgres);
    lines.push(`  PostgreSQL (seeded in ${fmt(s.seconds)} s):`);
    lines.push(...(await timeReport(postgres, s.eventId)));
    await postgres.close();
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  return lines;
}
