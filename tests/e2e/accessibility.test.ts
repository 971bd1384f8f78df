import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { setTextSize, sidewaysScroll, signInStaff, smallTargets } from './a11y-support';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { deviceInvite, enrolTablet, staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * Every screen — resident, worker, kiosk and staff — in English and in the right-to-left languages (Urdu,
 * and Arabic where the profile offers it), in the light and the dark colour scheme: no axe-core WCAG 2.2
 * A/AA violations, the document's lang and dir right, and no sideways scrolling at 320 CSS px.
 */
type Visit = { name: string; go: (b: Browser, url: string) => Promise<void> };
const open = (path: string) => async (b: Browser, url: string) => void (await b.page.goto(`${url}${path}`));

const residentVisits: Visit[] = [
  { name: 'home', go: open('/') },
  { name: 'pledge: read', go: open('/pledge') },
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
  {
    name: 'pledge: email, with its privacy notice',
    go: async (b, url) => {
      await b.page.goto(`${url}/pledge`);
      await appReady(b.page);
      await b.page.click('button[type=submit]');
      await b.page.fill('#field-name', 'Sam');
      for (const step of ['ward', 'message', 'email']) {
        await b.page.click('button[type=submit]');
        await b.page.waitForURL(`**/pledge/${step}`);
      }
    },
  },
  { name: 'pledge wall', go: open('/wall') },
  { name: '"you said, we did"', go: open('/you-said') },
  { name: 'citizen panels (none open)', go: open('/panels') },
  { name: 'sending status', go: open('/status') },
  { name: 'privacy', go: open('/privacy') },
  { name: 'report a poor translation', go: open('/report-translation?from=/pledge') },
  {
    name: 'report a poor translation, with an error',
    go: async (b, url) => {
      await b.page.goto(`${url}/report-translation`);
      await appReady(b.page);
      await b.page.click('button[type=submit]');
      await b.page.waitForSelector('.error-summary');
    },
  },
  { name: 'enrol a tablet (no code)', go: open('/enrol') },
  { name: 'enrol a tablet (with a code)', go: open('/enrol#not-a-real-code-but-long-enough') },
  { name: 'not found', go: open('/no-such-page') },
];

const localeOf: Record<string, string> = { en: 'en-GB', ur: 'ur-PK', ar: 'ar-SA' };
/** English, and both right-to-left languages on the resident screens. */
const residentLanguages = ['en', 'ur', 'ar'];

async function expectAccessible(b: Browser, lang: string): Promise<void> {
  await appReady(b.page);
  await b.page.waitForSelector('main h1');
  const dir = lutonProfile.languages.find((l) => l.code === lang)?.dir;
  expect(await b.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
  const backgrounds: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await b.page.emulateMedia({ colorScheme });
    backgrounds.push(await b.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
    expect(await axeViolations(b.page), `${colorScheme} scheme`).toEqual([]);
  }
  expect(backgrounds[0], 'the dark scheme is in force').not.toBe(backgrounds[1]);
  await b.page.emulateMedia({ colorScheme: 'light' });
  expect(await sidewaysScroll(b.page), 'sideways scrolling at 320 px').toBeLessThanOrEqual(0);
  expect((await smallTargets(b.page)).join('\n'), 'targets smaller than 44 × 44 px').toBe('');
  expect(b.missingWords(), 'keys shown without words').toEqual([]);
}

for (const lang of residentLanguages) {
  describe(`resident screens in ${lang}`, () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      browser = await openBrowser({ width: 320, height: 640, locale: localeOf[lang] ?? lang });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const visit of residentVisits) {
      it(`${visit.name}: no WCAG 2.2 AA violations in light and dark, no sideways scrolling at 320 px`, async () => {
        await visit.go(browser, server.url);
        await expectAccessible(browser, lang);
      });
    }
  });
}

