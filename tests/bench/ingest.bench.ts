import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/connect';
import { consoleLog } from '../../src/server/log';
import { fmt, median } from './stats';

const BATCH = 200;
const BATCHES = 50; // 10,000 records per run
const RUNS = 5;

function pledgeBatch(): { records: unknown[] } {
  const now = new Date().toISOString();
  return {
    records: Array.from({ length: BATCH }, (_, i) => ({
      id: uuidv7(),
      kind: 'pledge',
      schemaVersion: 1,
      createdAt: now,
      locale: 'en',
      data: { pledgeVersion: '2026-1', name: `Bench resident ${i}`, ward: 'biscot', message: 'Luton is home to all of us.', showMessage: true },
    })),
  };
}

async function listen(fetchHandler: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

async function timeBatches(url: string): Promise<number> {
  const bodies = Array.from({ length: BATCHES }, () => JSON.stringify(pledgeBatch()));
  const start = performance.now();
  for (const body of bodies) {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (!res.ok) throw new Error(`ingest bench: HTTP ${res.status}`);
    await res.arrayBuffer();
  }
  return (BATCH * BATCHES) / ((performance.now() - start) / 1000);
}

/**
 * Records per second through the real sync endpoint (validation, duplicate checks, one transaction per
 * batch), and through a bare endpoint that only parses the JSON and inserts the same rows.
 */
export async function benchIngest(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-'));
  const db = await openDatabase({ dataDir: join(dir, 'full') });
  const app = createApp({ db, log: consoleLog(true), publicRate: { capacity: 1e9, refillPerSecond: 1e9 } });
  const full = await listen(app.fetch);

  const bareFile = new SQLite(join(dir, 'bare.sqlite'));
  bareFile.pragma('journal_mode = WAL');
  bareFile.pragma('synchronous = NORMAL');
  bareFile.exec('create table pledges (id text primary key, kind text, created_at text, locale text, name text, ward text, message text, show_message integer)');
  const insert = bareFile.prepare('insert into pledges values (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAll = bareFile.transaction((records: { id: string; kind: string; createdAt: string; locale: string; data: Record<string, unknown> }[]) => {
    for (const r of records) insert.run(r.id, r.kind, r.createdAt, r.locale, r.data['name'], r.data['ward'], r.data['message'], r.data['showMessage'] ? 1 : 0);
  });
  const bareApp = new Hono();
  bareApp.post('/', async (c) => {
    const body = (await c.req.json()) as { records: Parameters<typeof insertAll>[0] };
    insertAll(body.records);
    return c.json({ ok: true });
  });
  const bare = await listen(bareApp.fetch);

  const fullRates: number[] = [];
  const bareRates: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const f = await timeBatches(`${full.url}/api/v1/sync`);
    const b = await timeBatches(bare.url);
    fullRates.push(f);
    bareRates.push(b);
    ratios.push(f / b);
  }
  await full.close();
  await bare.close();
  await db.close();
  bareFile.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    `  sync endpoint: median ${fmt(median(fullRates), 0)} records/s (runs: ${fullRates.map((r) => fmt(r, 0)).join(', ')})`,
    `  bare parse+insert endpoint: median ${fmt(median(bareRates), 0)} records/s`,
    `  ratio sync/bare (paired per run): median ${fmt(median(ratios), 2)}`,
    `  goal: ≥ 5,000 records/s (batches of ${BATCH}, ${BATCH * BATCHES} records per run, SQLite, one client)`,
  ];
}
