import Dexie from 'dexie';
import * as v from 'valibot';
import { SYNC_LIMITS, SyncResponse, type RecordResult } from '../../core/sync';
import { getMeta, setMeta, type ManyVoicesDb, type OutboxRow, type Receipt } from '../data/db';
import { deviceEnrolment } from '../data/device';
import { backoffDelay, parseRetryAfter } from './backoff';

/**
 * The sync engine: drains the outbox to POST /api/v1/sync. No DOM, so the page and the service worker
 * both run it; a lock makes sure only one drain runs at a time across all of them.
 */

export interface SyncState {
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** Consecutive failed attempts, for the backoff. */
  failures: number;
  /** Do not try again before this time (backoff or Retry-After), unless a person asks. */
  nextAttemptAt?: string;
  lastError?: 'offline' | 'server' | 'rate-limited' | 'device-revoked';
}

export type DrainOutcome =
  | { status: 'idle' | 'sent'; sent: number; rejected: number }
  | { status: 'busy' }
  | { status: 'waiting'; retryInMs: number; sent: number; rejected: number };

export interface EngineDeps {
  db: ManyVoicesDb;
  fetch: typeof fetch;
  /** Origin of the server; '' for the same origin. */
  baseUrl?: string;
  now?: () => number;
  random?: () => number;
  /** Give up on one request after this long (default 20 s) and treat it as a network failure. */
  requestTimeoutMs?: number;
  /** Runs fn only if no other drain holds the lock; resolves to undefined when it was held. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
}

const STATE_KEY = 'sync';

export async function readSyncState(db: ManyVoicesDb): Promise<SyncState> {
  return (await getMeta<SyncState>(db, STATE_KEY)) ?? { failures: 0 };
}

/** The Web Locks API where there is one (pages and workers of this origin share it); else per-context. */
export function defaultLock(): <T>(fn: () => Promise<T>) => Promise<T | undefined> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (locks) {
    return <T>(fn: () => Promise<T>) =>
      locks.request('many-voices-sync', { ifAvailable: true }, async (lock) => (lock ? await fn() : undefined)) as Promise<T | undefined>;
  }
  let held = false;
  return async (fn) => {
    if (held) return undefined;
    held = true;
    try {
      return await fn();
    } finally {
      held = false;
    }
  };
}

const fallbackLock = defaultLock();

/** Send everything that waits, batch by batch, until the outbox is empty or the network or server says stop. */
export async function drainOutbox(deps: EngineDeps): Promise<DrainOutcome> {
  const withLock = deps.withLock ?? fallbackLock;
  const result = await withLock(() => drain(deps));
  return result ?? { status: 'busy' };
}

async function drain(deps: EngineDeps): Promise<DrainOutcome> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let sent = 0;
  let rejected = 0;
  let batchLimit: number = SYNC_LIMITS.maxRecords;

  for (;;) {
    // The browser knows it has no network: do not start a send, so nothing is frozen for nothing (a worker
    // offline at a market can still correct a point typed a minute ago). navigator.onLine true proves
    // nothing, so then we try.
    if ((globalThis.navigator as { onLine?: boolean } | undefined)?.onLine === false) {
      if ((await pendingOldestFirst(db).count()) === 0) return { status: sent + rejected > 0 ? 'sent' : 'idle', sent, rejected };
      return fail(db, now, random, 'offline', undefined, sent, rejected);
    }
    // One transaction reads the batch and freezes it before sending: a lost answer must never let the
    // content change under the same id.
    const batch = await db.transaction('rw', db.outbox, db.records, async () => {
      const rows = await pendingOldestFirst(db).limit(batchLimit).toArray();
      if (rows.length === 0) return undefined;
      const taken = await takeBatch(db, rows, batchLimit);
      await db.outbox.bulkUpdate(taken.rows.map((r) => ({ key: r.id, changes: { frozen: true, attempts: r.attempts + 1 } })));
      return taken;
    });
    if (!batch) return sent + rejected > 0 ? { status: 'sent', sent, rejected } : { status: 'idle', sent, rejected };

    const attemptAt = new Date(now()).toISOString();
    const device = await deviceEnrolment(db);
    let response: Response;
    try {
      response = await deps.fetch(`${deps.baseUrl ?? ''}/api/v1/sync`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(device ? { Authorization: `Bearer ${device.token}` } : {}) },
        body: batch.body,
        credentials: 'same-origin',
        // A request that hangs (a captive portal, a dying mobile connection) must not hold the lock forever.
        signal: AbortSignal.timeout(deps.requestTimeoutMs ?? 20_000),
      });
    } catch {
      return fail(db, now, random, 'offline', undefined, sent, rejected);
    }

    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
      return fail(db, now, random, response.status === 429 ? 'rate-limited' : 'server', retryAfter, sent, rejected);
    }
    if (response.status === 401) {
      // Staff revoked this device (or it was never enrolled here): keep every record, wait for a person.
      const state = await readSyncState(db);
      await setMeta(db, STATE_KEY, { ...state, lastAttemptAt: attemptAt, lastError: 'device-revoked' } satisfies SyncState);
      return { status: 'waiting', retryInMs: 60 * 60_000, sent, rejected };
    }
    if (response.status === 413 && batch.rows.length > 1) {
      batchLimit = Math.max(1, Math.floor(batch.rows.length / 2));
      continue;
    }
    if (!response.ok) {
      // The server refused the whole request (a record too large to send, say): show each record as refused.
      const problem = await response.json().catch(() => ({ error: `http-${response.status}` }));
      const reason = typeof problem?.error === 'string' ? problem.error : `http-${response.status}`;
      await applyResults(db, batch.rows.map((r) => ({ id: r.id, status: 'rejected', reason }) as RecordResult), now);
      rejected += batch.rows.length;
      await setMeta(db, STATE_KEY, { ...(await readSyncState(db)), failures: 0, lastAttemptAt: attemptAt } satisfies SyncState);
      continue;
    }

    const parsed = v.safeParse(SyncResponse, await response.json().catch(() => null));
    if (!parsed.success) return fail(db, now, random, 'server', undefined, sent, rejected);
    const counts = await applyResults(db, parsed.output.results, now, { failures: 0, lastAttemptAt: attemptAt, lastSuccessAt: new Date(now()).toISOString() });
    sent += counts.synced;
    rejected += counts.rejected;
    // A server that answered for none of the batch would loop us forever: stop and try later.
    if (counts.synced + counts.rejected === 0) return fail(db, now, random, 'server', undefined, sent, rejected);
  }
}

