import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, waitForAllSent, waitForServiceWorkerControl, type Browser } from './browser';
import { staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * A resident signs up for citizen panels on their phone, offline: panels from the cached catalog, one
 * question per page, errors that name the field, kindly stopped below a panel's minimum age (never asked
 * for contact details under 13), a reference at the end; the sign-up reaches the council when the network
 * returns and the phone keeps only a receipt. axe-core on the journey in English and in Urdu.
 */
const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const panel = (topic: string, minAge: number) => ({
  topic: { en: topic },
  description: { en: `Three evenings about ${topic.toLowerCase()}.` },
  format: 'in-person',
  place: 'Town Hall',
  startsAt: iso(30),
  endsAt: iso(30.1),
  signupDeadline: iso(20),
  size: 10,
  minAge,
  status: 'open',
});

describe('joining a citizen panel, offline on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let streets = '';
  let nights = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await staffAdmin(server);
    streets = (await admin.post('/panels', panel('Safer streets', 16))).body.panel.id;
    nights = (await admin.post('/panels', panel('Night-time economy', 18))).body.panel.id;
    browser = await openBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const submit = () => browser.page.click('form.journey button[type=submit]');
  const noViolations = async (where: string) => expect(await axeViolations(browser.page), where).toEqual([]);

  it('lists the open panels, and still does with the network off', async () => {
    const { page, context } = browser;
    await page.goto(server.url);
    await appReady(page);
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/panels`);
    await appReady(page);
    await page.waitForSelector('.panel-card');
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.waitForSelector('.panel-card');
    const cards = await page.locator('.panel-card h2').allTextContents();
    expect(cards).toEqual(expect.arrayContaining(['Safer streets', 'Night-time economy']));
    await expect(page.locator('.panel-card').first().textContent()).resolves.toContain('Residents aged');
    await noViolations('/panels');
  });

  it('takes a sign-up step by step, naming what is wrong, and leaves out a panel for older residents', async () => {
    const { page } = browser;
    await page.locator('.panel-card', { hasText: 'Safer streets' }).getByRole('link').click();
    await page.waitForURL('**/panels/join?panel=*');
    const choice = (id: string) => page.locator(`input[name=panels][value="${id}"]`);
    await expect(choice(streets).isChecked()).resolves.toBe(true);
    await choice(nights).check();
    await submit();

    await page.waitForURL('**/panels/join/age');
    await submit();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Choose your age group');
    await page.check('#field-ageBand-16-17');
    await submit();

    await page.waitForURL('**/panels/join/name');
    await expect(page.locator('.notice').textContent()).resolves.toContain('Night-time economy');
    await submit();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Enter your name');
    // The summary's link takes the keyboard to the field.
    await page.locator('.error-summary a').click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-name');
    await page.fill('#field-name', 'Bilal Test');
    await submit();

    await page.waitForURL('**/panels/join/contact');
    await submit();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Enter an email address or a phone number');
    await page.fill('#field-phone', '0770 090');
    await page.check('#field-contactConsent');
    await submit();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('phone number in the right format');
    await page.fill('#field-phone', '07700 900123');
    await submit();

    await page.waitForURL('**/panels/join/language');
    await submit();
    await page.waitForURL('**/panels/join/access');
    await page.check('#field-accessNeeds'); // BSL interpreter
    await submit();

    await page.waitForURL('**/panels/join/equality');
    await noViolations('/panels/join/equality');
    await submit();
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Choose whether you would like to answer');
    await page.check('#field-equalityConsent'); // yes
    await submit();
    await page.waitForURL('**/panels/join/gender');
    await page.check('#field-gender'); // woman
    await submit();
    await page.waitForURL('**/panels/join/ethnicity');
    await page.check('#field-ethnicity-pakistani');
    await noViolations('/panels/join/ethnicity');
    await submit();
    await page.waitForURL('**/panels/join/disability');
    await page.check('#field-disability-no');
    await submit();
    await page.waitForURL('**/panels/join/ward');
    await page.check('#field-ward-prefer-not-to-say');
    await submit();
    await page.waitForURL('**/panels/join/religion');
    await page.check('#field-religion-muslim');
    await submit();

    await page.waitForURL('**/panels/join/check');
    const answers = await page.locator('.summary-list').textContent();
    for (const shown of ['Safer streets', 'Bilal Test', '07700 900123', 'British Sign Language', 'Pakistani', 'Muslim']) expect(answers).toContain(shown);
    expect(answers).not.toContain('Night-time economy');
    await noViolations('/panels/join/check');
    await submit();

    await page.waitForURL('**/panels/join/done');
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[0-9A-F]{6}$/);
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('saved on this device');
  });

  it('under 13, says kindly that the panels are for older residents and asks nothing else', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/panels/join`);
    await appReady(page);
    await page.locator(`input[name=panels][value="${streets}"]`).check();
    await submit();
    await page.waitForURL('**/panels/join/age');
    await page.check('#field-ageBand'); // under 13
    await submit();
    await page.waitForURL('**/panels/join/too-young');
    await expect(page.locator('h1').textContent()).resolves.toContain('for older residents');
    expect(await page.locator('input').count()).toBe(0);
    // A typed address cannot reach the contact question.
    await page.goto(`${server.url}/panels/join/contact`);
    await appReady(page);
    await page.waitForURL(/\/panels\/join(\/age)?$/);
    expect(await page.locator('#field-email').count()).toBe(0);
  });

  it('reaches the council when the network returns; the phone keeps only a receipt', async () => {
    const { page, context } = browser;
    await context.setOffline(false);
    await page.goto(`${server.url}/`);
    await appReady(page);
    await waitForAllSent(page);
    const rows = await server.db.db.selectFrom('signups').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Bilal Test', phone: '+447700900123', email: null, age_band: '16-17', contact_consent: 1 });
    expect(JSON.parse(rows[0]!.access_needs)).toEqual(['bsl-interpreter']);
    const links = await server.db.db.selectFrom('signup_panels').select('panel_id').execute();
    expect(links.map((l) => l.panel_id)).toEqual([streets]);
    expect(await server.db.db.selectFrom('signup_equality').select(['gender', 'ethnicity', 'ward', 'religion']).execute()).toEqual([
      { gender: 'woman', ethnicity: 'pakistani', ward: 'prefer-not-to-say', religion: 'muslim' },
    ]);
    const device = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('many-voices');
          open.onsuccess = () => {
            const tx = open.result.transaction(['records', 'receipts'], 'readonly');
            const records = tx.objectStore('records').getAll();
            const receipts = tx.objectStore('receipts').getAll();
            tx.oncomplete = () => resolve(JSON.stringify({ records: records.result, receipts: receipts.result }));
          };
        }),
    );
    expect(device).not.toContain('Bilal');
    expect(device).not.toContain('900123');
    expect(device).toContain('"kind":"signup"');
  });

  it('the journey in Urdu is right to left and passes axe-core', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/panels`);
    await appReady(page);
    await page.selectOption('#language-select', 'ur');
    await page.waitForFunction(() => document.documentElement.lang === 'ur' && document.documentElement.dir === 'rtl');
    await page.waitForSelector('.panel-card');
    await noViolations('/panels in Urdu');
    await page.goto(`${server.url}/panels/join?panel=${streets}`);
    await appReady(page);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await noViolations('/panels/join in Urdu');
    await submit();
    await page.waitForURL('**/panels/join/age');
    await noViolations('/panels/join/age in Urdu');
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(scrolls).toBe(false);
  });
});
