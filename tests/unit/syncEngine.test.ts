import { pledgeSpec } from '../../src/core/records/pledge';
import 'fake-indexeddb/auto';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import type { TownProfile } from '../../src/core/profile/schema';
import { SYNC_LIMITS } from '../../src/core/sync';
import { ManyVoicesDb, type OutboxRow, type StoredRecord } from '../../src/app/data/db';
import { checkRecord } from '../../src/core/records/kinds';
import { retryRejected, saveRecord } from '../../src/app/data/records';
import { BACKOFF, backoffDelay, parseRetryAfter } from '../../src/app/sync/backoff';
import { drainOutbox, readSyncState, type DrainOutcome, type EngineDeps } from '../../src/app/sync/engine';
import { createSyncScheduler } from '../../src/app/sync/scheduler';
import { createFakeServer, type FakeServer } from './support/fakeSyncServer';

// ---------------------------------------------------------------------------------------------------------
// Set-up: a fresh device database per test, a controllable clock, residents' pledges.

const opened: ManyVoicesDb[] = [];
let counter = 0;
function freshDb(): ManyVoicesDb {
  const db = new ManyVoicesDb(`sync-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const START = Date.parse('2026-03-01T12:00:00.000Z');
let clock = START;
const now = () => clock;
beforeEach(() => {
  clock = START;
});

/** Distinctive personal data, so we can check it never lingers on the device once sent. */
const NAME = 'Nasreen Wojcik';
const EMAIL_DOMAIN = 'residents.example.org';
const pledgeData = (i: number): Record<string, unknown> => ({
  pledgeVersion: '2026-1',
  name: `${NAME} ${i}`,
  ward: lutonProfile.wards[i % lutonProfile.wards.length]?.id,
  email: `resident${i}@${EMAIL_DOMAIN}`,
  emailConsent: true,
  ...(i % 3 === 0 ? { message: `Luton is home, ${i}`, showMessage: true } : {}),
});

/** Save n pledges as the form would, each a second after the previous (or at the given offsets). */
async function savePledges(db: ManyVoicesDb, n: number, offsetMs: (i: number) => number = (i) => i * 1000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const result = await saveRecord(db, pledgeSpec(lutonProfile), pledgeData(i), 'en', new Date(START - 86_400_000 + offsetMs(i)));
    if (!result.ok) throw new Error(`could not save pledge ${i}: ${JSON.stringify(result.errors)}`);
    ids.push(result.id);
  }
  return ids;
}

/**
 * The same records saveRecord would write (checked with the same core schema), written in one transaction:
 * for scenarios where how they were saved does not matter, to keep the suite fast.
 */
async function seedPledges(db: ManyVoicesDb, n: number, offsetMs: (i: number) => number = (i) => i * 1000): Promise<string[]> {
  const records: StoredRecord[] = [];
  const rows: OutboxRow[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(START - 86_400_000 + offsetMs(i)).toISOString();
    const checked = checkRecord({ id: uuidv7(), kind: 'pledge', schemaVersion: 1, createdAt, locale: 'en', data: pledgeData(i) }, lutonProfile);
    if (!checked.ok) throw new Error(`invalid seed ${i}`);
    records.push({ id: checked.record.id, envelope: checked.record });
    rows.push({ id: checked.record.id, kind: 'pledge', createdAt, state: 'pending', frozen: false, attempts: 0 });
  }
  await db.transaction('rw', db.records, db.outbox, async () => {
    await db.records.bulkAdd(records);
    await db.outbox.bulkAdd(rows);
  });
  return records.map((r) => r.id);
}

/** Put a record on the device the way an older app version might have, without today's checks. */
async function injectRaw(db: ManyVoicesDb, data: Record<string, unknown>, createdAt: string): Promise<string> {
  const id = uuidv7();
  const envelope = { id, kind: 'pledge', schemaVersion: 1, createdAt, locale: 'en', data };
  const row: OutboxRow = { id, kind: 'pledge', createdAt, state: 'pending', frozen: false, attempts: 0 };
  await db.transaction('rw', db.records, db.outbox, async () => {
    await db.records.add({ id, envelope });
    await db.outbox.add(row);
  });
  return id;
}

const deps = (db: ManyVoicesDb, server: FakeServer, over: Partial<EngineDeps> = {}): EngineDeps => ({
  db,
  fetch: server.fetch,
  now,
  random: () => 0.5,
  ...over,
});

/** Rows waiting to be sent (read without relying on any particular index). */
const pendingCount = async (db: ManyVoicesDb) => (await db.outbox.toArray()).filter((r) => r.state === 'pending').length;

const allTables = async (db: ManyVoicesDb) => ({
  records: await db.records.toArray(),
  outbox: await db.outbox.toArray(),
  receipts: await db.receipts.toArray(),
  meta: await db.meta.toArray(),
});

async function deviceState(db: ManyVoicesDb) {
  const [records, outbox, receipts] = await Promise.all([db.records.toArray(), db.outbox.toArray(), db.receipts.toArray()]);
  return {
    records: new Map(records.map((r) => [r.id, r])),
    outbox: new Map(outbox.map((r) => [r.id, r])),
    receipts: new Map(receipts.map((r) => [r.id, r])),
  };
}

/** While things go wrong: every record is on the server or still whole on the device; none stored twice. */
async function expectNothingLost(db: ManyVoicesDb, server: FakeServer, ids: string[]): Promise<void> {
  const device = await deviceState(db);
  for (const id of ids) {
    const onServer = server.stored.has(id);
    const onDevice = device.records.has(id) && device.outbox.has(id);
    expect(onServer || onDevice, `record ${id} is nowhere`).toBe(true);
  }
  for (const [id, writes] of server.writes) expect(writes, `record ${id} stored ${writes} times`).toBe(1);
}

/**
 * At the end of every scenario: no record lost, none stored twice, none stuck. Records the server has are
 * gone from the device but for a receipt; the refused ones stay whole on the device, waiting for a person.
 */
async function expectSettled(db: ManyVoicesDb, server: FakeServer, ids: string[], refused: string[] = []): Promise<void> {
  await expectNothingLost(db, server, ids);
  const device = await deviceState(db);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of server.stored.keys()) expect(ids.includes(id), `server holds unknown record ${id}`).toBe(true);
  expect(server.stored.size).toBe(ids.length - refused.length);
  for (const id of ids) {
    if (refused.includes(id)) {
      expect(server.stored.has(id)).toBe(false);
      expect(device.outbox.get(id)?.state).toBe('rejected');
      expect(device.records.has(id)).toBe(true);
      expect(device.receipts.has(id)).toBe(false);
    } else {
      const settled = server.stored.has(id) && device.receipts.has(id) && !device.outbox.has(id) && !device.records.has(id);
      expect(settled, `record ${id} is not settled`).toBe(true);
    }
  }
  expect([...device.outbox.values()].filter((r) => r.state === 'pending')).toEqual([]);
  expect(device.outbox.size).toBe(refused.length);
  expect(device.records.size).toBe(refused.length);
}

// ---------------------------------------------------------------------------------------------------------

describe('happy path', () => {
  it('450 pledges drain in batches of at most 200; the device keeps only receipts', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await savePledges(db, 450);

    const outcome = await drainOutbox(deps(db, server, { baseUrl: 'https://voices.example' }));
    expect(outcome).toEqual({ status: 'sent', sent: 450, rejected: 0 });

    expect(server.requests.map((r) => r.ids.length)).toEqual([200, 200, 50]);
    expect(server.requests.every((r) => r.ids.length <= SYNC_LIMITS.maxRecords)).toBe(true);
    expect(server.stored.size).toBe(450);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records.count()).toBe(0);

    const receipts = await db.receipts.toArray();
    expect(receipts).toHaveLength(450);
    for (const receipt of receipts) {
      expect(Object.keys(receipt).sort()).toEqual(['createdAt', 'id', 'kind', 'syncedAt']);
      expect(receipt.kind).toBe('pledge');
      expect(receipt.syncedAt).toBe(new Date(START).toISOString());
    }
    expect(new Set(receipts.map((r) => r.id))).toEqual(new Set(ids));

    // Nothing that identifies a resident is left anywhere on the device.
    const everything = JSON.stringify(await allTables(db));
    expect(everything).not.toContain(NAME);
    expect(everything).not.toContain(EMAIL_DOMAIN);
    expect(everything).not.toContain('Luton is home');
    // ...but the server has it all, as the residents typed it.
    expect(server.stored.get(ids[7] ?? '')?.record.data).toMatchObject({ name: `${NAME} 7`, email: `resident7@${EMAIL_DOMAIN}` });

    const state = await readSyncState(db);
    expect(state).toEqual({ failures: 0, lastAttemptAt: new Date(START).toISOString(), lastSuccessAt: new Date(START).toISOString() });
    await expectSettled(db, server, ids);

    // Nothing left to send: a second drain sends nothing.
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'idle', sent: 0, rejected: 0 });
    expect(server.requests).toHaveLength(3);
  });

  it('posts JSON to /api/v1/sync on the configured origin', async () => {
    const db = freshDb();
    await savePledges(db, 1);
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const server = createFakeServer({ now });
    await drainOutbox(
      deps(db, server, {
        baseUrl: 'https://voices.example',
        fetch: (input, init) => {
          seen.push({ url: String(input), init });
          return server.fetch(input, init);
        },
      }),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('https://voices.example/api/v1/sync');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(new Headers(seen[0]?.init?.headers).get('Content-Type')).toBe('application/json');
    const body = JSON.parse(String(seen[0]?.init?.body)) as { records: unknown[] };
    expect(Object.keys(body)).toEqual(['records']);
    expect(body.records).toHaveLength(1);
  });

  it('an empty outbox is idle and makes no request', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'idle', sent: 0, rejected: 0 });
    expect(server.requests).toHaveLength(0);
  });
});

describe('network failure', () => {
  it('keeps everything, waits, and records why and until when', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 5);
    server.faults.push({ type: 'offline' });

    const outcome = await drainOutbox(deps(db, server));
    expect(outcome.status).toBe('waiting');
    if (outcome.status !== 'waiting') return;
    expect(outcome).toMatchObject({ sent: 0, rejected: 0 });
    expect(outcome.retryInMs).toBeGreaterThan(0);

    const state = await readSyncState(db);
    expect(state.failures).toBe(1);
    expect(state.lastError).toBe('offline');
    expect(Date.parse(state.nextAttemptAt ?? '')).toBeGreaterThan(clock);
    expect(Date.parse(state.nextAttemptAt ?? '')).toBe(clock + outcome.retryInMs);
    expect(state.lastSuccessAt).toBeUndefined();

    expect(await db.records.count()).toBe(5);
    expect(await pendingCount(db)).toBe(5);
    expect(await db.receipts.count()).toBe(0);
    await expectNothingLost(db, server, ids);

    // Back online: everything goes, and the failure is forgotten.
    clock += outcome.retryInMs;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 5, rejected: 0 });
    const after = await readSyncState(db);
    expect(after.failures).toBe(0);
    expect(after.lastError).toBeUndefined();
    expect(after.nextAttemptAt).toBeUndefined();
    await expectSettled(db, server, ids);
  });

  it('waits longer after each consecutive failure, up to the cap', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 3);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      server.faults.push({ type: 'offline' });
      const outcome = await drainOutbox(deps(db, server, { random: () => 1 }));
      if (outcome.status !== 'waiting') throw new Error(`expected waiting, got ${outcome.status}`);
      waits.push(outcome.retryInMs);
      expect((await readSyncState(db)).failures).toBe(i + 1);
      clock += outcome.retryInMs;
    }
    expect(waits.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(Math.max(...waits)).toBe(BACKOFF.maxMs);
    expect(waits.at(-1)).toBe(BACKOFF.maxMs);
    // Each attempt counted on every record, and still nothing lost.
    expect((await db.outbox.toArray()).map((r) => r.attempts)).toEqual([12, 12, 12]);
    await expectNothingLost(db, server, ids);
    await drainOutbox(deps(db, server));
    await expectSettled(db, server, ids);
  });

  it('backoffDelay: full jitter between half and all of an exponential ceiling, capped', () => {
    const low = () => 0;
    const high = () => 1;
    expect(backoffDelay(1, low)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, high)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(2, low)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(2, high)).toBe(BACKOFF.baseMs * 2);
    expect(backoffDelay(0, high)).toBe(BACKOFF.baseMs); // never shorter than the first step
    let previous = 0;
    for (const failures of [...Array.from({ length: 40 }, (_, i) => i + 1), 100, 1_023, 1_024, 5_000]) {
      const lo = backoffDelay(failures, low);
      const hi = backoffDelay(failures, high);
      expect(lo).toBeGreaterThanOrEqual(previous / 2);
      expect(hi).toBeGreaterThanOrEqual(previous);
      expect(lo).toBeGreaterThan(0);
      expect(hi).toBeLessThanOrEqual(BACKOFF.maxMs);
      expect(lo).toBeGreaterThanOrEqual(Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (failures - 1)) / 2);
      expect(Number.isFinite(hi)).toBe(true);
      previous = hi;
    }
    expect(backoffDelay(50, high)).toBe(5 * 60_000);
    expect(backoffDelay(50, low)).toBe(2.5 * 60_000);
    // A server asking for longer wins; asking for less does not shorten the backoff.
    expect(backoffDelay(1, high, 120_000)).toBe(120_000);
    expect(backoffDelay(5, high, 1_000)).toBe(32_000);
    expect(backoffDelay(50, high, 3_600_000)).toBe(3_600_000);
  });

  it('parseRetryAfter reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', START)).toBe(120_000);
    expect(parseRetryAfter('0', START)).toBe(0);
    expect(parseRetryAfter(null, START)).toBeUndefined();
    expect(parseRetryAfter('', START)).toBeUndefined();
    expect(parseRetryAfter('soon', START)).toBeUndefined();
    expect(parseRetryAfter(new Date(START + 90_000).toUTCString(), START)).toBe(90_000);
    expect(parseRetryAfter(new Date(START - 90_000).toUTCString(), START)).toBe(0);
  });
});

describe('server errors and rate limits', () => {
  it.each([500, 502, 503])('%i: waits, keeps everything pending, then succeeds', async (status) => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 4);
    server.faults.push({ type: 'status', status });

    const outcome = await drainOutbox(deps(db, server));
    expect(outcome.status).toBe('waiting');
    const state = await readSyncState(db);
    expect(state).toMatchObject({ failures: 1, lastError: 'server' });
    expect(Date.parse(state.nextAttemptAt ?? '')).toBeGreaterThan(clock);
    expect(await pendingCount(db)).toBe(4); // not refused: the server's fault
    await expectNothingLost(db, server, ids);

    clock += 60_000;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 4, rejected: 0 });
    await expectSettled(db, server, ids);
  });

  it('429 with Retry-After: 120 waits at least two minutes, then succeeds', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 4);
    server.faults.push({ type: 'status', status: 429, headers: { 'Retry-After': '120' }, body: '{"error":"rate-limited"}' });

    const outcome = await drainOutbox(deps(db, server, { random: () => 1 }));
    expect(outcome.status).toBe('waiting');
    if (outcome.status !== 'waiting') return;
    expect(outcome.retryInMs).toBeGreaterThanOrEqual(120_000);
    const state = await readSyncState(db);
    expect(state.lastError).toBe('rate-limited');
    expect(Date.parse(state.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(clock + 120_000);
    await expectNothingLost(db, server, ids);

    clock += outcome.retryInMs;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 4, rejected: 0 });
    await expectSettled(db, server, ids);
  });

  it('503 with Retry-After as an HTTP date is honoured', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 2);
    server.faults.push({ type: 'status', status: 503, headers: { 'Retry-After': new Date(START + 600_000).toUTCString() } });
    const outcome = await drainOutbox(deps(db, server));
    expect(outcome.status === 'waiting' && outcome.retryInMs).toBeGreaterThanOrEqual(600_000);
    clock += 600_000;
    await drainOutbox(deps(db, server));
    await expectSettled(db, server, ids);
  });

  it('a failure after some batches got through keeps the count of what was sent', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 250);
    server.faults.push({ type: 'pass' }, { type: 'status', status: 503 });
    const outcome = await drainOutbox(deps(db, server));
    expect(outcome).toMatchObject({ status: 'waiting', sent: 200, rejected: 0 });
    expect(await db.outbox.count()).toBe(50);
    await expectNothingLost(db, server, ids);
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 50, rejected: 0 });
    await expectSettled(db, server, ids);
  });
});

describe('the answer is lost after the server stored the batch', () => {
  it('the next drain re-sends, the server says duplicate, the device marks them synced', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 5);
    server.faults.push({ type: 'lost-answer' });

    const first = await drainOutbox(deps(db, server));
    expect(first.status).toBe('waiting');
    expect(server.stored.size).toBe(5); // the server has them...
    expect(await db.records.count()).toBe(5); // ...but the device cannot know: it keeps them
    expect((await db.outbox.toArray()).every((r) => r.frozen && r.state === 'pending')).toBe(true);
    await expectNothingLost(db, server, ids);

    clock += 10_000;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 5, rejected: 0 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.ids.sort()).toEqual([...ids].sort());
    await expectSettled(db, server, ids);
  });

  it('works when the lost answer was for the second of three batches', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 450);
    server.faults.push({ type: 'pass' }, { type: 'lost-answer' });
    expect(await drainOutbox(deps(db, server))).toMatchObject({ status: 'waiting', sent: 200 });
    expect(server.stored.size).toBe(400);
    expect(await db.outbox.count()).toBe(250);
    await expectNothingLost(db, server, ids);

    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 250, rejected: 0 });
    await expectSettled(db, server, ids);
  });

  it('a 200 with a body that is not a sync answer after storing is treated the same way', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 3);
    server.faults.push({ type: 'garbage', body: '{"ok":true}', store: true });
    expect((await drainOutbox(deps(db, server))).status).toBe('waiting');
    expect(await db.records.count()).toBe(3);
    await drainOutbox(deps(db, server));
    await expectSettled(db, server, ids);
  });
});

describe('a record the server refuses', () => {
  it('the valid ones are synced, the invalid one stays on the device as rejected, and is not retried automatically', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const before = await seedPledges(db, 3);
    // An older app version allowed longer names: this record reached the outbox unchecked.
    const bad = await injectRaw(db, { pledgeVersion: '2026-1', name: 'N'.repeat(61) }, new Date(START - 3_600_000).toISOString());
    const after = await seedPledges(db, 3, (i) => 86_400_000 - 60_000 + i);
    const ids = [...before, bad, ...after];

    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 6, rejected: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.ids).toContain(bad);
    expect(await db.outbox.get(bad)).toMatchObject({
      state: 'rejected',
      frozen: true,
      rejection: { reason: 'invalid-field', field: 'data.name', code: 'too-long' },
    });
    expect((await db.records.get(bad))?.envelope.data.name).toBe('N'.repeat(61)); // kept for a person to see
    await expectSettled(db, server, ids, [bad]);

    // The next drain leaves it alone: no request at all.
    clock += 60_000;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'idle', sent: 0, rejected: 0 });
    expect(server.requests).toHaveLength(1);
    expect((await readSyncState(db)).failures).toBe(0);

    // A person asks to try again: it goes back in the queue (and is refused again, being still too long).
    expect(await retryRejected(db)).toBe(1);
    const row = await db.outbox.get(bad);
    expect(row?.state).toBe('pending');
    expect(row).not.toHaveProperty('rejection');
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 0, rejected: 1 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.ids).toEqual([bad]);
    await expectSettled(db, server, ids, [bad]);
  });

  it('retryRejected gets a refused record through once the server is fixed', async () => {
    const db = freshDb();
    // The device's profile already has a new ward; the server's has not been updated yet.
    const withNewWard: TownProfile = { ...lutonProfile, wards: [...lutonProfile.wards, { id: 'new-ward', name: 'New Ward' }] };
    const server = createFakeServer({ now, profile: lutonProfile });
    const saved = await saveRecord(db, pledgeSpec(withNewWard), { pledgeVersion: '2026-1', name: 'Amina', ward: 'new-ward' }, 'en');
    if (!saved.ok) throw new Error('save failed');
    const others = await seedPledges(db, 2);
    const ids = [saved.id, ...others];

    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 2, rejected: 1 });
    expect((await db.outbox.get(saved.id))?.rejection).toEqual({ reason: 'invalid-field', field: 'data.ward', code: 'invalid-choice' });
    await expectSettled(db, server, ids, [saved.id]);

    server.profile = withNewWard;
    expect(await drainOutbox(deps(db, server))).toMatchObject({ status: 'idle' }); // still not automatic
    expect(await retryRejected(db)).toBe(1);
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 1, rejected: 0 });
    expect(server.stored.get(saved.id)?.record.data.ward).toBe('new-ward');
    await expectSettled(db, server, ids);
  });
});

describe('413: the batch is too large for the server', () => {
  it('halves the batch until the server takes it, and still gets everything through', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    server.maxRecords = 30;
    const ids = await seedPledges(db, 450);

    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 450, rejected: 0 });
    const sizes = server.requests.map((r) => r.ids.length);
    expect(sizes.slice(0, 4)).toEqual([200, 100, 50, 25]);
    expect(server.requests.filter((r) => r.outcome === 'too-large').map((r) => r.ids.length)).toEqual([200, 100, 50]);
    expect(server.requests.filter((r) => r.outcome === 'answered').every((r) => r.ids.length <= 30)).toBe(true);
    expect((await readSyncState(db)).failures).toBe(0);
    await expectSettled(db, server, ids);
  });

  it('a single record the server can never take is refused, not retried forever', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 1);
    server.faults.push({ type: 'status', status: 413, body: '{"error":"body-too-large"}' });
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 0, rejected: 1 });
    expect((await db.outbox.get(ids[0] ?? ''))?.rejection).toEqual({ reason: 'body-too-large' });
    await expectSettled(db, server, ids, ids);
  });
});

describe('a server answering garbage', () => {
  it.each([
    ['an HTML page (captive portal)', '<html><body>Sign in to Free WiFi</body></html>'],
    ['truncated JSON', '{"results":[{"id":"'],
    ['JSON of the wrong shape', '{"results":"ok"}'],
    ['a result with an unknown status', '{"results":[{"id":"x","status":"maybe"}],"receivedAt":"now"}'],
  ])('%s: waits, nothing lost', async (_label, body) => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 3);
    server.faults.push({ type: 'garbage', body, store: false });

    const outcome = await drainOutbox(deps(db, server));
    expect(outcome.status).toBe('waiting');
    expect((await readSyncState(db)).lastError).toBe('server');
    expect(await db.records.count()).toBe(3);
    expect(await pendingCount(db)).toBe(3);
    await expectNothingLost(db, server, ids);

    clock += 60_000;
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'sent', sent: 3, rejected: 0 });
    await expectSettled(db, server, ids);
  });

  it('a well-formed answer about none of the records sent waits instead of looping', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 2);
    server.faults.push({ type: 'garbage', body: JSON.stringify({ results: [], receivedAt: new Date(START).toISOString() }), store: false });
    expect((await drainOutbox(deps(db, server))).status).toBe('waiting');
    expect(server.requests).toHaveLength(1);
    await drainOutbox(deps(db, server));
    await expectSettled(db, server, ids);
  });
});

describe('only one drain at a time', () => {
  async function holdFirstDrain(db: ManyVoicesDb, server: FakeServer, extra: Partial<EngineDeps> = {}) {
    let release!: () => void;
    server.gate = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (server.onRequest = resolve));
    const first = drainOutbox(deps(db, server, extra));
    await reached;
    return { first, release };
  }

  it('with the default lock, a second drain while one runs is busy; each record reaches the server once', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 250);
    const { first, release } = await holdFirstDrain(db, server);

    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'busy' });
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'busy' });
    server.gate = undefined;
    release();
    expect(await first).toEqual({ status: 'sent', sent: 250, rejected: 0 });

    const sent = server.requests.flatMap((r) => r.ids);
    expect(sent).toHaveLength(250);
    expect(new Set(sent).size).toBe(250);
    expect(server.maxInFlight).toBe(1);
    await expectSettled(db, server, ids);
    // The lock is released afterwards.
    expect(await drainOutbox(deps(db, server))).toEqual({ status: 'idle', sent: 0, rejected: 0 });
  });

  it('with an injected lock shared by two contexts (page and service worker)', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 5);
    let held = false;
    const sharedLock = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      if (held) return undefined;
      held = true;
      try {
        return await fn();
      } finally {
        held = false;
      }
    };
    const { first, release } = await holdFirstDrain(db, server, { withLock: sharedLock });
    expect(held).toBe(true);
    const otherContext = createFakeServer({ now }); // would be a separate fetch in the worker
    expect(await drainOutbox({ db, fetch: otherContext.fetch, now, withLock: sharedLock })).toEqual({ status: 'busy' });
    expect(otherContext.requests).toHaveLength(0);
    server.gate = undefined;
    release();
    expect(await first).toEqual({ status: 'sent', sent: 5, rejected: 0 });
    expect(held).toBe(false);
    await expectSettled(db, server, ids);
  });

  it('the lock is released when a drain fails', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    const ids = await seedPledges(db, 2);
    server.faults.push({ type: 'offline' });
    expect((await drainOutbox(deps(db, server))).status).toBe('waiting');
    expect((await drainOutbox(deps(db, server))).status).toBe('sent');
    await expectSettled(db, server, ids);
  });
});

describe('order', () => {
  it('records are sent oldest first, across batches, whatever order they were saved in', async () => {
    const db = freshDb();
    const server = createFakeServer({ now });
    // Saved in a shuffled order of creation times (e.g. a device clock corrected mid-event).
    const offsets = Array.from({ length: 250 }, (_, i) => ((i * 97) % 250) * 1000);
    const ids = await seedPledges(db, 250, (i) => offsets[i] ?? 0);

    await drainOutbox(deps(db, server));
    expect(server.requests.map((r) => r.ids.length)).toEqual([200, 50]);
    const sentCreatedAts = server.requests.flatMap((r) => r.createdAts);
    expect(sentCreatedAts).toEqual([...sentCreatedAts].sort());
    const firstBatchNewest = server.requests[0]?.createdAts.at(-1) ?? '';
    const secondBatchOldest = server.requests[1]?.createdAts[0] ?? '';
    expect(firstBatchNewest < secondBatchOldest).toBe(true);
    await expectSettled(db, server, ids);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('scheduler', () => {
  const waiting = (retryInMs: number): DrainOutcome => ({ status: 'waiting', retryInMs, sent: 0, rejected: 0 });
  const sent: DrainOutcome = { status: 'sent', sent: 1, rejected: 0 };

  function harness(options: { next?: number; outcomes?: DrainOutcome[] } = {}) {
    let t = START;
    let next = options.next;
    const outcomes = [...(options.outcomes ?? [])];
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const drain = vi.fn(async (): Promise<DrainOutcome> => outcomes.shift() ?? sent);
    const scheduler = createSyncScheduler({
      drain,
      nextAttemptAt: async () => next,
      now: () => t,
      setTimer: (fn, ms) => {
        const timer = { fn, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    });
    return {
      scheduler,
      drain,
      timers,
      setNext: (value: number | undefined) => (next = value),
      advance: (ms: number) => (t += ms),
    };
  }

  it.each(['start', 'visible', 'timer'] as const)('the automatic trigger %s respects nextAttemptAt', async (trigger) => {
    const h = harness({ next: START + 30_000 });
    await h.scheduler.request(trigger);
    expect(h.drain).not.toHaveBeenCalled();
    h.advance(30_000);
    await h.scheduler.request(trigger);
    expect(h.drain).toHaveBeenCalledTimes(1);
  });

  it.each(['manual', 'online'] as const)('%s tries at once, whatever the backoff', async (trigger) => {
    const h = harness({ next: START + 300_000 });
    await h.scheduler.request(trigger);
    expect(h.drain).toHaveBeenCalledTimes(1);
  });

  it('automatic triggers drain when there is no backoff', async () => {
    const h = harness({ next: undefined });
    await h.scheduler.request('start');
    expect(h.drain).toHaveBeenCalledTimes(1);
  });

  it('a waiting outcome schedules a retry after retryInMs, and the retry drains', async () => {
    const h = harness({ outcomes: [waiting(8_000)] });
    await h.scheduler.request('manual');
    expect(h.drain).toHaveBeenCalledTimes(1);
    expect(h.timers).toHaveLength(1);
    expect(h.timers[0]?.ms).toBe(8_000);

    h.setNext(START + 8_000);
    h.advance(8_000);
    h.timers[0]?.fn();
    await vi.waitFor(() => expect(h.drain).toHaveBeenCalledTimes(2));
    expect(h.timers).toHaveLength(1); // sent: no further retry
  });

  it('a new waiting outcome replaces the pending retry rather than adding one', async () => {
    const h = harness({ outcomes: [waiting(2_000), waiting(4_000)] });
    await h.scheduler.request('manual');
    await h.scheduler.request('manual');
    expect(h.timers.map((t) => [t.ms, t.cleared])).toEqual([
      [2_000, true],
      [4_000, false],
    ]);
  });

  it('a request during a running drain causes one more drain afterwards, never two at once', async () => {
    let active = 0;
    let maxActive = 0;
    const releases: (() => void)[] = [];
    const drain = vi.fn(async (): Promise<DrainOutcome> => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => releases.push(resolve));
      active--;
      return sent;
    });
    const scheduler = createSyncScheduler({ drain, nextAttemptAt: async () => undefined, setTimer: () => 0, clearTimer: () => {} });

    const first = scheduler.request('start');
    await vi.waitFor(() => expect(drain).toHaveBeenCalledTimes(1));
    const during = [scheduler.request('saved'), scheduler.request('manual'), scheduler.request('visible'), scheduler.request('online')];
    await new Promise((r) => setTimeout(r, 0));
    expect(drain).toHaveBeenCalledTimes(1);

    releases.shift()?.();
    await vi.waitFor(() => expect(drain).toHaveBeenCalledTimes(2));
    releases.shift()?.();
    await Promise.all([first, ...during]);
    expect(drain).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);

    // Afterwards the scheduler is idle again and a new request drains once.
    const later = scheduler.request('manual');
    await vi.waitFor(() => expect(drain).toHaveBeenCalledTimes(3));
    releases.shift()?.();
    await later;
    expect(maxActive).toBe(1);
  });

  it('with the clock and timers faked: offline, retry on schedule, then everything is sent', async () => {
    const db = freshDb();
    const server = createFakeServer();
    const ids = await seedPledges(db, 3);
    // IndexedDB (fake-indexeddb) schedules with setImmediate: leave that real, fake the clock and setTimeout.
    vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 2_000 && !done(); i++) await new Promise<void>((r) => setImmediate(r));
      expect(done()).toBe(true);
    };
    try {
      server.faults.push({ type: 'offline' }, { type: 'offline' });
      const drains: DrainOutcome[] = [];
      const scheduler = createSyncScheduler({
        drain: async () => {
          const outcome = await drainOutbox({ db, fetch: server.fetch, random: () => 1 });
          drains.push(outcome);
          return outcome;
        },
        nextAttemptAt: async () => {
          const next = (await readSyncState(db)).nextAttemptAt;
          return next ? Date.parse(next) : undefined;
        },
      });

      await scheduler.request('start');
      expect(drains.map((d) => d.status)).toEqual(['waiting']);
      expect(Date.parse((await readSyncState(db)).nextAttemptAt ?? '')).toBe(START + BACKOFF.baseMs);
      // An automatic trigger inside the backoff does nothing.
      await scheduler.request('visible');
      expect(drains).toHaveLength(1);

      vi.advanceTimersByTime(BACKOFF.baseMs - 1);
      await settle(() => true);
      expect(drains).toHaveLength(1); // not a millisecond early
      vi.advanceTimersByTime(1); // the first retry: offline again
      await settle(() => drains.length === 2);
      expect(drains[1]?.status).toBe('waiting');
      expect((await readSyncState(db)).failures).toBe(2);

      vi.advanceTimersByTime(BACKOFF.baseMs * 2); // the second retry goes through
      await settle(() => drains.length === 3);
      expect(drains[2]).toEqual({ status: 'sent', sent: 3, rejected: 0 });
      await expectSettled(db, server, ids);
    } finally {
      vi.useRealTimers();
    }
  });
});
