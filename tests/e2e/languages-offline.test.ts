import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { appReady, openBrowser, waitForServiceWorkerControl, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * Every language works offline after one visit: its strings and the town's texts in it come from chunks the
 * service worker precached. The catalog is kept from this device throughout, so the pledge's words come from
 * the app's built-in profile (English) plus each language's own texts chunk.
 */
describe('twelve languages offline', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches to each of the twelve languages with no network, the pledge in its own words', async () => {
    const { page, context } = browser;
    await context.route('**/api/v1/catalog', (route) => route.abort());
    await page.goto(`${server.url}/pledge`);
    await appReady(page);
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);

    expect(lutonProfile.languages.map((l) => l.code)).toEqual(['en', 'ur', 'pl', 'ro', 'bn', 'pa', 'pt', 'ar', 'gu', 'lt', 'bg', 'so']);
    const seen = new Set<string>();
    for (const language of lutonProfile.languages) {
      await page.selectOption('#language-select', language.code);
      await page.waitForFunction((c) => document.documentElement.lang === c, language.code);
      expect(await page.evaluate(() => document.documentElement.dir), language.code).toBe(language.dir);
      // The pledge's title is the town's own text: in this language, not English marked "in English".
      const title = page.locator('main h1');
      await page.waitForFunction((c) => document.querySelector('main h1')?.getAttribute('lang') === c, language.code, { timeout: 10_000 });
      expect(await title.locator('.fallback-note').count(), language.code).toBe(0);
      const text = (await title.textContent())?.trim() ?? '';
      expect(seen.has(text), `${language.code}: a title of its own`).toBe(false);
      seen.add(text);
      // The button that starts the pledge is in the language too (no key shown, nothing empty).
      const button = (await page.locator('form.journey button[type=submit]').textContent())?.trim() ?? '';
      expect(button.length, language.code).toBeGreaterThan(1);
      expect(button).not.toMatch(/^pledge\./);
    }
  });
});
