import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, waitForServiceWorkerControl, type Browser } from './browser';
import { lutonProfile } from '../../src/core/profile/luton';
import { seedListening } from '../../src/server/demo/seed';
import { signInStaff } from './a11y-support';
import { startRealServer, type RealServer } from './realServer';
import { startServer, type RunningServer } from './server';

/**
 * The staff side of listening circles and the residents' "you said, we did", end to end: records from an
 * enrolled tablet through POST /api/v1/sync; the first admin from the link the server prints; the report
 * with each point in its theme × lens cell and quotes marked; an overarching theme written in place; a held
 * point redacted; an event planned; an outcome written in English and Urdu and published; a resident's
 * phone reading it at /you-said, in Urdu, and offline after one visit. axe-core on every new page in
 * English and Urdu.
 */
const QUOTE = 'We want the youth club open on Friday evenings';
const SUMMARY = 'Residents said repairs to council homes take months';
const HELD = 'Ring me on 07700 900456 about the youth club';
const REDACTED = 'Ring me on [phone removed] about the youth club';
const OVERARCHING = 'Young people want places to go, and to be asked first';
const YOU_SAID = 'You said young people need somewhere to go on Friday evenings.';
const WE_DID = 'We opened the youth club on Fridays from six until nine.';
const YOU_SAID_UR = 'آپ نے کہا کہ نوجوانوں کو جمعہ کی شام جانے کی جگہ چاہیے۔';

