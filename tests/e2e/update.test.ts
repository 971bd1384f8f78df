import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, openBrowser, waitForServiceWorkerControl, type Browser, waitForAllSent } from './browser';
import { builtApp } from './dist';
import { startServer, type RunningServer } from './server';

describe('a new version of the app', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: string;

  beforeAll(async () => {
    // A copy of the built app we can "deploy" a new service worker into.
    site = mkdtempSync(join(tmpdir(), 'mv-site-'));
    cpSync(builtApp, site, { recursive: true });
    server = await startServer({ staticDir: site });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(site, { recursive: true, force: true });
  });

  it('is offered with a prompt, and updating keeps the pledge that has not been sent', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await appReady(page);
    await waitForServiceWorkerControl(page);

    // A pledge saved while the council's server cannot take it: it waits on the device.
    server.setSyncAvailable(false);
    await page.goto(`${server.url}/pledge`);
    await appReady(page);
    await page.click('button[type=submit]');
    await page.fill('#field-name', 'Kept through the update');
    for (let i = 0; i < 4; i++) await page.click('button[type=submit]');
    await page.waitForURL('**/pledge/check');
    await page.click('button[type=submit]');
    await page.waitForURL('**/pledge/done');

    // The council deploys a new version; the device finds it.
    appendFileSync(join(site, 'sw.js'), '\n// new version\n');
    await page.goto(server.url);
    await appReady(page);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.locator('.update-prompt');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain('A new version of the app is ready');
    // Nothing changes until the person says so.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);

    await Promise.all([page.waitForEvent('load'), prompt.locator('button').click()]);
    await appReady(page);
    await expect(page.locator('.sync-badge').textContent()).resolves.toMatch(/1/);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();

    server.setSyncAvailable(true);
    await page.click('a.sync-badge');
    await page.click('text=Send now');
    await waitForAllSent(page);
    const rows = await server.db.db.selectFrom('pledges').select('name').execute();
    expect(rows).toEqual([{ name: 'Kept through the update' }]);
  });
});
