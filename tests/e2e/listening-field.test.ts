import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, waitForAllSent, waitForServiceWorkerControl, type Browser } from './browser';
import { deviceInvite, enrolTablet, staffAdmin, type StaffApi } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * The field side of listening circles, end to end in Chromium: an enrolled tablet goes offline, starts a
 * pop-up event, records 20 points and a head count, is handed to residents in kiosk mode, is reloaded
 * offline, and comes back online; the server then holds exactly what the tablet made, and the staff report
 * shows each point in its theme × lens cell.
 */
const THEMES = ['youth', 'housing', 'community', 'work', 'poverty', 'other'] as const;
const LENSES = ['voice', 'change', 'partnership'] as const;
const PIN = '2468';
const RESIDENT_WORDS = 'The buses to the hospital stop far too early in the evening';
const PLEDGE_NAME = 'Kiosk Resident Zofia';

/** Twenty points across every theme and lens, several in a row under the same theme and lens. */
const plan = Array.from({ length: 20 }, (_, i) => ({
  theme: THEMES[Math.floor(i / 2) % THEMES.length] ?? 'youth',
  lens: LENSES[Math.floor(i / 3) % LENSES.length] ?? 'voice',
  form: i % 4 === 0 ? 'quote' : 'summary',
  text: `Point ${i + 1} of the market circle: ${i % 2 ? 'more youth clubs open in the evenings' : 'rents rise faster than wages here'}`,
}));

const choose = (page: Page, name: string, value: string) => page.click(`.choice:has(input[name="${name}"][value="${value}"]) label`);
const checked = (page: Page, name: string) => page.locator(`input[name="${name}"]:checked`).getAttribute('value');
const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

/** What the tablet holds in IndexedDB: outbox rows (ids, kinds, states) and how many records with content. */
async function deviceOutbox(page: Page): Promise<{ id: string; kind: string; state: string; frozen: boolean }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('many-voices');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox', 'readonly').objectStore('outbox').getAll();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
        };
      }),
  );
}

/** No axe-core WCAG 2.2 A/AA violation in light or dark colours, and no sideways scrolling (at 320 px). */
async function noViolations(page: Page, where: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `${where}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: sideways scrolling`).toBeLessThanOrEqual(0);
}