/** The worker's screens and the kiosk, on an enrolled tablet. */
for (const lang of ['en', 'ur']) {
  describe(`worker and kiosk screens in ${lang}`, () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      browser = await openBrowser({ width: 320, height: 640, locale: 'en-GB' });
      // Enrolled in English (the helper reads the English buttons), then switched as a worker would.
      await enrolTablet(browser.page, await deviceInvite(await staffAdmin(server), `Tablet ${lang}`), '2468');
      if (lang !== 'en') {
        await browser.page.selectOption('#language-select', lang);
        await browser.page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const path of ['/listen', '/listen/new', '/kiosk']) {
      it(`${path}: no WCAG 2.2 AA violations in light and dark, no sideways scrolling at 320 px`, async () => {
        await browser.page.goto(`${server.url}${path}`);
        await expectAccessible(browser, lang);
      });
    }

    it('the same screens reflow at 320 px with text at 200%', async () => {
      await setTextSize(browser.page, 32);
      for (const path of ['/listen', '/listen/new', '/kiosk']) {
        await browser.page.goto(`${server.url}${path}`);
        await appReady(browser.page);
        await browser.page.waitForSelector('main h1');
        expect(await sidewaysScroll(browser.page), `${path}: sideways scrolling`).toBeLessThanOrEqual(0);
      }
      await setTextSize(browser.page, 16);
    });

    it('the capture screen of a pop-up event, then the kiosk locked for residents: its start and feedback screens', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/listen/new`);
      await appReady(page);
      await page.fill('#field-title', 'Pop-up, library');
      await page.fill('#field-venue', 'Central library');
      await page.click('main form button[type=submit]');
      await page.waitForURL('**/listen/record');
      await expectAccessible(browser, lang);
      await page.goto(`${server.url}/kiosk`);
      await appReady(page);
      await page.click('main form button[type=submit]');
      await page.waitForSelector('.kiosk__language-list');
      await expectAccessible(browser, lang);
      // Every language is offered on the kiosk, each in its own script, unchecked ones marked.
      expect(await page.locator('.kiosk__language-list button[lang]').count()).toBe(lutonProfile.languages.length);
      await page.click('.kiosk__activities button >> nth=0');
      await page.waitForURL(/\/(kiosk\/feedback|pledge|panels)/);
      await expectAccessible(browser, lang);
    });
  });
}

/** Every page of the staff console, as its menu lists them for an admin (who may open them all). */
for (const lang of ['en', 'ur']) {
  describe(`staff console in ${lang}`, () => {
    let server: RunningServer;
    let browser: Browser;
    let pagePaths: string[] = [];
    beforeAll(async () => {
      server = await startServer();
      browser = await openBrowser({ width: 1280, height: 900, locale: localeOf[lang] ?? lang });
      await signInStaff(server, browser, 'admin', `console.${lang}@example.org`);
      // Something to chart: pledges in three languages and a translation report.
      const record = (kind: string, locale: string, data: Record<string, unknown>) => ({ id: uuidv7(), kind, schemaVersion: 1, createdAt: new Date().toISOString(), locale, data });
      const records = [
        ...['en', 'ur', 'pl', 'ur'].map((l, i) => record('pledge', l, { pledgeVersion: lutonProfile.pledge.version, name: `Resident ${i}`, ward: 'biscot' })),
        record('translation-report', 'ur', { language: 'ur', problem: 'A word reads oddly', page: '/pledge' }),
      ];
      const synced = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
      expect(synced.status).toBe(200);
      await browser.page.goto(`${server.url}/admin`);
      await browser.page.waitForSelector('.admin-nav a');
      pagePaths = await browser.page.$$eval('.admin-nav a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('has every page of the console in its menu, each with no WCAG 2.2 AA violations in light and dark', async () => {
      expect(pagePaths).toEqual(expect.arrayContaining(['/admin', '/admin/moderation', '/admin/languages', '/admin/account']));
      let charts = 0;
      for (const path of pagePaths) {
        await browser.page.goto(`${server.url}${path}`);
        await appReady(browser.page);
        await browser.page.waitForSelector('main h1');
        // Pages fetch their data after the heading: wait until nothing is loading.
        await browser.page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), undefined, { timeout: 15_000 }).catch(() => undefined);
        expect(await browser.page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ur' ? 'rtl' : 'ltr');
        // A chart always has its data as a table beside it (in the same section or card).
        const chartsWithoutTable = await browser.page.$$eval('main svg.chart', (charts) =>
          charts.filter((c) => !c.closest('section, .card, figure')?.querySelector('table')).map((c) => c.getAttribute('aria-label') ?? '?'),
        );
        expect(chartsWithoutTable, `${path}: charts without a table`).toEqual([]);
        charts += await browser.page.locator('main svg.chart').count();
        for (const colorScheme of ['light', 'dark'] as const) {
          await browser.page.emulateMedia({ colorScheme });
          expect(await axeViolations(browser.page), `${path} in the ${colorScheme} scheme`).toEqual([]);
        }
        await browser.page.emulateMedia({ colorScheme: 'light' });
      }
      expect(charts, 'charts were drawn (and each had its table)').toBeGreaterThan(0);
      expect(browser.missingWords(), 'keys shown without words').toEqual([]);
    });

    it('every page fits a 1280 px screen with text at 200% (wide tables scroll inside their own box)', async () => {
      await setTextSize(browser.page, 32);
      for (const path of pagePaths) {
        await browser.page.goto(`${server.url}${path}`);
        await appReady(browser.page);
        await browser.page.waitForSelector('main h1');
        expect(await sidewaysScroll(browser.page), `${path}: sideways scrolling`).toBeLessThanOrEqual(0);
      }
      await setTextSize(browser.page, 16);
    });
  });
}

/** At 200% text size (the browser's own setting) on a 320 px screen, nothing scrolls sideways. */
describe('200% text size', () => {
  let server: RunningServer;
  const browsers: Browser[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
  });

  for (const lang of ['en', 'ur']) {
    it(`${lang}: every resident screen reflows at 320 px with text twice the size`, async () => {
      const browser = await openBrowser({ width: 320, height: 640, locale: localeOf[lang] ?? lang });
      browsers.push(browser);
      await setTextSize(browser.page, 32);
      for (const visit of residentVisits) {
        await visit.go(browser, server.url);
        await appReady(browser.page);
        await browser.page.waitForSelector('main h1');
        const size = await browser.page.evaluate(() => getComputedStyle(document.querySelector('main p, main label, main h1') as Element).fontSize);
        expect(parseFloat(size), `${visit.name}: text is enlarged`).toBeGreaterThanOrEqual(30);
        expect(await sidewaysScroll(browser.page), `${visit.name}: sideways scrolling`).toBeLessThanOrEqual(0);
      }
    });
  }
});

/** An open panel, made by a coordinator through the staff API, for the sign-up journey. */
async function openPanel(server: RunningServer): Promise<string> {
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const admin = await staffAdmin(server, 'panels.admin@example.org');
  const res = await admin.post('/panels', {
    topic: { en: 'Safer streets', ur: 'محفوظ گلیاں' },
    description: { en: 'Three evenings about feeling safe in town.' },
    format: 'in-person',
    place: 'Town Hall',
    startsAt: iso(30),
    endsAt: iso(30.1),
    signupDeadline: iso(20),
    size: 10,
    categories: ['gender'],
    status: 'open',
  });
  if (res.status !== 201) throw new Error(`creating a panel answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.panel.id as string;
}

/** The panels list and every page of the sign-up, one after another, with an error shown on the way. */
for (const lang of residentLanguages) {
  describe(`panel sign-up in ${lang}`, () => {
    let server: RunningServer;
    let browser: Browser;
    let panelId = '';
    beforeAll(async () => {
      server = await startServer();
      panelId = await openPanel(server);
      browser = await openBrowser({ width: 320, height: 640, locale: localeOf[lang] ?? lang });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('every page, from the list to the confirmation: no WCAG 2.2 AA violations in light and dark, no sideways scrolling at 320 px', async () => {
      const { page } = browser;
      const submit = async (next: string) => {
        await page.click('form.journey button[type=submit]');
        await page.waitForURL(`**/panels/join/${next}`);
      };
      const check = async (where: string) => {
        await page.waitForSelector('main h1');
        try {
          await expectAccessible(browser, lang);
        } catch (error) {
          throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      await page.goto(`${server.url}/`);
      await appReady(page);
      await page.goto(`${server.url}/panels`);
      await page.waitForSelector('.panel-card');
      await check('panels list');
      await page.goto(`${server.url}/panels/join?panel=${panelId}`);
      await appReady(page);
      await check('choose');
      await submit('age');
      await page.click('form.journey button[type=submit]');
      await page.waitForSelector('.error-summary');
      await check('age, with an error');
      await page.check('input[name=ageBand][value="25-34"]');
      await submit('name');
      await check('name');
      await page.fill('#field-name', 'Sam Example');
      await submit('contact');
      await check('contact');
      await page.fill('#field-email', 'sam@example.org');
      await page.check('#field-contactConsent');
      await submit('language');
      await check('language');
      await submit('access');
      await page.check('input[name=accessNeeds][value="bsl-interpreter"]');
      await check('access needs');
      await submit('equality');
      await check('equality');
      await page.check('#field-equalityConsent');
      await submit('gender');
      for (const [step, next] of [['gender', 'ethnicity'], ['ethnicity', 'disability'], ['disability', 'ward'], ['ward', 'religion'], ['religion', 'check']] as const) {
        await page.waitForURL(`**/panels/join/${step}`);
        await check(step);
        await submit(next);
      }
      await check('check your answers');
      await page.click('form.journey button[type=submit]');
      await page.waitForURL('**/panels/join/done');
      await check('confirmation');
    });
  });
}
