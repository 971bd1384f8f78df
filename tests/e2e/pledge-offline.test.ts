import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, openBrowser, waitForServiceWorkerControl, type Browser, waitForAllSent } from './browser';
import { startServer, type RunningServer } from './server';

/** Count what this device's IndexedDB holds, as the app stores it. */
async function deviceCounts(browser: Browser) {
  return browser.page.evaluate(
    () =>
      new Promise<{ records: number; outbox: number; receipts: number; text: string }>((resolve, reject) => {
        const open = indexedDB.open('many-voices');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records', 'outbox', 'receipts'], 'readonly');
          const all = (name: string) =>
            new Promise<unknown[]>((res) => {
              const r = tx.objectStore(name).getAll();
              r.onsuccess = () => res(r.result);
            });
          void Promise.all([all('records'), all('outbox'), all('receipts')]).then(([records, outbox, receipts]) => {
            db.close();
            resolve({ records: records.length, outbox: outbox.length, receipts: receipts.length, text: JSON.stringify([records, outbox, receipts]) });
          });
        };
      }),
  );
}

describe('the harmony pledge, offline on a phone', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is installable and controlled by its service worker', async () => {
    const { page, context } = browser;
    await page.goto(server.url);
    await appReady(page);
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ id: '/', start_url: '/', scope: '/', display: 'standalone', short_name: 'Many Voices' });
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of [...manifest.icons, ...manifest.screenshots]) {
      expect((await fetch(`${server.url}${icon.src}`)).status, icon.src).toBe(200);
    }
  });

  it('loads with the network off, takes a pledge in Urdu, keeps it through a reload, and sends it when the network returns', async () => {
    const { page, context } = browser;
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await expect(page.locator('h1').textContent()).resolves.toContain('Many Voices');

    await page.selectOption('#language-select', 'ur');
    // The Urdu translations load on demand (from the service worker's cache: we are offline).
    await page.waitForFunction(() => document.documentElement.lang === 'ur');
    await expect(page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).resolves.toEqual(['ur', 'rtl']);
    await page.click('a.button--start');
    await page.click('button[type=submit]'); // I make this pledge
    await page.fill('#field-name', '  Ayesha  ');
    await page.click('button[type=submit]');
    await page.selectOption('#field-ward', 'biscot');
    await page.click('button[type=submit]');
    await page.fill('#field-message', 'لوٹن میرا گھر ہے');
    await page.check('#field-showMessage');
    await page.click('button[type=submit]');
    await page.click('button[type=submit]'); // no email
    await page.waitForURL('**/pledge/check');
    await page.click('button[type=submit]'); // sign

    await page.waitForURL('**/pledge/done');
    const confirmation = page.locator('.panel-confirmation');
    await expect(confirmation.isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => getComputedStyle(document.querySelector('.panel-confirmation h1')!).direction)).resolves.toBe('rtl');
    const reference = (await page.locator('.reference').textContent())?.trim();
    expect(reference).toMatch(/^[0-9A-F]{6}$/);
    // Saved on the device, not yet with the council.
    await expect(page.locator('.record-status').textContent()).resolves.toContain('ڈیوائس');

    await page.reload();
    await appReady(page);
    expect(await deviceCounts(browser)).toMatchObject({ records: 1, outbox: 1, receipts: 0 });
    await expect(page.locator('.sync-badge').textContent()).resolves.toMatch(/1/);
    const before = await server.db.db.selectFrom('pledges').selectAll().execute();
    expect(before).toHaveLength(0);

    await context.setOffline(false);
    await waitForAllSent(page);

    const rows = await server.db.db.selectFrom('pledges').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Ayesha',
      ward: 'biscot',
      message: 'لوٹن میرا گھر ہے',
      show_message: 1,
      email: null,
      locale: 'ur',
      moderation: 'pending',
    });
    expect(rows[0]?.id.replace(/-/g, '').slice(-6).toUpperCase()).toBe(reference);
    // The device kept a receipt and dropped the resident's words.
    const after = await deviceCounts(browser);
    expect(after).toMatchObject({ records: 0, outbox: 0, receipts: 1 });
    expect(after.text).not.toContain('Ayesha');
  });
});
