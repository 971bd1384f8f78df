import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInStaff } from './a11y-support';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * Two staff pages of the citizen panels, end to end: an admin enters the town's figures and sees "who is
 * missing" use them; a sign-up that gave only a phone number is found on the rights page, the use of its
 * equality answers stopped (the counts drop), then erased. Both pages pass axe-core in English and Urdu.
 */
const PHONE_TYPED = '07700 900456';

function signup(panel: string, i: number, data: Record<string, unknown> = {}) {
  return {
    id: v7(),
    kind: 'signup',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    locale: 'en',
    data: {
      panels: [panel],
      ageBand: '25-34',
      name: `Demo volunteer ${i}`,
      email: `volunteer.${i}@example.org`,
      contactConsent: true,
      preferredLanguage: 'en',
      equalityConsent: true,
      gender: i % 2 ? 'man' : 'woman',
      ...data,
    },
  };
}

async function openPanel(server: RunningServer): Promise<string> {
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const admin = await staffAdmin(server, 'panels.setup@example.org');
  const res = await admin.post('/panels', {
    topic: { en: 'Safer streets', ur: 'محفوظ گلیاں' },
    description: { en: 'Three evenings about feeling safe in town.' },
    format: 'in-person',
    place: 'Town Hall',
    startsAt: iso(30),
    endsAt: iso(30.1),
    signupDeadline: iso(20),
    size: 4,
    categories: ['gender'],
    status: 'open',
  });
  if (res.status !== 201) throw new Error(`creating a panel answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.panel.id as string;
}

describe('town figures and a phone-only sign-up’s rights', () => {
  let server: RunningServer;
  let staff: Browser;

  beforeAll(async () => {
    server = await startServer();
    const panel = await openPanel(server);
    // Six women (one of them the phone-only resident) and six men, so every group is shown as a number.
    const records = [
      ...Array.from({ length: 11 }, (_, i) => signup(panel, i + 1)),
      signup(panel, 12, { name: 'Nasreen Phoneonly', email: '', phone: PHONE_TYPED, preferredLanguage: 'ur', gender: 'woman', accessNeeds: ['hearing-loop'] }),
    ];
    const synced = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
    const body = (await synced.json()) as { results: { status: string }[] };
    expect(body.results.map((r) => r.status)).toEqual(records.map(() => 'stored'));
    staff = await openBrowser({ width: 1280, height: 900 });
    await signInStaff(server, staff, 'admin', 'rights.admin@example.org');
  });
  afterAll(async () => {
    await staff?.close();
    await server?.close();
  });

  const noViolations = async (where: string) => expect(await axeViolations(staff.page), where).toEqual([]);
  const settled = async () => {
    await staff.page.waitForSelector('main h1');
    await staff.page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), undefined, { timeout: 15_000 });
  };
  /** A row of a who-is-missing table: [count, share of sign-ups, share of the town]. */
  const genderRow = (value: string) =>
    staff.page.evaluate((v) => {
      const row = [...document.querySelectorAll('section[aria-labelledby="missing-gender"] tbody tr')].find((r) => r.querySelector('th')?.textContent?.trim() === v);
      return [...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim() ?? '');
    }, value);

  it('an admin enters the town figures, is told what is wrong, and sees them used on who is missing', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/admin/missing`);
    await appReady(page);
    await settled();
    await page.waitForSelector('text=The town profile has no reference figures yet');
    await page.getByRole('link', { name: 'Enter the town figures' }).click();
    await page.waitForURL(/\/admin\/reference$/);
    await settled();
    expect(await page.locator('main h1').textContent()).toBe('Town figures');
    // The menu has the page too.
    expect(await page.locator('.admin-nav a[aria-current="page"]').textContent()).toBe('Town figures');
    await noViolations('town figures, empty');

    // Shares over 100% and no source: the summary names the value and the field, nothing is saved.
    await page.fill('#field-gender--woman', '60');
    await page.fill('#field-gender--man', '50');
    await page.fill('#field-ageBand--18-24', 'twelve');
    await page.getByRole('button', { name: 'Save the town figures' }).click();
    await page.waitForSelector('.error-summary a[href="#field-source"]');
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('Enter where the figures come from');
    expect(summary).toContain('The shares for Gender add up to more than 100%');
    expect(summary).toContain('Enter the share for 18 to 24 (Age) as a number from 0 to 100');
    expect(await page.locator('#field-ageBand--18-24').getAttribute('aria-invalid')).toBe('true');
    await noViolations('town figures with errors');
    const before = (await page.evaluate(async () => (await fetch('/api/v1/staff/profile')).json())) as { profile: { reference?: unknown } };
    expect(before.profile.reference).toBeUndefined();

    await page.fill('#field-gender--man', '40');
    await page.fill('#field-ageBand--18-24', '12.5');
    await page.fill('#field-source', 'Demo figures for this test — not census data');
    await page.getByRole('button', { name: 'Save the town figures' }).click();
    await page.waitForSelector('text=The town figures are saved.');
    await page.getByRole('link', { name: 'See who is missing' }).click();
    await page.waitForURL(/\/admin\/missing$/);
    await settled();
    await page.waitForSelector('text=Town figures: Demo figures for this test — not census data');
    expect(await genderRow('Woman')).toEqual(['6', '50%', '60%']);
    expect(await genderRow('Man')).toEqual(['6', '50%', '40%']);
    expect(await page.locator('ul.gaps').textContent()).toContain('Woman (Gender): 50% of sign-ups, 60% of the town');
    // Reloaded, the page shows what is saved.
    await page.goto(`${server.url}/admin/reference`);
    await settled();
    expect(await page.inputValue('#field-gender--woman')).toBe('60');
    expect(await page.inputValue('#field-source')).toBe('Demo figures for this test — not census data');
  });

  it('a phone-only sign-up is found, its equality answers stopped (the counts drop), then erased', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/admin/rights`);
    await appReady(page);
    await settled();
    await noViolations('rights, empty');
    // Neither field: the summary says what to enter.
    await page.getByRole('button', { name: 'Find what is held' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').textContent()).toContain("Enter the person's email address or phone number");

    // Written another way than the resident typed it.
    await page.fill('#field-phone', '+44 7700 900456');
    await page.getByRole('button', { name: 'Find what is held' }).click();
    await page.waitForSelector('text=1 record held for +447700900456');
    const card = page.locator('.card', { hasText: 'Panel sign-up 1' });
    const text = await card.textContent();
    for (const says of ['Safer streets', 'Nasreen Phoneonly', '+447700900456', 'Hearing loop', 'Equality answers', 'Held']) expect(text).toContain(says);
    await noViolations('rights, a sign-up found');

    await page.getByRole('button', { name: 'Stop using their equality answers' }).click();
    await page.waitForSelector('#stop-title');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stop-title');
    await noViolations('rights, stop confirmation');
    await page.getByRole('button', { name: 'Stop using them', exact: true }).click();
    await page.waitForSelector('text=The equality answers of 1 sign-up for +447700900456 are deleted');
    expect(await card.textContent()).toContain('Not held: their use was stopped on');
    // Nothing left to stop.
    expect(await page.getByRole('button', { name: 'Stop using their equality answers' }).count()).toBe(0);
    const audit = (await page.evaluate(async () => (await fetch('/api/v1/staff/audit')).json())) as { entries: { action: string; actor: string }[] };
    expect(audit.entries.some((e) => e.action === 'equality-withdrawn' && e.actor === 'rights.admin@example.org')).toBe(true);

    await page.goto(`${server.url}/admin/missing`);
    await settled();
    await page.waitForSelector('section[aria-labelledby="missing-gender"]');
    expect((await genderRow('Woman'))[0]).toBe('5');
    await page.waitForSelector('text=12 people signed up.');

    await page.goto(`${server.url}/admin/rights`);
    await settled();
    await page.fill('#field-phone', PHONE_TYPED);
    await page.getByRole('button', { name: 'Find what is held' }).click();
    await page.waitForSelector('text=1 record held for +447700900456');
    await page.getByRole('button', { name: 'Erase these records' }).click();
    await page.check('#field-understood');
    await page.getByRole('button', { name: 'Erase for good' }).click();
    await page.waitForSelector('text=1 record for +447700900456 is erased.');

    await page.fill('#field-phone', PHONE_TYPED);
    await page.getByRole('button', { name: 'Find what is held' }).click();
    await page.waitForSelector('text=Nothing is held for this email address or phone number.');
    await page.goto(`${server.url}/admin/missing`);
    await settled();
    await page.waitForSelector('text=11 people signed up.');
    expect(staff.missingWords(), 'keys shown without words').toEqual([]);
  });
});

describe('town figures and rights pages in Urdu', () => {
  let server: RunningServer;
  let staff: Browser;
  beforeAll(async () => {
    server = await startServer();
    const panel = await openPanel(server);
    const records = [signup(panel, 1, { email: '', phone: PHONE_TYPED })];
    await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
    staff = await openBrowser({ width: 1280, height: 900, locale: 'ur-PK' });
    await signInStaff(server, staff, 'admin', 'rights.ur@example.org');
  });
  afterAll(async () => {
    await staff?.close();
    await server?.close();
  });

  it('both pages, with errors, results and the confirmation open, have no WCAG 2.2 AA violations right to left', async () => {
    const { page } = staff;
    const check = async (where: string) => {
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), where).toEqual(['ur', 'rtl']);
      expect(await axeViolations(page), where).toEqual([]);
    };
    await page.goto(`${server.url}/admin/reference`);
    await appReady(page);
    await page.waitForSelector('#field-gender--woman');
    expect(await page.locator('main h1').textContent()).toBe('شہر کے اعداد و شمار');
    await check('town figures');
    await page.fill('#field-gender--woman', '80');
    await page.fill('#field-gender--man', '30');
    await page.locator('form.reference-form button[type=submit]').click();
    await page.waitForSelector('.error-summary a[href="#field-source"]');
    expect(await page.locator('.error-summary').textContent()).toContain('درج کریں کہ اعداد و شمار کہاں سے آئے');
    await check('town figures with errors');

    await page.goto(`${server.url}/admin/rights`);
    await page.waitForSelector('#field-phone');
    await check('rights');
    await page.fill('#field-phone', PHONE_TYPED);
    await page.locator('main form button[type=submit]').click();
    await page.waitForSelector('#held-title');
    expect(await page.locator('#held-title').textContent()).toContain('+447700900456');
    await check('rights with a sign-up');
    await page.locator('.actions button.button--secondary').nth(1).click();
    await page.waitForSelector('#stop-title');
    await check('rights, stop confirmation');
    expect(staff.missingWords(), 'keys shown without words').toEqual([]);
  });
});
