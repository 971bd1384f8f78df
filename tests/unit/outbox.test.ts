import { pledgeSpec } from '../../src/core/records/pledge';
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { ManyVoicesDb } from '../../src/app/data/db';
import { correctRecord, discardRecord, retryRejected, saveRecord, shortRef } from '../../src/app/data/records';
import { drainOutbox } from '../../src/app/sync/engine';
import { createFakeServer } from './support/fakeSyncServer';

const opened: ManyVoicesDb[] = [];
let counter = 0;
function freshDb(): ManyVoicesDb {
  const db = new ManyVoicesDb(`outbox-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const pledge = (over: Record<string, unknown> = {}) => ({ pledgeVersion: '2026-1', name: 'Amina', ward: 'biscot', ...over });
/** A drain that holds no shared lock, so a drain that never ends cannot block the next test. */
const noLock = <T>(fn: () => Promise<T>) => fn();

async function saved(db: ManyVoicesDb, data = pledge()): Promise<string> {
  const result = await saveRecord(db, pledgeSpec(lutonProfile), data, 'en');
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result.errors)}`);
  return result.id;
}

/** Start a drain whose request reaches the network and then never comes back (a dead connection). */
function startHangingDrain(db: ManyVoicesDb): Promise<void> {
  return new Promise<void>((reached) => {
    void drainOutbox({
      db,
      withLock: noLock,
      fetch: () => {
        reached();
        return new Promise<Response>(() => {});
      },
    });
  });
}

describe('saveRecord', () => {
  it('writes the record and its outbox row together', async () => {
    const db = freshDb();
    const when = new Date('2026-03-01T10:00:00.000Z');
    const result = await saveRecord(db, pledgeSpec(lutonProfile), pledge({ name: '  Amina  Khan ' }), 'ur', when);
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const stored = await db.records.get(result.id);
    expect(stored?.envelope).toMatchObject({
      id: result.id,
      kind: 'pledge',
      schemaVersion: 1,
      createdAt: '2026-03-01T10:00:00.000Z',
      locale: 'ur',
      data: { name: 'Amina Khan', ward: 'biscot', pledgeVersion: '2026-1', showMessage: false, emailConsent: false },
    });
    expect(await db.outbox.get(result.id)).toEqual({
      id: result.id,
      kind: 'pledge',
      createdAt: '2026-03-01T10:00:00.000Z',
      state: 'pending',
      frozen: false,
      attempts: 0,
    });
    // The outbox row carries no personal data: only the record does.
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain('Amina');
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.ref).toBe(shortRef(result.id));
  });

  it('an invalid record writes neither, and says which field is wrong (by its name in the form)', async () => {
    const db = freshDb();
    const result = await saveRecord(db, pledgeSpec(lutonProfile), pledge({ name: ' ', email: 'amina@example.org' }), 'en');
    expect(result).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'emailConsent', code: 'consent-required' },
      ]) as unknown,
    });
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    const longName = await saveRecord(db, pledgeSpec(lutonProfile), pledge({ name: 'n'.repeat(61) }), 'en');
    expect(longName).toEqual({ ok: false, errors: [{ field: 'name', code: 'too-long' }] });
    const badWard = await saveRecord(db, pledgeSpec(lutonProfile), pledge({ ward: 'nowhere' }), 'en');
    expect(badWard).toEqual({ ok: false, errors: [{ field: 'ward', code: 'invalid-choice' }] });
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('if the outbox write fails, the record is not left behind either', async () => {
    const db = freshDb();
    const first = await saved(db);
    const diskFull = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', diskFull);
    try {
      await expect(saveRecord(db, pledgeSpec(lutonProfile), pledge({ name: 'Bilal' }), 'en')).rejects.toThrow('disk full');
    } finally {
      db.outbox.hook('creating').unsubscribe(diskFull);
    }
    expect((await db.records.toArray()).map((r) => r.id)).toEqual([first]);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([first]);
  });

  it('each record gets its own id, and each save is a separate pledge', async () => {
    const db = freshDb();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add(await saved(db, pledge({ name: `Resident ${i}` })));
    expect(ids.size).toBe(20);
    expect(await db.outbox.count()).toBe(20);
  });
});