/** Pending outbox rows, oldest first, straight from the compound index. */
export function pendingOldestFirst(db: ManyVoicesDb) {
  return db.outbox.where('[state+createdAt]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);
}

async function takeBatch(db: ManyVoicesDb, rows: OutboxRow[], limit: number): Promise<{ rows: OutboxRow[]; body: string }> {
  const picked: OutboxRow[] = [];
  const parts: string[] = [];
  let bytes = 20;
  const records = await db.records.bulkGet(rows.slice(0, limit).map((r) => r.id));
  for (const [i, row] of rows.slice(0, limit).entries()) {
    const stored = records[i];
    if (!stored) continue;
    const json = JSON.stringify(stored.envelope);
    // Stay under the server's byte limit (UTF-8 can be up to 3 bytes per UTF-16 unit).
    if (picked.length > 0 && bytes + json.length * 3 > SYNC_LIMITS.maxBytes * 0.9) break;
    picked.push(row);
    parts.push(json);
    bytes += json.length * 3 + 1;
  }
  if (picked.length === 0 && rows[0]) picked.push(rows[0]);
  return { rows: picked, body: `{"records":[${parts.join(',')}]}` };
}

/** Apply the server's answers in one transaction: synced records lose their content and leave a receipt. */
async function applyResults(
  db: ManyVoicesDb,
  results: RecordResult[],
  now: () => number,
  state?: SyncState,
): Promise<{ synced: number; rejected: number }> {
  const syncedAt = new Date(now()).toISOString();
  return db.transaction('rw', [db.records, db.outbox, db.receipts, db.meta], async () => {
    if (state) await setMeta(db, STATE_KEY, state);
    const rows = await db.outbox.bulkGet(results.map((r) => r.id));
    const done: string[] = [];
    const receipts: Receipt[] = [];
    const refused: { key: string; changes: Partial<OutboxRow> }[] = [];
    results.forEach((result, i) => {
      const row = rows[i];
      if (!row) return;
      if (result.status === 'stored' || result.status === 'duplicate') {
        done.push(row.id);
        receipts.push({ id: row.id, kind: row.kind, createdAt: row.createdAt, syncedAt });
      } else {
        const rejection = { reason: result.reason, ...(result.field ? { field: result.field } : {}), ...(result.code ? { code: result.code } : {}) };
        refused.push({ key: row.id, changes: { state: 'rejected', rejection } });
      }
    });
    await db.receipts.bulkPut(receipts);
    await db.records.bulkDelete(done);
    await db.outbox.bulkDelete(done);
    if (refused.length) await db.outbox.bulkUpdate(refused);
    return { synced: done.length, rejected: refused.length };
  });
}

async function fail(
  db: ManyVoicesDb,
  now: () => number,
  random: () => number,
  error: NonNullable<SyncState['lastError']>,
  retryAfterMs: number | undefined,
  sent: number,
  rejected: number,
): Promise<DrainOutcome> {
  const state = await readSyncState(db);
  const failures = state.failures + 1;
  const retryInMs = backoffDelay(failures, random, retryAfterMs);
  await setMeta(db, STATE_KEY, {
    ...state,
    failures,
    lastAttemptAt: new Date(now()).toISOString(),
    nextAttemptAt: new Date(now() + retryInMs).toISOString(),
    lastError: error,
  } satisfies SyncState);
  return { status: 'waiting', retryInMs, sent, rejected };
}
