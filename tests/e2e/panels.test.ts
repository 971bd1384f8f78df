import { readFileSync } from 'node:fs';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import { sidewaysScroll, signInStaff } from './a11y-support';
import { axeViolations } from './axe';
import { appReady, openBrowser, waitForAllSent, waitForServiceWorkerControl, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * Citizen panels end to end: a coordinator creates and opens a panel in the console; a resident signs up in
 * Polish on a phone with no network and it is sent when the network returns; 59 more volunteers sign up
 * through the sync API; the coordinator sees them, runs the fair selection (maximin, in the browser's
 * Worker), saves it and exports the drawn panel with contacts; every panels page passes axe-core in English
 * and Urdu.
 */
const GENDERS = ['woman', 'man', 'woman', 'man', 'non-binary'] as const;
const AGES = ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74'] as const;

function volunteer(i: number) {
  return {
    id: v7(),
    kind: 'signup',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    locale: 'en',
    data: {
      panels: [] as string[],
      ageBand: AGES[i % AGES.length],
      name: `Demo volunteer ${i}`,
      email: `volunteer.${i}@example.org`,
      contactConsent: true,
      preferredLanguage: 'en',
      equalityConsent: true,
      gender: GENDERS[i % GENDERS.length],
    },
  };
}

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('citizen panels, staff side', () => {
  let server: RunningServer;
  let staff: Browser;
  let resident: Browser;
  let panelId = '';

  beforeAll(async () => {
    server = await startServer();
    staff = await openBrowser({ width: 1280, height: 900 });
    resident = await openBrowser({ locale: 'pl-PL' });
    await signInStaff(server, staff, 'coordinator', 'panel.coordinator@example.org');
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await server?.close();
  });

  const noViolations = async (where: string) => expect(await axeViolations(staff.page), where).toEqual([]);
  const settled = async () => {
    await staff.page.waitForSelector('main h1');
    await staff.page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), undefined, { timeout: 15_000 });
  };

  it('a coordinator creates a panel and opens it for sign-ups', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/admin/panels`);
    await appReady(page);
    await settled();
    await noViolations('panels list, empty');
    await page.getByRole('link', { name: 'Create a panel' }).click();
    await page.waitForSelector('#field-topic');
    await settled();
    await noViolations('new panel form');

    // Sent empty: the summary names the fields, and nothing is created.
    await page.getByRole('button', { name: 'Create panel' }).click();
    await page.waitForSelector('.error-summary a[href="#field-topic"]');
    const summary = await page.locator('.error-summary').textContent();
    for (const says of ['Enter the topic in English', 'Enter the description in English', 'Enter the date of the first meeting', 'Enter the sign-up deadline', 'Enter the panel size as a whole number']) expect(summary).toContain(says);
    await noViolations('new panel form with errors');

    await page.fill('#field-topic', 'Youth services');
    // Other languages are tucked away until asked for.
    expect(await page.locator('#field-topic-pl').isVisible()).toBe(false);
    await page.click('details.translations summary');
    await page.fill('#field-topic-pl', 'Usługi dla młodzieży');
    await page.fill('#field-description', 'Four evenings on what young people in Luton need.');
    await page.check('#field-format');
    await page.fill('#field-place', 'Town Hall, George Street');
    await page.fill('#field-startsAt', day(30));
    await page.fill('#field-startsAt-time', '18:00');
    await page.fill('#field-endsAt', day(51));
    await page.fill('#field-endsAt-time', '20:00');
    await page.fill('#field-signupDeadline', day(20));
    await page.fill('#field-size', '10');
    await page.fill('#field-reserves', '3');
    await page.check('#field-categories'); // age
    await page.check('#field-categories-gender');
    await page.check('input[name=status][value=open]');
    await page.getByRole('button', { name: 'Create panel' }).click();
    await page.waitForURL(/\/admin\/panels$/);
    await page.waitForSelector('text=Youth services');
    await settled();
    await noViolations('panels list');

    const panels = (await page.evaluate(async () => (await fetch('/api/v1/staff/panels')).json())) as { panels: { id: string; status: string; size: number; categories: string[] }[] };
    expect(panels.panels).toHaveLength(1);
    expect(panels.panels[0]).toMatchObject({ status: 'open', size: 10, categories: ['ageBand', 'gender'] });
    panelId = panels.panels[0]?.id ?? '';
  });

  it('a resident signs up in Polish with no network, through check your answers; it waits through a reload and is sent when online', async () => {
    const { page, context } = resident;
    await page.goto(server.url);
    await appReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/panels`);
    await appReady(page);
    await page.waitForSelector('.panel-card');

    await context.setOffline(true);
    await page.goto(`${server.url}/panels/join?panel=${panelId}`);
    await appReady(page);
    const submit = () => page.click('form.journey button[type=submit]');
    expect(await page.locator(`input[name=panels][value="${panelId}"]`).isChecked()).toBe(true);
    await expect(page.locator('form.journey').textContent()).resolves.toContain('Usługi dla młodzieży');
    await submit();
    await page.waitForURL('**/panels/join/age');
    await page.check('input[name=ageBand][value="25-34"]');
    await submit();
    await page.waitForURL('**/panels/join/name');
    await page.fill('#field-name', 'Zofia Kowalska');
    await submit();
    await page.waitForURL('**/panels/join/contact');
    await page.fill('#field-email', 'zofia.kowalska@example.org');
    await page.check('#field-contactConsent');
    await submit();
    await page.waitForURL('**/panels/join/language');
    await submit(); // Polish, the language she uses the app in
    await page.waitForURL('**/panels/join/access');
    await page.check('input[name=accessNeeds][value="step-free"]');
    await submit();
    await page.waitForURL('**/panels/join/equality');
    await page.check('#field-equalityConsent');
    await submit();
    await page.waitForURL('**/panels/join/gender');
    await page.check('input[name=gender][value="woman"]');
    await submit();
    await page.waitForURL('**/panels/join/ethnicity');
    await submit();
    await page.waitForURL('**/panels/join/disability');
    await submit();
    await page.waitForURL('**/panels/join/ward');
    await submit();
    await page.waitForURL('**/panels/join/religion');
    await submit();
    await page.waitForURL('**/panels/join/check');
    const answers = (await page.locator('.summary-list').textContent()) ?? '';
    for (const shown of ['Usługi dla młodzieży', 'Zofia Kowalska', 'zofia.kowalska@example.org']) expect(answers).toContain(shown);
    await submit();
    await page.waitForURL('**/panels/join/done');
    expect((await page.locator('.reference').textContent())?.trim()).toMatch(/^[0-9A-F]{6}$/);

    // Still offline: a reload keeps it, waiting to be sent.
    await page.reload();
    await appReady(page);
    await page.waitForSelector('.sync-badge--waiting');
    expect(await server.db.db.selectFrom('signups').select('id').execute()).toEqual([]);

    await context.setOffline(false);
    await waitForAllSent(page);
    const rows = await server.db.db.selectFrom('signups').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Zofia Kowalska', email: 'zofia.kowalska@example.org', locale: 'pl', preferred_language: 'pl', age_band: '25-34' });
    // The phone keeps a receipt, not her details.
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
    expect(device).not.toContain('Kowalska');
    expect(device).not.toContain('zofia');
    expect(device).toContain('"kind":"signup"');
  });

  it('59 more volunteers sign up; the coordinator sees the Polish sign-up among them, and who is missing', async () => {
    const records = Array.from({ length: 59 }, (_, i) => volunteer(i + 1));
    for (const r of records) r.data.panels = [panelId];
    const res = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string }[] };
    expect(body.results.map((r) => r.status), JSON.stringify(body.results[0])).toEqual(records.map(() => 'stored'));

    const { page } = staff;
    await page.goto(`${server.url}/admin/panels/${panelId}/signups`);
    await settled();
    await page.waitForSelector('text=60 people have signed up.');
    expect(await page.locator('tbody tr').count()).toBe(60);
    await expect(page.locator('tbody').textContent()).resolves.toContain('volunteer.7@example.org');
    const zofia = page.locator('tbody tr', { hasText: 'Zofia Kowalska' });
    await expect(zofia.textContent()).resolves.toContain('zofia.kowalska@example.org');
    await expect(zofia.textContent()).resolves.toContain('Polish');
    await expect(zofia.textContent()).resolves.toContain('Step-free access');
    await noViolations('sign-ups');

    await page.goto(`${server.url}/admin/missing?panel=${panelId}`);
    await settled();
    await page.waitForSelector('text=60 people signed up.');
    // No town figures in the default profile: it says so, and still shows the make-up, small groups withheld.
    await page.waitForSelector('text=The town profile has no reference figures yet');
    const nonBinary = page.locator('tr', { hasText: 'Non-binary' });
    await expect(nonBinary.locator('td').first().textContent()).resolves.toBe('12');
    const under13 = page.locator('tr', { hasText: 'Under 13' });
    await expect(under13.locator('td').first().textContent()).resolves.toBe('fewer than 5');
    await noViolations('who is missing');
  });

  it('runs a maximin selection in the Worker, shows every probability and the panel, saves it and exports the contacts', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/admin/panels/${panelId}/selection`);
    await settled();
    await page.waitForSelector('text=60 people can be selected.');
    await noViolations('selection setup');

    // Quotas that cannot be met are explained before anything runs.
    const womenMin = page.locator('#quota-gender-0-min');
    const womenMax = page.locator('#quota-gender-0-max');
    const [min, max] = [await womenMin.inputValue(), await womenMax.inputValue()];
    await womenMin.fill('30');
    await page.waitForSelector('text=Gender, Woman: the minimum (30) is more than the maximum');
    await womenMax.fill('30');
    await page.waitForSelector('text=Gender, Woman: at least 30 are wanted, but only 24 signed up.');
    await page.waitForSelector('text=more than the 10 seats');
    expect(await page.getByRole('button', { name: 'Run the selection' }).getAttribute('aria-disabled')).toBe('true');
    await noViolations('selection setup, quotas that cannot be met');
    await womenMin.fill(min);
    await womenMax.fill(max);
    await page.waitForSelector('text=No panel can meet these quotas', { state: 'detached' });

    await page.getByRole('button', { name: 'Run the selection' }).click();
    await page.waitForSelector('#selection-result-title', { timeout: 60_000 });
    await noViolations('selection result');

    const result = page.locator('.selection-result');
    // The fair lottery's minimum: 10 seats among 60 similar people gives everyone 1 in 6.
    await expect(result.locator('.stat--big').first().textContent()).resolves.toMatch(/^1[67](\.\d)?%$/);
    expect(await result.locator('table tbody tr').count()).toBe(60);
    expect(await result.locator('ol.drawn-list').first().locator('li').count()).toBe(10);
    expect(await result.locator('ol.drawn-list').nth(1).locator('li').count()).toBe(3);
    const seed = (await result.locator('code.seed').textContent())?.trim() ?? '';
    expect(seed).toMatch(/^[0-9a-f]{16}$/);

    await page.getByRole('button', { name: 'Save the selection' }).click();
    await page.waitForSelector('text=The selection is saved');
    const saved = (await page.evaluate(async (id) => (await fetch(`/api/v1/staff/panels/${id}/selections`)).json(), panelId)) as {
      selections: { seed: string; method: string; panel: string[]; reserves: string[] }[];
    };
    expect(saved.selections).toHaveLength(1);
    expect(saved.selections[0]).toMatchObject({ seed, method: 'maximin' });
    // Listed with the earlier selections, to export again later.
    await page.waitForSelector('#saved-selections');
    const history = page.locator('section[aria-labelledby="saved-selections"] tbody tr');
    expect(await history.count()).toBe(1);
    await expect(history.first().textContent()).resolves.toContain(seed);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export contacts for invitations (CSV)' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('role');
    const rows = lines.slice(1);
    expect(rows.filter((l) => l.startsWith('selected,'))).toHaveLength(10);
    expect(rows.filter((l) => l.startsWith('reserve,'))).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/,[\w.]+@example\.org,/);
    // The same people as the page showed: the panel (any order), the reserves in their order.
    const shown = async (n: number) => (await result.locator('ol.drawn-list').nth(n).locator('li bdi').allTextContents()).map((t) => t.trim());
    const named = (role: string) => rows.filter((l) => l.startsWith(`${role},`)).map((l) => l.split(',')[3]);
    expect(named('selected').sort()).toEqual((await shown(0)).sort());
    expect(named('reserve')).toEqual(await shown(1));
  });

  it("with the town's figures in the profile, names the biggest gaps in words and suggests quotas from them", async () => {
    // An admin saves reference figures (made up for this test) in the town profile.
    const link = await createSetupLink(server.db.db, server.url, new Date(), { email: 'profile.admin@example.org', role: 'admin' });
    const setup = await fetch(`${server.url}/api/v1/staff/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ token: link.slice(link.indexOf('#') + 1), password: 'violet-harbour-tiger-92' }),
    });
    const cookie = setup.headers.getSetCookie().find((c) => c.startsWith('mv_session='))?.split(';')[0] ?? '';
    const headers = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie };
    const { profile } = (await (await fetch(`${server.url}/api/v1/staff/profile`, { headers })).json()) as { profile: Record<string, unknown> };
    const reference = {
      source: 'Test figures for this end-to-end test, not real',
      categories: { ageBand: { '18-24': 30, '25-34': 15, '35-44': 15, '45-54': 10, '55-64': 10, '65-74': 10, '75+': 10 }, gender: { woman: 60, man: 38, 'non-binary': 2 } },
    };
    const saved = await fetch(`${server.url}/api/v1/staff/profile`, { method: 'PUT', headers, body: JSON.stringify({ profile: { ...profile, reference } }) });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const { page } = staff;
    await page.goto(`${server.url}/admin/missing?panel=${panelId}`);
    await settled();
    const gaps = await page.locator('ul.gaps li').allTextContents();
    expect(gaps).toEqual([
      'Woman (Gender): 40% of sign-ups, 60% of the town',
      '18 to 24 (Age): 15% of sign-ups, 30% of the town',
      '75 or over (Age): fewer than 5 sign-ups, 10% of the town',
    ]);
    await page.waitForSelector('text=Town figures: Test figures for this end-to-end test, not real');
    await noViolations('who is missing, with town figures');

    await page.goto(`${server.url}/admin/panels/${panelId}/selection`);
    await settled();
    await page.waitForSelector("text=Suggested from the town's figures");
    // Women are 60% of the town: 6 of 10 seats, a seat either side.
    expect([await page.locator('#quota-gender-0-min').inputValue(), await page.locator('#quota-gender-0-max').inputValue()]).toEqual(['5', '7']);
  });

  it("an analyst sees who is missing, and neither the panels pages nor anyone's contact details", async () => {
    const analyst = await openBrowser({ width: 1280, height: 900 });
    try {
      await signInStaff(server, analyst, 'analyst', 'panel.analyst@example.org');
      const { page } = analyst;
      await page.goto(`${server.url}/admin/missing?panel=${panelId}`);
      await appReady(page);
      await page.waitForSelector('text=60 people signed up.');
      const menu = await page.locator('.admin-nav a').allTextContents();
      expect(menu).toContain('Who is missing');
      expect(menu).not.toContain('Panels');
      const contacts = /volunteer\.\d+@|zofia|Kowalska/i;
      expect(await page.locator('main').textContent()).not.toMatch(contacts);
      for (const path of [`/admin/panels/${panelId}/signups`, `/admin/panels/${panelId}/selection`]) {
        await page.goto(`${server.url}${path}`);
        await appReady(page);
        await page.waitForSelector('main h1');
        await expect(page.locator('main h1').textContent()).resolves.toBe('You do not have access to this page');
        expect(await page.locator('main').textContent(), path).not.toMatch(contacts);
      }
    } finally {
      await analyst.close();
    }
  });

  it('every panels page passes axe-core in Urdu, right to left, and fits a 320 px screen', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/admin/panels`);
    await settled();
    await page.selectOption('#language-select', 'ur');
    await page.waitForFunction(() => document.documentElement.lang === 'ur' && document.documentElement.dir === 'rtl');
    for (const path of ['/admin/panels', '/admin/panels/new', `/admin/panels/${panelId}`, `/admin/panels/${panelId}/signups`, `/admin/missing?panel=${panelId}`, `/admin/panels/${panelId}/selection`]) {
      await page.goto(`${server.url}${path}`);
      await settled();
      expect(await page.evaluate(() => document.documentElement.dir), path).toBe('rtl');
      await noViolations(`${path} in Urdu`);
      // On a 320 px phone nothing scrolls sideways (wide tables scroll inside their own box).
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await sidewaysScroll(page), `${path} at 320 px`).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    // The selection page in Urdu, with a result on it.
    await page.locator('.button-row .button').first().click();
    await page.waitForSelector('#selection-result-title', { timeout: 60_000 });
    await noViolations('selection result in Urdu');
  });
});