describe('correctRecord', () => {
  it('corrects a record before the first send, and the corrected version is what the server gets', async () => {
    const db = freshDb();
    const id = await saved(db, pledge({ name: 'Amnia' }));
    expect(await correctRecord(db, pledgeSpec(lutonProfile), id, pledge({ name: ' Amina ' }))).toEqual({ ok: true });
    expect((await db.records.get(id))?.envelope.data.name).toBe('Amina');
    const row = await db.outbox.get(id);
    expect(row).toMatchObject({ state: 'pending', frozen: false, attempts: 0 });

    const server = createFakeServer();
    expect(await drainOutbox({ db, fetch: server.fetch, withLock: noLock })).toMatchObject({ status: 'sent', sent: 1 });
    expect(server.stored.get(id)?.record.data.name).toBe('Amina');
  });

  it('an invalid correction changes nothing and names the wrong field', async () => {
    const db = freshDb();
    const id = await saved(db);
    const result = await correctRecord(db, pledgeSpec(lutonProfile), id, pledge({ name: '' }));
    expect(result.ok).toBe(false);
    expect('errors' in result && result.errors.map((e) => e.code)).toEqual(['required']);
    expect((await db.records.get(id))?.envelope.data.name).toBe('Amina');
  });

  it('names the wrong field the same way saveRecord does ("name", not "data.name")', async () => {
    const db = freshDb();
    const id = await saved(db);
    const result = await correctRecord(db, pledgeSpec(lutonProfile), id, pledge({ name: '' }));
    expect(result).toEqual({ ok: false, errors: [{ field: 'name', code: 'required' }] });
  });

  it('is refused once a send has started, even if the answer never comes', async () => {
    const db = freshDb();
    const id = await saved(db);
    await startHangingDrain(db);
    expect((await db.outbox.get(id))?.frozen).toBe(true);
    expect(await correctRecord(db, pledgeSpec(lutonProfile), id, pledge({ name: 'Someone else' }))).toEqual({ ok: false, reason: 'frozen' });
    expect((await db.records.get(id))?.envelope.data.name).toBe('Amina');
  });

  it('is refused after a send that failed (the server may have the record already)', async () => {
    const db = freshDb();
    const id = await saved(db);
    const outcome = await drainOutbox({
      db,
      withLock: noLock,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(outcome.status).toBe('waiting');
    expect(await db.outbox.get(id)).toMatchObject({ state: 'pending', frozen: true, attempts: 1 });
    expect(await correctRecord(db, pledgeSpec(lutonProfile), id, pledge({ name: 'Changed' }))).toEqual({ ok: false, reason: 'frozen' });
  });

  it('says not-found for a record that is not on the device (e.g. already synced)', async () => {
    const db = freshDb();
    const id = await saved(db);
    const server = createFakeServer();
    await drainOutbox({ db, fetch: server.fetch, withLock: noLock });
    expect(await correctRecord(db, pledgeSpec(lutonProfile), id, pledge())).toEqual({ ok: false, reason: 'not-found' });
    expect(await correctRecord(db, pledgeSpec(lutonProfile), '01900000-0000-7000-8000-000000000000', pledge())).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('discardRecord', () => {
  it('removes a record that was never sent, with its outbox row', async () => {
    const db = freshDb();
    const keep = await saved(db, pledge({ name: 'Keep' }));
    const drop = await saved(db, pledge({ name: 'Drop' }));
    expect(await discardRecord(db, drop)).toBe(true);
    expect(await db.records.get(drop)).toBeUndefined();
    expect(await db.outbox.get(drop)).toBeUndefined();
    expect(await db.records.get(keep)).toBeDefined();
    expect(await discardRecord(db, drop)).toBe(false); // already gone

    const server = createFakeServer();
    await drainOutbox({ db, fetch: server.fetch, withLock: noLock });
    expect([...server.stored.keys()]).toEqual([keep]);
  });

  it('is refused once a send has started', async () => {
    const db = freshDb();
    const id = await saved(db);
    await startHangingDrain(db);
    expect(await discardRecord(db, id)).toBe(false);
    expect(await db.records.get(id)).toBeDefined();
    expect(await db.outbox.get(id)).toBeDefined();
  });

  it('is refused after a failed send', async () => {
    const db = freshDb();
    const id = await saved(db);
    await drainOutbox({ db, withLock: noLock, fetch: () => Promise.reject(new TypeError('offline')) });
    expect(await discardRecord(db, id)).toBe(false);
    expect(await db.records.get(id)).toBeDefined();
    expect(await db.outbox.get(id)).toBeDefined();
  });
});

describe('shortRef', () => {
  it('is the last 6 characters of the id, upper case, without dashes', () => {
    expect(shortRef('01900000-0000-7000-8000-00000a1b2c3d')).toBe('1B2C3D');
    expect(shortRef('01900000-0000-7000-8000-0000000abcde')).toBe('0ABCDE');
  });

  it('is 6 upper-case letters or digits for every saved record', async () => {
    const db = freshDb();
    for (let i = 0; i < 10; i++) {
      const result = await saveRecord(db, pledgeSpec(lutonProfile), pledge(), 'en');
      if (!result.ok) throw new Error('save failed');
      expect(result.ref).toMatch(/^[0-9A-F]{6}$/);
      expect(result.ref).toBe(result.id.replace(/-/g, '').slice(-6).toUpperCase());
    }
  });
});

describe('an app update', () => {
  it('opens the outbox the first released version wrote, with nothing lost, and sends it', async () => {
    const name = `outbox-upgrade-${process.pid}-${Math.random().toString(36).slice(2)}`;
    // The database exactly as the first release declared it.
    const old = new Dexie(name);
    old.version(1).stores({ records: 'id', outbox: 'id, state, createdAt', receipts: 'id, kind, syncedAt', meta: 'key' });
    const fresh = freshDb(); // only to build valid envelopes with today's code
    const a = await saved(fresh, pledge({ name: 'Waiting' }));
    const b = await saved(fresh, pledge({ name: 'Refused' }));
    const records = await fresh.records.toArray();
    const rows = await fresh.outbox.toArray();
    await old.table('records').bulkAdd(records);
    await old.table('outbox').bulkAdd(
      rows.map((r) => (r.id === b ? { ...r, state: 'rejected', frozen: true, attempts: 1, rejection: { reason: 'id-conflict' } } : r)),
    );
    await old.table('receipts').add({ id: '01900000-0000-7000-8000-0000000000aa', kind: 'pledge', createdAt: '2026-01-01T00:00:00.000Z', syncedAt: '2026-01-01T00:01:00.000Z' });
    old.close();

    const db = new ManyVoicesDb(name);
    opened.push(db);
    expect((await db.records.toArray()).map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(await db.receipts.count()).toBe(1);
    const server = createFakeServer();
    expect(await drainOutbox({ db, fetch: server.fetch, withLock: noLock })).toEqual({ status: 'sent', sent: 1, rejected: 0 });
    expect([...server.stored.keys()]).toEqual([a]);
    expect(await retryRejected(db)).toBe(1);
    expect(await drainOutbox({ db, fetch: server.fetch, withLock: noLock })).toEqual({ status: 'sent', sent: 1, rejected: 0 });
    expect(server.stored.size).toBe(2);
    expect(await db.receipts.count()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });
});
