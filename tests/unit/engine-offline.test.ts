import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ManyVoicesDb } from '../../src/app/data/db';
import { correctRecord, saveRecord } from '../../src/app/data/records';
import { drainOutbox, readSyncState } from '../../src/app/sync/engine';
import { lutonProfile } from '../../src/core/profile/luton';
import { feedbackSchema } from '../../src/core/records/feedback';

/**
 * A browser that knows it is offline (navigator.onLine false) does not start a send: nothing is frozen, so
 * a worker offline all day can still correct a point. The fetch is never called.
 */
const spec = { kind: 'feedback' as const, schemaVersion: 1, schema: feedbackSchema(lutonProfile) };
const point = (text: string) => ({ eventId: '01900000-0000-7000-8000-000000000001', theme: 'youth', lens: 'voice', text, form: 'summary', source: 'worker' });

const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
function setOnline(onLine: boolean | undefined) {
  Object.defineProperty(globalThis, 'navigator', { value: onLine === undefined ? undefined : { onLine }, configurable: true, writable: true });
}
afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'navigator', original);
  else delete (globalThis as { navigator?: unknown }).navigator;
});

describe('sync engine while the browser says it is offline', () => {
  it('freezes nothing and calls no server, so the point can still be corrected; online, it is sent', async () => {
    const db = new ManyVoicesDb(`offline-${Math.random()}`);
    const saved = await saveRecord(db, spec, point('Buses stop too early'), 'en');
    if (!saved.ok) throw new Error('not saved');
    let calls = 0;
    const fetch = (async () => {
      calls += 1;
      return new Response(JSON.stringify({ results: [{ id: saved.id, status: 'stored' }], receivedAt: new Date().toISOString() }), { status: 200 });
    }) as typeof globalThis.fetch;

    setOnline(false);
    const offline = await drainOutbox({ db, fetch, withLock: (fn) => fn() });
    expect(offline.status).toBe('waiting');
    expect(calls).toBe(0);
    expect((await db.outbox.get(saved.id))?.frozen).toBe(false);
    expect((await readSyncState(db)).lastError).toBe('offline');
    await expect(correctRecord(db, spec, saved.id, point('Buses stop too early at night'))).resolves.toEqual({ ok: true });

    setOnline(true);
    const online = await drainOutbox({ db, fetch, withLock: (fn) => fn() });
    expect(online).toMatchObject({ status: 'sent', sent: 1 });
    expect(calls).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    db.close();
    await db.delete();
  });

  it('with nothing waiting, reports idle rather than a failure', async () => {
    const db = new ManyVoicesDb(`offline-empty-${Math.random()}`);
    setOnline(false);
    const outcome = await drainOutbox({ db, fetch: (async () => new Response('{}')) as typeof fetch, withLock: (fn) => fn() });
    expect(outcome.status).toBe('idle');
    expect((await readSyncState(db)).failures).toBe(0);
    db.close();
    await db.delete();
  });
});
