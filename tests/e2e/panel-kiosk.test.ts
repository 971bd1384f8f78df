import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, type Browser } from './browser';
import { deviceInvite, enrolTablet, staffAdmin } from './enrolment';
import { startServer, type RunningServer } from './server';

/**
 * "Join a citizen panel" in kiosk mode: the sign-up ends on the kiosk's thank-you (no reference for the next
 * person to see), its draft belongs to that one journey, and the council receives it.
 */
const NAME = 'Kiosk Volunteer Zaynab';
const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('joining a panel on a kiosk tablet', () => {
  let server: RunningServer;
  let tablet: Browser;
  let panelId = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await staffAdmin(server);
    const created = await admin.post('/panels', {
      topic: { en: 'Kiosk test panel' },
      description: { en: 'A panel residents join on the tablet.' },
      format: 'online',
      startsAt: iso(30),
      endsAt: iso(30.1),
      signupDeadline: iso(20),
      size: 10,
      status: 'open',
    });
    panelId = created.body.panel.id;
    tablet = await openBrowser({ width: 800, height: 1100 });
    await enrolTablet(tablet.page, await deviceInvite(admin, 'Panel kiosk'), '2468');
  });
  afterAll(async () => {
    await tablet?.close();
    await server?.close();
  });

  const submit = () => tablet.page.click('form.journey button[type=submit]');
  const bodyText = () => tablet.page.evaluate(() => document.body.innerText);

  it('takes a sign-up, thanks the resident without a reference, and starts empty for the next person', async () => {
    const t = tablet.page;
    await t.goto(`${server.url}/kiosk`);
    await appReady(t);
    await t.uncheck('#field-activity-feedback');
    await t.uncheck('#field-activity-pledge');
    await t.check('#field-activity-panel');
    await t.getByRole('button', { name: 'Lock and hand over' }).click();
    await t.waitForSelector('h1 >> text=Have your say');
    await t.getByRole('button', { name: 'Join a citizen panel' }).click();
    await t.waitForURL('**/panels');
    await t.locator('.panel-card', { hasText: 'Kiosk test panel' }).getByRole('link').click();
    await t.waitForURL('**/panels/join?panel=*');
    expect(await axeViolations(t)).toEqual([]);
    await submit();
    await t.check('#field-ageBand-25-34');
    await submit();
    await t.fill('#field-name', NAME);
    await submit();
    await t.fill('#field-email', 'kiosk.volunteer@example.org');
    await t.check('#field-contactConsent');
    await submit();
    await submit(); // language
    await submit(); // access needs: none
    await t.check('#field-equalityConsent-skip');
    await submit();
    await t.waitForURL('**/panels/join/check');
    expect(await bodyText()).toContain(NAME);
    await submit();
    await t.waitForURL('**/kiosk/thanks');
    expect(await bodyText()).not.toContain(NAME);
    expect(await t.locator('.reference').count()).toBe(0);
    await t.getByRole('button', { name: 'Finish' }).click();
    await t.waitForURL(/\/kiosk$/);

    // The next person: the same journey, nothing of the last one in it, not even after "back".
    await t.getByRole('button', { name: 'Join a citizen panel' }).click();
    await t.waitForURL('**/panels');
    await t.locator('.panel-card').getByRole('link').click();
    await submit();
    await t.check('#field-ageBand-35-44');
    await submit();
    await t.waitForURL('**/panels/join/name');
    expect(await t.inputValue('#field-name')).toBe('');
    await t.goBack();
    await t.goBack();
    expect(await bodyText()).not.toContain(NAME);
    // Somewhere the kiosk does not offer is out of reach.
    await t.goto(`${server.url}/pledge`);
    await appReady(t);
    await t.waitForURL(/\/kiosk$/);
  });

  it('the council receives the sign-up', async () => {
    let rows: { name: string | null }[] = [];
    for (let i = 0; i < 60 && rows.length === 0; i++) {
      rows = await server.db.db.selectFrom('signups').select('name').execute();
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 500));
    }
    expect(rows).toEqual([{ name: NAME }]);
    const links = await server.db.db.selectFrom('signup_panels').select('panel_id').execute();
    expect(links).toEqual([{ panel_id: panelId }]);
    expect(await server.db.db.selectFrom('signup_equality').selectAll().execute()).toEqual([]);
  });
});
