import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lutonProfile } from '../../src/core/profile/luton';
import { focused, tabTo } from './a11y-support';
import { appReady, openBrowser, waitForAllSent, type Browser } from './browser';
import { staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * Keyboard only: the pledge completed with Tab, Space, Enter and typing — no pointer at all. And right to
 * left: in Urdu and Arabic the document is dir="rtl" and the way on sits to the left of the way back.
 */
describe('keyboard only', () => {
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

  it('signs the pledge with Tab, Space, Enter and typing, and the skip link moves focus to the content', async () => {
    const { page } = browser;
    const { keyboard } = page;
    await page.goto(`${server.url}/`);
    await appReady(page);
    // The first Tab reaches the skip link; following it puts focus on the main content.
    await keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^a .*Skip to main content/);
    await keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo(page, 'a[href="/pledge"].button');
    await keyboard.press('Enter');
    await page.waitForURL('**/pledge');
    // Focus moves to the page's heading on every page change.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    await tabTo(page, 'button[type=submit]');
    await keyboard.press('Enter');
    await page.waitForURL('**/pledge/name');
    await tabTo(page, '#field-name');
    await keyboard.type('Keyboard Kate');
    await keyboard.press('Enter');

    await page.waitForURL('**/pledge/ward');
    await tabTo(page, '#field-ward');
    // A closed select changes with the arrow keys: the first ward after "I'd rather not say".
    await keyboard.press('ArrowDown');
    expect(await page.inputValue('#field-ward')).toBe(lutonProfile.wards[0]?.id);
    await tabTo(page, 'button[type=submit]');
    await keyboard.press('Enter');

    await page.waitForURL('**/pledge/message');
    await tabTo(page, '#field-message');
    await keyboard.type('Typed without a mouse');
    await tabTo(page, '#field-showMessage');
    await keyboard.press('Space');
    expect(await page.isChecked('#field-showMessage')).toBe(true);
    await tabTo(page, 'button[type=submit]');
    await keyboard.press('Space');

    await page.waitForURL('**/pledge/email');
    // An email without consent: the error summary takes focus, and its link takes focus to the field.
    await tabTo(page, '#field-email');
    await keyboard.type('kate@example.org');
    await keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    await keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^a /);
    await keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-emailConsent');
    await keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    await keyboard.press('Enter');

    await page.waitForURL('**/pledge/check');
    expect(await page.textContent('.summary-list')).toContain('Keyboard Kate');
    await tabTo(page, 'button[type=submit]');
    await keyboard.press('Enter');
    await page.waitForURL('**/pledge/done');
    await expect.poll(async () => (await server.db.db.selectFrom('pledges').select('id').execute()).length, { timeout: 30_000 }).toBe(1);
    await waitForAllSent(page);
    const stored = await server.db.db.selectFrom('pledges').select(['name', 'ward', 'message', 'show_message', 'email_consent']).execute();
    expect(stored).toEqual([{ name: 'Keyboard Kate', ward: lutonProfile.wards[0]?.id, message: 'Typed without a mouse', show_message: 1, email_consent: 1 }]);
  });
});

