import Dexie, { liveQuery } from 'dexie';
import { createSignal, from, type Accessor } from 'solid-js';
import type { Catalog } from '../core/sync';
import { cachedCatalog, isBuiltIn, markBuiltIn, refreshCatalog } from './data/catalog';
import { setLanguage } from './i18n';
import { database, getMeta, setMeta, type OutboxRow } from './data/db';
import { drainOutbox, pendingOldestFirst, readSyncState, type SyncState } from './sync/engine';
import { createSyncScheduler, type SyncTrigger } from './sync/scheduler';

/** What the whole app shares: the catalog in force, the sync status, and the way to ask for a sync. */
export const db = database();

// Set by loadCatalog() before the first render, so components can rely on it.
const [currentCatalog, setCatalog] = createSignal<Catalog>();
export const catalog = (): Catalog => {
  const c = currentCatalog();
  if (!c) throw new Error('loadCatalog() must run before the app renders');
  return c;
};
export const profile = () => catalog().profile;

export interface SyncStatus {
  waiting: number;
  refused: OutboxRow[];
  oldestWaiting?: string;
  sentOnDevice: number;
  state: SyncState;
  storage?: 'persisted' | 'not-persisted' | 'unsupported';
}

const emptyStatus: SyncStatus = { waiting: 0, refused: [], sentOnDevice: 0, state: { failures: 0 } };

export const syncStatus: Accessor<SyncStatus> = from<SyncStatus>(
  liveQuery(async () => {
    const [waiting, oldestRow, refused, sentOnDevice, state, storage] = await Promise.all([
      pendingOldestFirst(db).count(),
      pendingOldestFirst(db).first(),
      db.outbox.where('[state+createdAt]').between(['rejected', Dexie.minKey], ['rejected', Dexie.maxKey]).toArray(),
      db.receipts.count(),
      readSyncState(db),
      getMeta<SyncStatus['storage']>(db, 'storage'),
    ]);
    const oldest = oldestRow?.createdAt;
    return {
      waiting,
      refused,
      sentOnDevice,
      state,
      ...(oldest ? { oldestWaiting: oldest } : {}),
      ...(storage ? { storage } : {}),
    };
  }),
  emptyStatus,
) as Accessor<SyncStatus>;

const scheduler = createSyncScheduler({
  drain: () => drainOutbox({ db, fetch: (...args) => fetch(...args) }),
  nextAttemptAt: async () => {
    const next = (await readSyncState(db)).nextAttemptAt;
    return next ? Date.parse(next) : undefined;
  },
});

export function requestSync(trigger: SyncTrigger): Promise<void> {
  return scheduler.request(trigger).then(async () => {
    if (trigger !== 'saved') return;
    // Where the browser has Background Sync, it will drain the outbox even if the page is closed.
    const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register('many-voices-outbox').catch(() => undefined);
  });
}

export async function loadCatalog(): Promise<Catalog> {
  const cached = await cachedCatalog(db);
  setCatalog(cached);
  return cached;
}

/**
 * Switch the app to a language: its strings, and (while the device has only the built-in catalog) the
 * profile's texts in it, both from their own precached chunks.
 */
export async function chooseLanguage(code: string): Promise<void> {
  await Promise.all([setLanguage(code, catalog().profile.languages), addBuiltInProfileTexts(code)]);
}

async function addBuiltInProfileTexts(code: string): Promise<void> {
  const before = catalog();
  if (!isBuiltIn(before) || typeof before.profile.pledge.title[code] === 'string') return;
  const { withBuiltInTexts } = await import('./data/profileTexts');
  const profile = await withBuiltInTexts(before.profile, code);
  // The server's catalog may have arrived meanwhile: it has every language already.
  if (profile && currentCatalog() === before) setCatalog(markBuiltIn({ ...before, profile }));
}

const [catalogAsked, setCatalogAsked] = createSignal(false);
/**
 * True on a first visit until the server has answered (or could not be reached): the device has only the
 * built-in catalog, which lists no panels or outcomes yet. Pages that list those wait rather than say
 * "none" and then jump when the catalog arrives.
 */
export const awaitingFirstCatalog = (): boolean => isBuiltIn(catalog()) && !catalogAsked();

export async function updateCatalog(): Promise<void> {
  try {
    const fresh = await refreshCatalog(db);
    if (fresh) setCatalog(fresh);
  } finally {
    setCatalogAsked(true);
  }
}

/** Ask the browser to keep our data under storage pressure, once, after the first saved record. */
export async function askForPersistentStorage(): Promise<void> {
  if (await getMeta(db, 'storage')) return;
  const storage = navigator.storage;
  if (!storage?.persist) return setMeta(db, 'storage', 'unsupported');
  const granted = (await storage.persisted()) || (await storage.persist());
  await setMeta(db, 'storage', granted ? 'persisted' : 'not-persisted');
}

/** Wire the sync triggers of the design: start, online, page visible, a timer while open. */
export function startSyncTriggers(): void {
  window.addEventListener('online', () => void requestSync('online'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      void requestSync('visible');
      void updateCatalog();
    }
  });
  setInterval(() => void requestSync('timer'), 60_000);
  void requestSync('start');
}
