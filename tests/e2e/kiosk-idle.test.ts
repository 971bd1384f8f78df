import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { deviceInvite, enrolTablet, staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * The kiosk's idle reset in real Chromium, on a fake clock (Playwright's): a half-typed entry survives 70 s
 * without a touch, then a warning counts down and can be extended; 20 s after the warning the entry is gone.
 */
describe('kiosk idle reset', () => {
  let server: RunningServer;
  let tablet: Browser;

  beforeAll(async () => {
    server = await startServer();
    tablet = await openBrowser({ width: 320, height: 720 });
  });
  afterAll(async () => {
    await tablet?.close();
    await server?.close();
  });

  it('warns at 70 s, gives more time when asked, and at 90 s discards the half-typed entry', async () => {
    const t = tablet.page;
    await enrolTablet(t, await deviceInvite(await staffAdmin(server), 'Library tablet'), '1357');
    await t.goto(`${server.url}/listen/new`);
    await appReady(t);
    await t.fill('#field-title', 'Pop-up, library');
    await t.getByRole('button', { name: 'Start the event' }).click();
    await t.waitForURL('**/listen/record');
    await t.goto(`${server.url}/kiosk`);
    await t.getByRole('button', { name: 'Lock and hand over' }).click();
    await t.waitForSelector('h1 >> text=Have your say');

    await t.clock.install();
    await t.reload();
    await appReady(t);
    await t.getByRole('button', { name: 'Tell us what matters to you' }).click();
    await t.fill('#field-text', 'Half a thought about the bus station');
    const dialog = t.locator('dialog.kiosk-idle');

    await t.clock.runFor(69_000);
    expect(await dialog.isVisible()).toBe(false);
    await t.clock.runFor(2_000);
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toMatch(/In (20|1\d) seconds, anything typed here will be cleared/);
    expect(await axeViolations(t)).toEqual([]);

    await t.getByRole('button', { name: 'I need more time' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await t.inputValue('#field-text')).toBe('Half a thought about the bus station');

    // A fresh 70 s from the click, then the warning's 20 s: reset, entry gone.
    await t.clock.runFor(71_000);
    await dialog.waitFor({ state: 'visible' });
    await t.clock.runFor(20_000);
    await t.waitForURL(/\/kiosk$/);
    await t.waitForSelector('h1 >> text=Have your say');
    expect(await dialog.isVisible()).toBe(false);
    await t.getByRole('button', { name: 'Tell us what matters to you' }).click();
    expect(await t.inputValue('#field-text')).toBe('');
    expect(await t.evaluate(() => document.body.innerText)).not.toContain('Half a thought');
  });
});