async function inLanguage(page: Page, code: 'en' | 'ur') {
  await page.selectOption('#language-select', code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
}

describe('worker mode and kiosk mode on an outreach tablet', () => {
  let server: RunningServer;
  let tablet: Browser;
  let admin: StaffApi;

  beforeAll(async () => {
    server = await startServer();
    admin = await staffAdmin(server);
    // The narrowest screen the app supports, so that any sideways scrolling shows.
    tablet = await openBrowser({ width: 320, height: 720 });
  });
  afterAll(async () => {
    await tablet?.close();
    await server?.close();
  });

  it('refuses worker mode on a phone that is not enrolled, and says why', async () => {
    const phone = await openBrowser();
    try {
      await phone.page.goto(`${server.url}/listen`);
      await appReady(phone.page);
      await phone.page.waitForSelector('main h1');
      expect(await phone.page.textContent('main')).toContain('only on an outreach tablet enrolled by council staff');
      await phone.page.goto(`${server.url}/`);
      await appReady(phone.page);
      expect(await phone.page.locator('a[href="/listen"]').count()).toBe(0);
    } finally {
      await phone.close();
    }
  });

  it('records a pop-up event offline, hands over in kiosk mode, and the server gets exactly those records', async () => {
    const planned = await admin.post('/events', { title: 'Library listening circle', startsAt: new Date(Date.now() + 86_400_000).toISOString(), venue: 'Central Library', themes: ['youth', 'housing'] });
    expect(planned.status).toBe(201);

    const t = tablet.page;
    await enrolTablet(t, await deviceInvite(admin, 'Market stall tablet'), PIN);
    await waitForServiceWorkerControl(t);
    // The home page of an enrolled tablet leads to worker mode; the planned event is in its catalog.
    await t.goto(`${server.url}/`);
    await appReady(t);
    await t.click('a[href="/listen"]');
    await t.waitForSelector('text=Library listening circle');

    // --- Offline from here: a pop-up event. ---
    await tablet.context.setOffline(true);
    await t.goto(`${server.url}/listen`);
    await appReady(t);
    await t.getByRole('link', { name: 'Start a pop-up event' }).click();
    await t.waitForURL('**/listen/new');
    await t.getByRole('button', { name: 'Start the event' }).click();
    await t.waitForSelector('.error-summary >> text=Enter the name of the event');
    await t.fill('#field-title', 'Pop-up, Bury Park market');
    await t.fill('#field-venue', 'Bury Park market');
    await t.getByRole('button', { name: 'Start the event' }).click();
    await t.waitForURL('**/listen/record');
    await t.waitForSelector('h1 >> text=Pop-up, Bury Park market');

    // The capture screen, checked in English and in Urdu (right-to-left).
    await noViolations(t, 'capture screen (en)');
    await inLanguage(t, 'ur');
    expect(await t.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await noViolations(t, 'capture screen (ur)');
    await inLanguage(t, 'en');

    // Bad input is refused on the device, with the field named.
    await choose(t, 'theme', 'youth');
    await choose(t, 'lens', 'voice');
    await t.click('.capture__save');
    await t.waitForSelector('.error-summary >> text=Write what was said');
    await t.fill('#field-text', 'x'.repeat(2001));
    await t.click('.capture__save');
    await t.waitForSelector('.error-summary >> text=What was said must be 2,000 characters or fewer');
    expect(await deviceOutbox(t)).toHaveLength(1); // only the event so far

    // Twenty points: theme and lens stay chosen after each save, so they are tapped only when they change.
    for (const [i, p] of plan.entries()) {
      if ((await checked(t, 'theme')) !== p.theme) await choose(t, 'theme', p.theme);
      if ((await checked(t, 'lens')) !== p.lens) await choose(t, 'lens', p.lens);
      if ((await checked(t, 'form')) !== p.form) await choose(t, 'form', p.form);
      await t.fill('#field-text', p.text);
      await t.click('.capture__save');
      await t.waitForFunction((n) => document.querySelector('#points-title')?.textContent?.startsWith(`${n} point`), i + 1);
      expect(await t.inputValue('#field-text')).toBe('');
      expect(await checked(t, 'theme')).toBe(p.theme);
      expect(await checked(t, 'lens')).toBe(p.lens);
    }
    expect(await t.textContent('.capture__said')).toContain('Saved');

    // A mistake, deleted; point 3 corrected (still possible: nothing has been sent).
    await t.fill('#field-text', 'A point saved by mistake');
    await t.click('.capture__save');
    await t.waitForFunction(() => document.querySelector('#points-title')?.textContent?.startsWith('21 points'));
    await t.locator('.point', { hasText: 'A point saved by mistake' }).getByRole('button', { name: /^Delete/ }).click();
    await t.getByRole('button', { name: 'Yes, delete it' }).click();
    await t.waitForFunction(() => document.querySelector('#points-title')?.textContent?.startsWith('20 points'));
    await t.locator('.point', { hasText: 'Point 3 of' }).getByRole('button', { name: /^Correct/ }).click();
    expect(await t.inputValue('#field-text')).toBe(plan[2]?.text);
    const corrected = `${plan[2]?.text} (corrected)`;
    await t.fill('#field-text', corrected);
    await t.getByRole('button', { name: 'Save the correction' }).click();
    await t.waitForSelector(`.point__text >> text=${corrected}`);
    if (plan[2]) plan[2].text = corrected;

    // Attendance of 12: typed, then counted with the buttons.
    await t.fill('#field-count', '10');
    await t.getByRole('button', { name: 'One more' }).click();
    await t.getByRole('button', { name: 'One more' }).click();
    await t.getByRole('button', { name: 'One more' }).click();
    await t.getByRole('button', { name: 'One fewer' }).click();
    expect(await t.inputValue('#field-count')).toBe('12');
    await t.getByRole('button', { name: 'Save the count' }).click();
    await t.waitForSelector('text=Saved: 12 people took part.');

    // --- Kiosk mode: hand the tablet to residents. ---
    await t.getByRole('link', { name: 'Hand the tablet to a resident' }).first().click();
    await t.waitForURL('**/kiosk');
    await t.waitForSelector('h1 >> text=Hand the tablet to a resident');
    expect(await t.locator('#field-event option:checked').textContent()).toContain('Pop-up, Bury Park market');
    await t.getByRole('button', { name: 'Lock and hand over' }).click();
    await t.waitForSelector('h1 >> text=Have your say');
    // No way out: no footer menu, the site name is not a link, no link but the staff exit.
    expect(await t.locator('.site-footer').count()).toBe(0);
    expect(await t.locator('header a').count()).toBe(0);
    expect(await t.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/kiosk/leave']);
    await noViolations(t, 'kiosk start (en)');
    await t.getByRole('button', { name: 'اردو' }).click();
    await t.waitForFunction(() => document.documentElement.dir === 'rtl');
    await noViolations(t, 'kiosk start (ur)');
    await t.getByRole('button', { name: 'ہمیں بتائیں کہ آپ کے لیے کیا اہم ہے' }).click();
    await t.waitForURL('**/kiosk/feedback');
    await noViolations(t, 'kiosk feedback (ur)');
    await t.getByRole('button', { name: 'بھیجیں' }).click();
    await t.waitForSelector('.error-summary');
    await noViolations(t, 'kiosk feedback with errors (ur)');

    // A resident (now in English) types feedback and sends it.
    await inLanguage(t, 'en');
    await noViolations(t, 'kiosk feedback (en)');
    await choose(t, 'theme', 'community');
    await choose(t, 'lens', 'change');
    await t.fill('#field-text', RESIDENT_WORDS);
    await t.getByRole('button', { name: 'Send' }).click();
    await t.waitForSelector('h1 >> text=Thank you');
    const thanksShownAt = Date.now();
    expect(await bodyText(t)).not.toContain(RESIDENT_WORDS);
    await noViolations(t, 'kiosk thank-you');
    // Ready for the next person by itself, within 10 seconds, in the language the worker locked it in.
    await t.waitForSelector('h1 >> text=Have your say', { timeout: 12_000 });
    expect(Date.now() - thanksShownAt).toBeLessThanOrEqual(10_000);
    expect(new URL(t.url()).pathname).toBe('/kiosk');

    // The next person sees nothing of it: an empty form, nothing chosen, not in the page, not after "back".
    await t.getByRole('button', { name: 'Tell us what matters to you' }).click();
    expect(await t.inputValue('#field-text')).toBe('');
    expect(await t.locator('input[type=radio]:checked').count()).toBe(0);
    await t.goBack();
    await t.goBack();
    expect(await bodyText(t)).not.toContain(RESIDENT_WORDS);

    // A second resident signs the pledge inside the kiosk; it ends on the kiosk's thank-you, not the reference.
    await t.goto(`${server.url}/kiosk`);
    await appReady(t);
    await t.getByRole('button', { name: 'Sign the harmony pledge' }).click();
    await t.waitForURL('**/pledge');
    await t.click('button[type=submit]');
    await t.fill('#field-name', PLEDGE_NAME);
    await t.click('button[type=submit]');
    await t.click('button[type=submit]');
    await t.click('button[type=submit]');
    await t.click('button[type=submit]');
    await t.waitForURL('**/pledge/check');
    await t.click('button[type=submit]');
    await t.waitForURL('**/kiosk/thanks');
    expect(await bodyText(t)).not.toContain(PLEDGE_NAME);
    await t.getByRole('button', { name: 'Finish' }).click();
    await t.waitForURL(/\/kiosk$/);
    await t.getByRole('button', { name: 'Sign the harmony pledge' }).click();
    await t.click('button[type=submit]');
    expect(await t.inputValue('#field-name')).toBe('');

    // Nowhere else to go: an address typed, or a reload, stays in the locked kiosk.
    for (const path of ['/listen/record', '/status', '/']) {
      await t.goto(`${server.url}${path}`);
      await appReady(t);
      await t.waitForURL(/\/kiosk$/);
    }
    await t.reload();
    await appReady(t);
    await t.waitForSelector('h1 >> text=Have your say');
    expect(await t.locator('.site-footer').count()).toBe(0);

    // Leaving needs the PIN.
    await t.getByRole('link', { name: 'Staff: leave kiosk mode' }).click();
    await t.fill('#field-pin', '1111');
    await t.getByRole('button', { name: 'Leave kiosk mode' }).click();
    await t.waitForSelector('.field-error >> text=That PIN is not right');
    await noViolations(t, 'kiosk leave, wrong PIN');
    expect(new URL(t.url()).pathname).toBe('/kiosk/leave');
    await t.fill('#field-pin', PIN);
    await t.getByRole('button', { name: 'Leave kiosk mode' }).click();
    await t.waitForURL('**/listen');
    expect(await t.locator('.site-footer').count()).toBe(1);

    // The worker sees their own 20 points, never the resident's words.
    await t.goto(`${server.url}/listen/record`);
    await appReady(t);
    await t.waitForFunction(() => document.querySelector('#points-title')?.textContent?.startsWith('20 points'));
    expect(await bodyText(t)).not.toContain(RESIDENT_WORDS);
    await t.goto(`${server.url}/status`);
    await appReady(t);
    await t.waitForSelector('main h1');
    expect(await bodyText(t)).not.toContain(RESIDENT_WORDS);

    // Reload offline: every record still waits on the tablet.
    await t.goto(`${server.url}/listen/record`);
    await t.reload();
    await appReady(t);
    await t.waitForFunction(() => document.querySelector('#points-title')?.textContent?.startsWith('20 points'));
    const waiting = await deviceOutbox(t);
    const kinds = (kind: string) => waiting.filter((r) => r.kind === kind).length;
    expect({ event: kinds('event'), feedback: kinds('feedback'), attendance: kinds('attendance'), pledge: kinds('pledge') }).toEqual({ event: 1, feedback: 21, attendance: 1, pledge: 1 });
    expect(waiting.every((r) => r.state === 'pending')).toBe(true);
    await expect(t.locator('.sync-badge').textContent()).resolves.toContain('24');

    // --- Online: the server holds exactly these records. ---
    await tablet.context.setOffline(false);
    await waitForAllSent(t);
    const stored = await server.db.db.selectFrom('records').select(['id', 'kind', 'device_id']).execute();
    expect(stored.map((r) => r.id).sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(stored.every((r) => r.device_id !== null)).toBe(true);
    // Sent points leave the tablet's list: their words are no longer on the device.
    await t.waitForFunction(() => document.querySelector('#points-title')?.textContent?.startsWith('0 points'));

    // The staff report: each point in its theme × lens cell, the resident's too; attendance 12.
    const eventId = waiting.find((r) => r.kind === 'event')?.id ?? '';
    const report = await admin.get(`/listening/report?event=${eventId}`);
    expect(report.status).toBe(200);
    const cell = (theme: string, lens: string): string[] =>
      (report.body.rows.find((r: { theme: string }) => r.theme === theme)?.cells[lens]?.statements ?? []).map((s: { text: string }) => s.text);
    for (const p of plan) expect(cell(p.theme, p.lens), `${p.theme} × ${p.lens}`).toContain(p.text);
    expect(cell('community', 'change')).toContain(RESIDENT_WORDS);
    expect(report.body.totals.points).toBe(21);
    const event = report.body.events.find((e: { eventId: string }) => e.eventId === eventId);
    expect(event).toMatchObject({ title: 'Pop-up, Bury Park market', attendance: 12, points: 21 });
    const quotes = report.body.rows.flatMap((r: { cells: Record<string, { statements: { form: string }[] }> }) =>
      Object.values(r.cells).flatMap((c) => c.statements.filter((s) => s.form === 'quote')),
    );
    expect(quotes).toHaveLength(plan.filter((p) => p.form === 'quote').length + 1);

    // Worker mode still offers the pop-up after its record left the tablet.
    await t.goto(`${server.url}/listen`);
    await appReady(t);
    await t.waitForSelector('text=Pop-up, Bury Park market');
    await t.waitForSelector('text=Library listening circle');
  });
});
