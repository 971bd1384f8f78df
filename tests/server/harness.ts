/**
 * Test harness for the server: a real HTTP server (port 0 on 127.0.0.1) around a real database, once per
 * database in `databases()`: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set. Tests assert what a
 * client sees over HTTP and what the council's database then holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { v7 } from 'uuid';
import { createApp, type AppOptions } from '../../src/server/app';
import { openDatabase, type Db, type Dialect } from '../../src/server/db/connect';
import type { Database } from '../../src/server/db/schema';
import { consoleLog, type Log } from '../../src/server/log';

export interface TestDatabase {
  /** 'sqlite' or 'postgres': suites put it in their names so the output says which ran. */
  name: Dialect;
  /** A fresh, empty, migrated database, and how to throw it away. */
  open(): Promise<{ handle: Db; dispose(): Promise<void> }>;
}

/** SQLite always; PostgreSQL only when TEST_DATABASE_URL is set (otherwise its suites do not exist). */
export function databases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqlite }];
  const url = process.env['TEST_DATABASE_URL'];
  if (url) list.push({ name: 'postgres', open: () => openPostgres(url) });
  return list;
}

async function openSqlite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mv-'));
  const handle = await openDatabase({ dataDir });
  return {
    handle,
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function openPostgres(databaseUrl: string) {
  const schema = `mv_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA "${schema}"`);
  try {
    const handle = await openDatabase({ databaseUrl, pgSchema: schema });
    return { handle, dispose: () => admin(`DROP SCHEMA "${schema}" CASCADE`) };
  } catch (error) {
    await admin(`DROP SCHEMA "${schema}" CASCADE`);
    throw error;
  }
}

export interface TestServer {
  dialect: Dialect;
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** Direct access to the database, to assert what it holds. */
  db: Kysely<Database>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** POST /api/v1/sync with a JSON body: the status, the headers and the parsed body. */
  sync(body: unknown, init?: RequestInit): Promise<{ status: number; headers: Headers; body: any }>;
  /** Number of rows in a table. */
  count(table: 'records' | 'pledges'): Promise<number>;
  close(): Promise<void>;
}

export type ServerOptions = Partial<Omit<AppOptions, 'db'>>;

/**
 * Open a fresh database and serve the app on it. Unless a test says otherwise the log is quiet and the
 * public rate limit generous, so that suites sending hundreds of records are not throttled.
 */
export async function startServer(database: TestDatabase, options: ServerOptions = {}): Promise<TestServer> {
  const { handle, dispose } = await database.open();
  const app = createApp({
    log: consoleLog(true),
    publicRate: { capacity: 1_000_000, refillPerSecond: 1_000 },
    ...options,
    db: handle,
  });
  let server: Server;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port)) as Server;
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${port}`;
  const doFetch = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
  let closed = false;
  return {
    dialect: handle.dialect,
    url,
    db: handle.db,
    fetch: doFetch,
    async sync(body, init) {
      const res = await doFetch('/api/v1/sync', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Leave it as text: the assertion will show it.
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async count(table) {
      const row = await handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await handle.close();
      await dispose();
    },
  };
}

/**
 * One request on its own connection (node:http, no keep-alive), for what fetch cannot or should not do: a
 * raw path (`/../x`), a streamed body with no Content-Length, or an oversized body the server answers
 * before reading (which leaves that connection unusable for the next request).
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunkSize?: number },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest(
      { hostname, port, path: options.path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    // The server may answer and close before reading the whole body: that is allowed.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    if (body && options.chunkSize) {
      for (let i = 0; i < body.length; i += options.chunkSize) req.write(body.subarray(i, i + options.chunkSize));
    } else if (body) req.write(body);
    req.end();
  });
}

/** A Log that keeps every line, as the console would have printed it. */
export function capturingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (event: string, fields?: Record<string, string | number | boolean>) => {
    lines.push(JSON.stringify({ level, event, ...fields }));
  };
  return { lines, info: write('info'), error: write('error') };
}

export interface PledgeData {
  pledgeVersion?: unknown;
  name?: unknown;
  ward?: unknown;
  message?: unknown;
  showMessage?: unknown;
  email?: unknown;
  emailConsent?: unknown;
  [field: string]: unknown;
}

export interface RecordInput {
  id: string;
  kind: string;
  schemaVersion: number;
  createdAt: string;
  locale: string;
  data: PledgeData;
  [field: string]: unknown;
}

let counter = 0;

/** A valid pledge record as a device sends it; `data` fields override the defaults (undefined removes one). */
export function pledge(data: PledgeData = {}, envelope: Partial<Omit<RecordInput, 'data'>> = {}): RecordInput {
  counter += 1;
  const merged: PledgeData = { pledgeVersion: '2026-1', name: `Resident ${counter}`, ward: 'biscot', ...data };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return {
    id: v7(),
    kind: 'pledge',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    locale: 'en',
    ...envelope,
    data: merged,
  };
}

/** A small deterministic PRNG (mulberry32), so a failing fuzz case can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
