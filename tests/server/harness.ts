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
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { v7 } from 'uuid';
import { createApp, type AppOptions } from '../../src/server/app';
import { openDatabase, type Db, type Dialect } from '../../src/server/db/connect';
import type { Database } from '../../src/server/db/schema';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import type { StaffRole } from '../../src/core/staff';
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
    catalogCacheOff: true,
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

// ---------------------------------------------------------------------------------------------------------
// Staff side: a controllable clock, and staff clients with their own cookie jar, created through the real
// flow (a one-time setup link, then POST /api/v1/staff/setup).
// ---------------------------------------------------------------------------------------------------------

/** A clock tests move by hand: pass `now: clock.now` to startServer. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(at: Date | string | number): void;
}

export function testClock(start: Date | string | number = Date.now()): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (at) => {
      t = new Date(at).getTime();
    },
  };
}

export const STAFF_API = '/api/v1/staff';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Long enough and not guessable (zxcvbn score ≥ 3). */
export const STAFF_PASSWORD = 'violet-harbour-tiger-92';

export interface StaffResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
}

export interface StaffRequestOptions {
  /** Sent as JSON; a string is sent as it is (for malformed bodies). Omitted: no body. */
  body?: unknown;
  /** Extra headers; they replace the defaults (e.g. `sec-fetch-site`). */
  headers?: Record<string, string>;
  /** Leave out the default `Sec-Fetch-Site: same-origin` of non-GET requests. */
  crossSite?: boolean;
}

/** A browser's view of the staff API: one cookie jar (mv_session), same-origin by default. */
export interface StaffClient {
  /** The cookie jar's session id, if any. */
  cookie: string | undefined;
  /** Every Set-Cookie header of mv_session this client received, latest last. */
  setCookies: string[];
  /** Path under /api/v1/staff (e.g. '/me'), or an absolute path starting with /api/. */
  request(method: string, path: string, options?: StaffRequestOptions): Promise<StaffResponse>;
  get(path: string, options?: StaffRequestOptions): Promise<StaffResponse>;
  post(path: string, body?: unknown, options?: StaffRequestOptions): Promise<StaffResponse>;
}

export function staffClient(server: Pick<TestServer, 'fetch'>): StaffClient {
  const client: StaffClient = {
    cookie: undefined,
    setCookies: [],
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (method !== 'GET' && method !== 'HEAD' && !options.crossSite) headers['sec-fetch-site'] = 'same-origin';
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (client.cookie !== undefined) headers['cookie'] = `mv_session=${client.cookie}`;
      Object.assign(headers, options.headers ?? {});
      const url = path.startsWith('/api/') ? path : `${STAFF_API}${path}`;
      const init: RequestInit = { method, headers };
      if (options.body !== undefined) init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const res = await server.fetch(url, init);
      for (const line of res.headers.getSetCookie()) {
        const match = /^mv_session=([^;]*)/.exec(line);
        if (!match) continue;
        client.setCookies.push(line);
        const expired = /;\s*max-age=0(;|$)/i.test(line) || match[1] === '';
        client.cookie = expired ? undefined : match[1];
      }
      // Decoded keeping a byte-order mark (res.text() would drop it), so tests can see that a CSV starts with one.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, headers: res.headers, text, body };
    },
    get: (path, options) => client.request('GET', path, options),
    post: (path, body, options) => client.request('POST', path, { ...options, body }),
  };
  return client;
}

export interface StaffMember extends StaffClient {
  id: string;
  email: string;
  role: StaffRole;
  password: string;
  /** Set once two-step sign-in is on: sign-in then sends a code generated from it. */
  totpSecret?: string;
  /** Sign in again (e.g. after logout-everywhere) in this client's cookie jar, with a TOTP code when needed. */
  signIn(): Promise<StaffResponse>;
}

/** The setup link's token: what follows '#'. */
export const linkToken = (link: string) => link.slice(link.indexOf('#') + 1);

/** A TOTP code for a secret at an instant (the server's clock). */
export function totpCode(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/**
 * A staff account made the real way: a one-time setup link for this email and role, then the person sets
 * their password (201, and the session cookie). Costs one scrypt hash: create few.
 */
export async function createStaff(
  server: TestServer,
  options: { email: string; role: StaffRole; password?: string; now?: () => Date },
): Promise<StaffMember> {
  const now = options.now ?? (() => new Date());
  const password = options.password ?? STAFF_PASSWORD;
  const link = await createSetupLink(server.db, server.url, now(), { email: options.email, role: options.role });
  const client = staffClient(server);
  const res = await client.post('/setup', { token: linkToken(link), password });
  if (res.status !== 201) throw new Error(`setup of ${options.email} answered ${res.status}: ${res.text}`);
  const member: StaffMember = Object.assign(client, {
    id: res.body.user.id as string,
    email: options.email,
    role: options.role,
    password,
    async signIn() {
      const body: Record<string, string> = { email: member.email, password: member.password };
      if (member.totpSecret) body['totp'] = totpCode(member.totpSecret, now());
      const answer = await client.post('/login', body);
      if (answer.status !== 200) throw new Error(`sign-in of ${member.email} answered ${answer.status}: ${answer.text}`);
      return answer;
    },
  });
  return member;
}

/** An enrolled outreach device: invite (as an admin), then enrol with the code. */
export async function enrolDevice(server: TestServer, admin: StaffClient, name = 'Outreach tablet'): Promise<{ deviceId: string; token: string }> {
  const invite = await admin.post('/devices/invites', { name });
  if (invite.status !== 201) throw new Error(`device invite answered ${invite.status}: ${invite.text}`);
  const res = await server.fetch('/api/v1/devices/enrol', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: invite.body.code }),
  });
  const body = (await res.json()) as { deviceId: string; token: string };
  if (res.status !== 201) throw new Error(`enrol answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Audit entries, oldest first, with `detail` parsed. */
export async function auditEntries(server: TestServer, action?: string) {
  let q = server.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id');
  if (action) q = q.where('action', '=', action);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}