describe('keyboard only: a citizen panel', () => {
  let server: RunningServer;
  let browser: Browser;
  let panelId = '';
  beforeAll(async () => {
    server = await startServer();
    const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const admin = await staffAdmin(server, 'keyboard.panels@example.org');
    const res = await admin.post('/panels', {
      topic: { en: 'Safer streets' },
      description: { en: 'Three evenings about feeling safe in town.' },
      format: 'in-person',
      place: 'Town Hall',
      startsAt: iso(30),
      endsAt: iso(30.1),
      signupDeadline: iso(20),
      size: 10,
      status: 'open',
    });
    expect(res.status).toBe(201);
    panelId = res.body.panel.id;
    browser = await openBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up from the list of panels with Tab, arrow keys, Space, Enter and typing', async () => {
    const { page } = browser;
    const { keyboard } = page;
    const next = async (step: string) => {
      await tabTo(page, 'form.journey button[type=submit]');
      await keyboard.press('Enter');
      await page.waitForURL(`**/panels/join/${step}`);
    };
    await page.goto(`${server.url}/`);
    await appReady(page);
    await page.waitForFunction(() => document.querySelector('a[href="/panels"]') !== null);
    await tabTo(page, 'a[href="/panels"]');
    await keyboard.press('Enter');
    await page.waitForURL('**/panels');
    await page.waitForSelector('.panel-card');
    await tabTo(page, `.panel-card a[href*="${panelId}"]`);
    await keyboard.press('Enter');
    await page.waitForURL(/\/panels\/join/);
    expect(await page.isChecked(`input[name=panels][value="${panelId}"]`)).toBe(true);
    await next('age');
    // Into the radio group with Tab, then the arrow keys choose.
    await tabTo(page, 'input[name=ageBand]');
    await keyboard.press('Space');
    await keyboard.press('ArrowDown');
    await keyboard.press('ArrowDown');
    const band = await page.evaluate(() => (document.querySelector('input[name=ageBand]:checked') as HTMLInputElement | null)?.value);
    expect(band).toBeTruthy();
    await next('name');
    await tabTo(page, '#field-name');
    await keyboard.type('Keyboard Kim');
    await next('contact');
    await tabTo(page, '#field-email');
    await keyboard.type('kim@example.org');
    await tabTo(page, '#field-contactConsent');
    await keyboard.press('Space');
    await next('language');
    await next('access');
    await tabTo(page, 'input[name=accessNeeds][value="bsl-interpreter"]');
    await keyboard.press('Space');
    await next('equality');
    // "Prefer not to answer these": the second choice of the group.
    await tabTo(page, 'input[name=equalityConsent]');
    await keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.querySelector('input[name=equalityConsent]:checked') as HTMLInputElement | null)?.value)).toBe('skip');
    await next('check');
    expect(await page.textContent('.summary-list')).toContain('Keyboard Kim');
    await tabTo(page, 'form.journey button[type=submit]');
    await keyboard.press('Enter');
    await page.waitForURL('**/panels/join/done');
    // The badge can read "all sent" for a moment before the new record is counted: wait for the server instead.
    await expect.poll(async () => (await server.db.db.selectFrom('signups').select('id').execute()).length, { timeout: 30_000 }).toBe(1);
    await waitForAllSent(page);
    const rows = await server.db.db.selectFrom('signups').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Keyboard Kim', email: 'kim@example.org', age_band: band });
    expect(JSON.stringify(rows[0])).toContain('bsl-interpreter');
  });
});

const rtlLanguages = lutonProfile.languages.filter((l) => l.dir === 'rtl').map((l) => l.code);

describe('right to left', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ width: 1024, height: 768 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the profile offers Urdu and Arabic as right-to-left languages', () => {
    expect(rtlLanguages.sort()).toEqual(['ar', 'ur']);
  });

  /** Where the way on (the primary button) and the way back (secondary) sit on the pledge's name step. */
  const positions = async (code: string) => {
    const { page } = browser;
    await page.goto(`${server.url}/pledge`);
    await appReady(page);
    await page.selectOption('#language-select', code);
    await page.waitForFunction((c) => document.documentElement.lang === c, code);
    await page.click('button[type=submit]');
    await page.waitForURL('**/pledge/name');
    const dir = await page.evaluate(() => document.documentElement.dir);
    const primary = await page.locator('.actions button[type=submit]').boundingBox();
    const secondary = await page.locator('.actions .button--secondary').boundingBox();
    if (!primary || !secondary) throw new Error('both buttons should be shown');
    return { dir, primary, secondary };
  };

  it('English reads left to right: the way on is to the right of the way back', async () => {
    const { dir, primary, secondary } = await positions('en');
    expect(dir).toBe('ltr');
    expect(primary.x).toBeGreaterThanOrEqual(secondary.x + secondary.width);
  });

  for (const code of rtlLanguages) {
    it(`${code}: the document is dir="rtl" and the way on is to the left of the way back`, async () => {
      const { dir, primary, secondary } = await positions(code);
      expect(dir).toBe('rtl');
      expect(primary.x + primary.width).toBeLessThanOrEqual(secondary.x);
      // Names and numbers inside right-to-left sentences are isolated, so they keep their own order.
      await browser.page.goto(`${server.url}/privacy`);
      await browser.page.waitForSelector('main h1');
      expect(await browser.page.textContent('main')).toContain('\u2068Luton Borough Council\u2069');
    });
  }
});