describe('listening report, held feedback, events and "you said, we did"', () => {
  let server: RealServer;
  let staff: Browser;
  const eventId = uuidv7();

  beforeAll(async () => {
    server = await startRealServer();
    staff = await openBrowser({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await staff?.close();
    await server?.close();
  });

  const noViolations = async (page: Page, where: string) => expect(await axeViolations(page), where).toEqual([]);
  /** Wait until the console page has its data (no "Loading…"). */
  const settled = async (page: Page) => {
    await page.waitForSelector('main h1');
    await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 15_000 });
  };
  const setLanguage = async (page: Page, code: string) => {
    await page.selectOption('#language-select', code);
    await page.waitForFunction((l) => document.documentElement.lang === l, code);
  };

  it('goes from tablet records to a published outcome a resident reads offline', async () => {
    const { page } = staff;
    const link = server.output().match(/http:\/\/\S+\/admin\/setup#\S+/)?.[0];
    expect(link, 'the server prints a one-time setup link at first start').toBeTruthy();
    await page.goto(link ?? '');
    await page.waitForSelector('#field-password');
    if (await page.locator('#field-email').count()) await page.fill('#field-email', 'report.admin@example.org');
    await page.fill('#field-password', 'violet-harbour-tiger-92');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/admin$/);

    // A tablet, enrolled from an invite made on the devices page, sends an event, four points and a head count.
    await page.goto(`${server.url}/admin/devices`);
    await page.fill('#field-name', 'Library tablet');
    await page.getByRole('button', { name: 'Create invite' }).click();
    const invite = (await page.locator('.one-time-link code').textContent({ timeout: 15_000 }))?.trim() ?? '';
    const enrol = await fetch(`${server.url}/api/v1/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: invite.split('#')[1] }) });
    expect(enrol.status).toBe(201);
    const { token } = (await enrol.json()) as { token: string };
    const now = Date.now();
    const at = (minutes: number) => new Date(now - 60 * 60_000 + minutes * 60_000).toISOString();
    const record = (kind: string, data: Record<string, unknown>, minutes: number, id = uuidv7()) => ({ id, kind, schemaVersion: 1, createdAt: at(minutes), locale: 'en', data });
    const records = [
      record('event', { title: 'Wardown library circle', startsAt: at(0), venue: 'Wardown library', ward: 'high-town', themes: ['youth', 'housing'] }, 0, eventId),
      record('feedback', { eventId, theme: 'youth', lens: 'voice', text: QUOTE, form: 'quote', source: 'resident' }, 5),
      record('feedback', { eventId, theme: 'housing', lens: 'change', text: SUMMARY, form: 'summary', source: 'worker' }, 6),
      record('feedback', { eventId, theme: 'youth', lens: 'partnership', text: HELD, form: 'quote', source: 'worker' }, 7),
      record('feedback', { eventId, theme: 'work', lens: 'partnership', text: 'Employers and colleges should plan courses together', form: 'summary', source: 'worker' }, 8),
      record('attendance', { eventId, count: 14 }, 30),
    ];
    const sync = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ records }) });
    expect(sync.status).toBe(200);
    const results = ((await sync.json()) as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(records.map(() => 'stored'));

    // The report: the quote in Youth × Hearing citizens' voice, marked as a quote; the summary in its own cell.
    await page.goto(`${server.url}/admin/listening`);
    await settled(page);
    await page.waitForSelector('.report-table');
    const lensColumn = async (name: string) => (await page.locator('.report-table thead th').allTextContents()).indexOf(name) + 1;
    const cell = async (theme: string, lens: string) => page.locator(`.report-table tbody tr:has(th:has-text("${theme}")) > :nth-child(${await lensColumn(lens)})`);
    const youthVoice = await cell('Youth', "Hearing citizens' voice");
    await expect(youthVoice.locator('.report-cell__count').textContent()).resolves.toBe('1 point');
    const quote = youthVoice.locator('.statement');
    await expect(quote.textContent()).resolves.toContain(`“${QUOTE}”`);
    await expect(quote.locator('.tag').textContent()).resolves.toBe('Quote');
    const housingChange = await cell('Housing and homelessness', 'Understanding what needs to change');
    await expect(housingChange.locator('.statement').textContent()).resolves.toContain(SUMMARY);
    await expect(housingChange.locator('.statement .tag').textContent()).resolves.toBe('Summary');
    await expect(housingChange.locator('.statement').textContent()).resolves.not.toContain('“');
    // The held point is counted, not shown, and the notice links to the redaction screen.
    expect(await page.locator('main').textContent()).not.toContain('07700');
    await expect(page.locator('.notice--warning').textContent()).resolves.toContain('1 point is held');
    const eventRow = page.locator('#report-events ~ .table-scroll tbody tr', { hasText: 'Wardown library circle' });
    await expect(eventRow.locator('td').allTextContents()).resolves.toEqual([expect.any(String), '14', '3', '1']);
    await noViolations(page, 'report');

    // Text search, carried into the export.
    await page.fill('#field-q', 'friday');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.statement').length === 1);
    const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(csvHref).toContain('q=friday');
    const csv = await page.request.get(`${server.url}${csvHref ?? ''}`);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain(QUOTE);
    expect(csvText).not.toContain(SUMMARY);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.statement').length === 3);

    // Print: the report alone, without the menu or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.admin-bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('.report-table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The overarching theme for Youth, written in place, kept after a reload.
    await page.getByRole('button', { name: 'Write Overarching theme for Youth' }).click();
    await page.fill('#field-summary-youth', OVERARCHING);
    await noViolations(page, 'report, editing a summary');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector(`.report-summary__text:has-text("${OVERARCHING}")`);
    await page.reload();
    await settled(page);
    await page.waitForSelector(`.report-table tbody tr:has(th:has-text("Youth")) .report-summary__text:has-text("${OVERARCHING}")`);

    // The held point, redacted: the report shows the redacted text.
    await page.goto(`${server.url}/admin/held`);
    await settled(page);
    await expect(page.locator('.held-item blockquote').textContent()).resolves.toBe(HELD);
    await noViolations(page, 'held feedback');
    await page.locator('.held-item textarea').fill(REDACTED);
    await page.getByRole('button', { name: 'Save the redacted text' }).click();
    await page.waitForSelector('text=Nothing is held');
    await page.goto(`${server.url}/admin/listening`);
    await settled(page);
    await expect((await cell('Youth', 'Partnership working and making the change together')).locator('.statement').textContent()).resolves.toContain(REDACTED);

    // An event planned: the schema's field problems first, then the event in the upcoming list.
    await page.goto(`${server.url}/admin/events`);
    await settled(page);
    await expect(page.locator('#events-past ~ .table-scroll').textContent()).resolves.toContain('Wardown library circle');
    await page.getByRole('button', { name: 'Plan the event' }).click();
    await page.waitForSelector('.error-summary');
    const problems = await page.locator('.error-summary li').allTextContents();
    expect(problems).toEqual(['Enter a title', 'Choose at least one theme']);
    await noViolations(page, 'events, with errors');
    await page.fill('#field-title', 'Stopsley listening circle');
    await page.fill('#field-venue', 'Stopsley community centre');
    await page.selectOption('#field-ward', 'stopsley');
    await page.getByLabel('Community', { exact: true }).check();
    await page.getByRole('button', { name: 'Plan the event' }).click();
    await page.waitForSelector('#events-upcoming ~ .table-scroll >> text=Stopsley listening circle');
    await noViolations(page, 'events');

    // "You said, we did": written in English and Urdu, saved as a draft, then published.
    await page.goto(`${server.url}/admin/outcomes`);
    await settled(page);
    await page.selectOption('#field-theme', 'youth');
    await page.selectOption('#field-eventId', eventId);
    await page.fill('#field-youSaid', YOU_SAID);
    await page.fill('#field-weDid', WE_DID);
    await page.fill('#field-youSaid-ur', YOU_SAID_UR);
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.waitForSelector('text=Draft: not published');
    await noViolations(page, 'outcomes');
    await page.getByRole('button', { name: /^Publish/ }).click();
    await page.waitForSelector('.outcome-item >> text=/^Published /');

    // The staff pages in Urdu (right to left), with their data.
    await setLanguage(page, 'ur');
    for (const path of ['/admin/listening', '/admin/held', '/admin/events', '/admin/outcomes']) {
      await page.goto(`${server.url}${path}`);
      await appReady(page);
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await noViolations(page, `${path} in Urdu`);
    }
    await setLanguage(page, 'en');

    // A resident's phone: the outcome at /you-said (the catalog may be up to 5 s old), newest first.
    const resident = await openBrowser();
    try {
      const rp = resident.page;
      const deadline = Date.now() + 30_000;
      for (;;) {
        await rp.goto(`${server.url}/you-said`);
        await appReady(rp);
        await rp.waitForTimeout(500);
        if ((await rp.locator('.outcome', { hasText: WE_DID }).count()) > 0) break;
        if (Date.now() > deadline) throw new Error('The published outcome did not reach /you-said');
        await rp.waitForTimeout(1500);
      }
      const outcomes = rp.locator('.outcome');
      // The one published outcome, with its theme.
      await expect(outcomes.first().textContent()).resolves.toContain(YOU_SAID);
      await expect(outcomes.first().locator('.outcome__theme').textContent()).resolves.toBe('Youth');
      // Dates as written in the UK: "1 December 2026", not "December 1, 2026".
      const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date());
      await expect(outcomes.first().locator('time').textContent()).resolves.toBe(today);
      await noViolations(rp, '/you-said in English');
      // The filter by theme: Youth keeps it; the only themes offered are those with an outcome.
      await expect(rp.locator('#field-theme option').allTextContents()).resolves.toEqual(['All themes', 'Youth']);
      await rp.selectOption('#field-theme', 'youth');
      await expect(outcomes.count()).resolves.toBe(1);
      await expect(rp.locator('.outcome-count').textContent()).resolves.toBe('Showing 1 outcome');

      // In Urdu: "you said" in Urdu; "we did" has no Urdu, so it is in English, marked, with lang="en".
      await setLanguage(rp, 'ur');
      const texts = outcomes.first().locator('.outcome__text');
      await expect(texts.nth(0).getAttribute('lang')).resolves.toBe('ur');
      await expect(texts.nth(0).textContent()).resolves.toBe(YOU_SAID_UR);
      await expect(texts.nth(1).getAttribute('lang')).resolves.toBe('en');
      await expect(texts.nth(1).textContent()).resolves.toContain(WE_DID);
      await expect(texts.nth(1).locator('.fallback-note').count()).resolves.toBe(1);
      await noViolations(rp, '/you-said in Urdu');
      await setLanguage(rp, 'en');

      // Offline after that visit: the page and the outcome come from the phone itself.
      await waitForServiceWorkerControl(rp);
      await resident.context.setOffline(true);
      await rp.goto(`${server.url}/you-said`);
      await appReady(rp);
      await rp.waitForSelector(`.outcome:has-text("${WE_DID}")`, { timeout: 15_000 });
      await resident.context.setOffline(false);
      // The home page links to it.
      await rp.goto(`${server.url}/`);
      await appReady(rp);
      await expect(rp.locator('main a[href="/you-said"]').count()).resolves.toBe(1);
    } finally {
      await resident.close();
    }
  });
});

describe('the listening pages for an analyst', () => {
  let server: RunningServer;
  let analyst: Browser;
  beforeAll(async () => {
    server = await startServer();
    await seedListening(server.db.db, lutonProfile, { events: 4, points: 60 });
    analyst = await openBrowser({ width: 1280, height: 900 });
    await signInStaff(server, analyst, 'analyst', 'report.analyst@example.org');
  });
  afterAll(async () => {
    await analyst?.close();
    await server?.close();
  });

  it('reads the report and outcomes, but writes no summary, sees no held text and publishes nothing', async () => {
    const { page } = analyst;
    await page.goto(`${server.url}/admin/listening`);
    await appReady(page);
    await page.waitForSelector('.report-table .statement');
    const menu = await page.locator('.admin-nav a').allTextContents();
    expect(menu).toEqual(expect.arrayContaining(['Events', 'Listening report', 'You said, we did']));
    expect(menu).not.toContain('Held feedback');
    expect(await page.getByRole('button', { name: /^Write Overarching theme/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Redact or release held feedback' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('demo.resident@example.org');
    await page.goto(`${server.url}/admin/held`);
    await page.waitForSelector('main h1');
    await expect(page.locator('main h1').textContent()).resolves.toBe('You do not have access to this page');
    await page.goto(`${server.url}/admin/outcomes`);
    await page.waitForSelector('.outcome-item');
    expect(await page.locator('#outcome-create').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    await page.goto(`${server.url}/admin/events`);
    await page.waitForSelector('#events-past');
    expect(await page.locator('#event-create').count()).toBe(0);
  });
});
