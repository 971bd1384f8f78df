import { appReady, openBrowser, waitForServiceWorkerControl } from '../e2e/browser';
import { deviceInvite, enrolTablet, staffAdmin } from '../e2e/enrolment';
import type { RunningServer } from '../e2e/server';
import { fmt, median, percentile } from './stats';

const SAVES = 60;
const WARM_UP = 5;

/**
 * Worker mode's "Save", on an enrolled tablet with no network and the CPU slowed 4× (DevTools protocol
 * Emulation.setCPUThrottlingRate, a mid-range phone): from the tap to the screen saying "Saved", which it
 * says only once the record and its outbox row are committed to IndexedDB.
 */
export async function benchSave(server: RunningServer): Promise<string[]> {
  const admin = await staffAdmin(server, 'bench.admin@example.org');
  const browser = await openBrowser();
  const { page, context } = browser;
  try {
    await enrolTablet(page, await deviceInvite(admin, 'Bench tablet'), '2468');
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.goto(`${server.url}/listen/new`);
    await appReady(page);
    await page.fill('#field-title', 'Pop-up, bench market');
    await page.getByRole('button', { name: 'Start the event' }).click();
    await page.waitForURL('**/listen/record');
    await page.click('.choice:has(input[name="theme"][value="housing"]) label');
    await page.click('.choice:has(input[name="lens"][value="change"]) label');

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const times: number[] = [];
    for (let i = 0; i < SAVES + WARM_UP; i++) {
      await page.fill('#field-text', `Point ${i}: rents rise faster than wages, and families move away from the town centre.`);
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const said = document.querySelector('.capture__said');
            const save = document.querySelector<HTMLButtonElement>('.capture__save');
            if (!said || !save) return reject(new Error('not on the capture screen'));
            const observer = new MutationObserver(() => {
              if (!said.textContent) return;
              observer.disconnect();
              resolve(performance.now() - start);
            });
            observer.observe(said, { childList: true, characterData: true, subtree: true });
            const start = performance.now();
            save.click();
          }),
      );
      if (i >= WARM_UP) times.push(ms);
    }
    // For scale: the same two writes as one bare IndexedDB transaction (no app, no Dexie, no checks).
    const bare: number[] = await page.evaluate(async (count) => {
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('bench-bare-floor', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('records', { keyPath: 'id' });
          open.result.createObjectStore('outbox', { keyPath: 'id' });
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const tx = idb.transaction(['records', 'outbox'], 'readwrite');
        const id = `${Date.now()}-${i}`;
        tx.objectStore('records').add({ id, envelope: { text: 'rents rise faster than wages', i } });
        tx.objectStore('outbox').add({ id, state: 'pending' });
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        out.push(performance.now() - start);
      }
      idb.close();
      indexedDB.deleteDatabase('bench-bare-floor');
      return out;
    }, SAVES);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // Every tap saved a point: the device lists them all.
    await page.waitForFunction((n) => document.querySelector('#points-title')?.textContent?.startsWith(`${n} points`), SAVES + WARM_UP, { timeout: 10_000 });
    return [
      `  tap "Save" → saved in IndexedDB, 4× CPU throttling, offline: median ${fmt(median(times))} ms, p95 ${fmt(percentile(times, 95))} ms over ${SAVES} saves`,
      `  for scale, the same two writes as a bare IndexedDB transaction: median ${fmt(median(bare))} ms, p95 ${fmt(percentile(bare, 95))} ms`,
      '  goal: under 50 ms (median and p95)',
    ];
  } finally {
    await browser.close();
  }
}
