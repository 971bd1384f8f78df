import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appReady, openBrowser, waitForServiceWorkerControl, type Browser, waitForAllSent } from './browser';
import { enrolTablet } from './enrolment';
import { startRealServer, type RealServer } from './realServer';

/**
 * The staff side, end to end: the first admin from the link the server prints, a tablet enrolled from a
 * device invite, a pledge saved on it offline, then seen, approved and shown on the public wall.
 */
describe('staff console with an enrolled tablet', () => {
  let server: RealServer;
  let staff: Browser;
  let tablet: Browser;

  beforeAll(async () => {
    server = await startRealServer();
    staff = await openBrowser({ width: 1280, height: 900 });
    tablet = await openBrowser();
  });
  afterAll(async () => {
    await staff?.close();
    await tablet?.close();
    await server?.close();
  });

  const noViolations = async (b: Browser, where: string) => expect(await axeViolations(b.page), where).toEqual([]);

  it('goes from the printed setup link to an approved message on the public wall', async () => {
    const link = server.output().match(/http:\/\/\S+\/admin\/setup#\S+/)?.[0];
    expect(link, 'the server prints a one-time setup link at first start').toBeTruthy();

    // The first admin.
    const { page } = staff;
    await page.goto(link ?? '');
    await page.waitForSelector('#field-password');
    await noViolations(staff, 'setup');
    if (await page.locator('#field-email').count()) await page.fill('#field-email', 'first.admin@example.org');
    await page.fill('#field-password', 'violet-harbour-tiger-92');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/admin$/);
    await page.waitForSelector('.stat--big');
    await noViolations(staff, 'overview');

    // Sign out, and back in with the new account.
    await page.goto(`${server.url}/admin/account`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/admin\/sign-in/);
    await noViolations(staff, 'sign-in');
    await page.fill('#field-email', 'first.admin@example.org');
    await page.fill('#field-password', 'violet-harbour-tiger-92');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.stat--big');

    // A device invite.
    await page.goto(`${server.url}/admin/devices`);
    await page.fill('#field-name', 'Carnival tablet');
    await page.getByRole('button', { name: 'Create invite' }).click();
    const invite = (await page.locator('.one-time-link code').textContent({ timeout: 15_000 }))?.trim() ?? '';
    expect(invite).toMatch(/\/enrol#[\w-]{20,}$/);
    await expect(page.locator('.invite-result img').getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml/);
    await noViolations(staff, 'devices');

    // The tablet enrols, sets its PIN, and takes a pledge with no network.
    const t = tablet.page;
    await enrolTablet(t, invite, '2468');
    expect(await t.url()).not.toContain('#');
    await waitForServiceWorkerControl(t);

    await tablet.context.setOffline(true);
    await t.goto(`${server.url}/pledge`);
    await appReady(t);
    await t.click('button[type=submit]');
    await t.fill('#field-name', 'Grace');
    await t.click('button[type=submit]');
    await t.selectOption('#field-ward', 'high-town');
    await t.click('button[type=submit]');
    await t.fill('#field-message', 'Luton welcomed my family.');
    await t.check('#field-showMessage');
    await t.click('button[type=submit]');
    await t.click('button[type=submit]');
    await t.waitForURL('**/pledge/check');
    await t.click('button[type=submit]');
    await t.waitForURL('**/pledge/done');
    await tablet.context.setOffline(false);
    await waitForAllSent(t);

    // Staff see it, from that tablet, and approve the message.
    await page.goto(`${server.url}/admin`);
    await expect(page.locator('.stat--big').first().textContent({ timeout: 15_000 })).resolves.toBe('1');
    await page.goto(`${server.url}/admin/devices`);
    await expect(page.locator('table').textContent()).resolves.toContain('Carnival tablet');
    await page.goto(`${server.url}/admin/moderation`);
    await page.waitForSelector('text=Luton welcomed my family.');
    await noViolations(staff, 'moderation');
    await page.getByRole('button', { name: /^Approve/ }).click();
    await page.waitForSelector('text=Luton welcomed my family.', { state: 'detached', timeout: 15_000 });

    // The public wall (any phone, from the catalog) shows it.
    const resident = await openBrowser();
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await resident.page.goto(`${server.url}/wall`);
        await appReady(resident.page);
        await resident.page.waitForTimeout(500);
        if ((await resident.page.locator('.wall__item').count()) > 0) break;
        if (Date.now() > deadline) throw new Error('The approved message did not reach the public wall');
        await resident.page.waitForTimeout(1500);
      }
      await expect(resident.page.locator('.wall__item blockquote').first().textContent()).resolves.toBe('Luton welcomed my family.');
      await expect(resident.page.locator('.wall__by').first().textContent()).resolves.toContain('High Town');
      await noViolations(resident, 'wall');
    } finally {
      await resident.close();
    }
  });
});
