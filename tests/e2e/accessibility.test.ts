import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * Every resident screen, in English and in Urdu (right-to-left): no axe-core WCAG 2.2 A/AA violations, and no
 * sideways scrolling at 320 CSS px.
 */
type Visit = { name: string; go: (b: Browser, url: string) => Promise<void> };

const visits: Visit[] = [
  { name: 'home', go: async (b, url) => void (await b.page.goto(`${url}/`)) },
  { name: 'pledge: read', go: async (b, url) => void (await b.page.goto(`${url}/pledge`)) },
  {
    name: 'pledge: name, with an error',
    go: async (b, url) => {
      await b.page.goto(`${url}/pledge`);
      await appReady(b.page);
      await b.page.click('button[type=submit]');
      await b.page.waitForURL('**/pledge/name');
      await b.page.click('button[type=submit]');
      await b.page.waitForSelector('.error-summary');
    },
  },
  {
    name: 'pledge: every step to check your answers',
    go: async (b, url) => {
      await b.page.goto(`${url}/pledge`);
      await appReady(b.page);
      await b.page.click('button[type=submit]');
      await b.page.fill('#field-name', 'Sam');
      await b.page.click('button[type=submit]');
      await b.page.click('button[type=submit]');
      await b.page.click('button[type=submit]');
      await b.page.fill('#field-email', 'sam@example.com');
      await b.page.click('button[type=submit]');
      await b.page.waitForSelector('.error-summary');
      await b.page.check('#field-emailConsent');
      await b.page.click('button[type=submit]');
      await b.page.waitForURL('**/pledge/check');
    },
  },
  { name: 'sending status', go: async (b, url) => void (await b.page.goto(`${url}/status`)) },
  { name: 'privacy', go: async (b, url) => void (await b.page.goto(`${url}/privacy`)) },
  { name: 'pledge wall', go: async (b, url) => void (await b.page.goto(`${url}/wall`)) },
  { name: 'enrol a tablet (no code)', go: async (b, url) => void (await b.page.goto(`${url}/enrol`)) },
  { name: 'enrol a tablet (with a code)', go: async (b, url) => void (await b.page.goto(`${url}/enrol#not-a-real-code-but-long-enough`)) },
  { name: 'not found', go: async (b, url) => void (await b.page.goto(`${url}/no-such-page`)) },
];

for (const lang of ['en', 'ur'] as const) {
  describe(`accessibility in ${lang}`, () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      browser = await openBrowser({ width: 320, height: 640, locale: lang === 'ur' ? 'ur-PK' : 'en-GB' });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const visit of visits) {
      it(`${visit.name}: no WCAG 2.2 AA violations, no sideways scrolling at 320 px`, async () => {
        await visit.go(browser, server.url);
        await appReady(browser.page);
        await browser.page.waitForSelector('main h1');
        expect(await browser.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(
          lang === 'ur' ? ['ur', 'rtl'] : ['en', 'ltr'],
        );
        expect(await axeViolations(browser.page)).toEqual([]);
        const overflow = await browser.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      });
    }
  });
}
