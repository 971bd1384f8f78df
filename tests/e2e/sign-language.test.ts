import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lutonProfileWithTexts } from '../../src/core/profile/lutonWithTexts';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * Deaf residents: a British Sign Language version of the pledge and a video-relay contact, shown where the
 * town profile has them, and nowhere when it has not (the Luton default has neither: no link is invented).
 */
const BSL = 'https://video.example.org/luton-pledge-bsl';
const RELAY = 'https://relay.example.org/luton-council';

describe('British Sign Language links', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ width: 320, height: 640 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('are not shown with the default profile', async () => {
    await browser.page.goto(`${server.url}/pledge`);
    await appReady(browser.page);
    await browser.page.waitForSelector('main h1');
    expect(await browser.page.locator('main a[href^="https://"]').count()).toBe(0);
    expect(await browser.page.locator('.video-relay-link').count()).toBe(0);
  });

  it('appear on the pledge, in the footer and in the privacy notice once the profile has them', async () => {
    const profile = { ...lutonProfileWithTexts, pledge: { ...lutonProfileWithTexts.pledge, bslVideoUrl: BSL }, access: { videoRelayUrl: RELAY } };
    await server.db.db
      .insertInto('settings')
      .values({ key: 'profile', value: JSON.stringify(profile), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(profile) }))
      .execute();
    const { page } = browser;
    // The device picks the profile up from the catalog, and keeps it for offline use.
    await page.goto(`${server.url}/`);
    await appReady(page);
    await page.waitForSelector(`footer a[href="${RELAY}"]`, { timeout: 15_000 });
    await page.goto(`${server.url}/pledge`);
    await appReady(page);
    const bsl = page.locator(`main a[href="${BSL}"]`);
    await bsl.waitFor();
    expect(await bsl.textContent()).toContain('British Sign Language');
    expect(await page.locator(`footer a[href="${RELAY}"]`).textContent()).toContain('video relay');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/privacy`);
    await appReady(page);
    await page.locator(`main a[href="${RELAY}"]`).waitFor();
  });
});
