import { appReady, openBrowser, waitForServiceWorkerControl } from '../e2e/browser';
import type { RunningServer } from '../e2e/server';
import { fmt } from './stats';

const COUNT = 5000;

/**
 * 5,000 pledges waiting in a real Chromium's IndexedDB (written offline, in the app's own layout of record
 * + outbox row), then the network comes back: time until the server holds them all and the outbox is empty.
 */
export async function benchDrain(server: RunningServer): Promise<string[]> {
  const browser = await openBrowser();
  const { page, context } = browser;
  page.on('console', (m) => { if (m.text().startsWith('BATCH')) console.log(m.text()); });
  await page.goto(server.url);
  await appReady(page);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  const before = Number((await server.db.db.selectFrom('pledges').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('many-voices');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['records', 'outbox'], 'readwrite');
    const base = Date.now();
    for (let i = 0; i < count; i++) {
      const ms = (base + i).toString(16).padStart(12, '0');
      const rand = crypto.getRandomValues(new Uint8Array(10));
      const hex = [...rand].map((b) => b.toString(16).padStart(2, '0')).join('');
      const id = `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex.slice(0, 3)}-${((parseInt(hex[3] ?? '0', 16) & 3) | 8).toString(16)}${hex.slice(4, 7)}-${hex.slice(7, 19).padEnd(12, '0')}`;
      const createdAt = new Date(base + i).toISOString();
      const envelope = { id, kind: 'pledge', schemaVersion: 1, createdAt, locale: 'en', data: { pledgeVersion: '2026-1', name: `Offline resident ${i}`, showMessage: false, emailConsent: false } };
      tx.objectStore('records').put({ id, envelope });
      tx.objectStore('outbox').put({ id, kind: 'pledge', createdAt, state: 'pending', frozen: false, attempts: 0 });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, COUNT);

  const start = performance.now();
  await context.setOffline(false); // the app's 'online' trigger starts the drain
  let stored = 0;
  for (;;) {
    stored = Number((await server.db.db.selectFrom('pledges').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) - before;
    if (stored >= COUNT) break;
    if (performance.now() - start > 120_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const serverDone = performance.now() - start;
  await page.waitForFunction(() => document.querySelector('.sync-badge:not(.sync-badge--waiting)') !== null, undefined, { timeout: 120_000 });
  const deviceDone = performance.now() - start;
  await browser.close();
  return [
    `  ${fmt(stored, 0)} of ${COUNT} pledges on the server after ${fmt(serverDone / 1000, 2)} s; device shows all sent after ${fmt(deviceDone / 1000, 2)} s`,
    '  goal: ≤ 15 s (rate limit raised for the bench: one client sending 5,000 public records)',
  ];
}
