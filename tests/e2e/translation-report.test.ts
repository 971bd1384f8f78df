import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInStaff } from './a11y-support';
import { appReady, openBrowser, waitForAllSent, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * A resident reading in a language no native speaker has checked yet sees so, quietly, and can report a
 * poor translation: saved on the phone with no network, sent when it returns, and read by staff.
 */
describe('reporting a poor translation', () => {
  let server: RunningServer;
  let resident: Browser;
  let staff: Browser;
  beforeAll(async () => {
    server = await startServer();
    resident = await openBrowser({ width: 390, height: 844, locale: 'pl-PL' });
    staff = await openBrowser({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await resident?.close();
    await staff?.close();
    await server?.close();
  });

  it('goes from the language picker to the staff console, offline on the way', async () => {
    const { page } = resident;
    await page.goto(`${server.url}/pledge`);
    await appReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    // Unchecked languages say so in the picker, in the reader's language, each named in its own script.
    const option = page.locator('#language-select option[value="pl"]');
    expect(await option.getAttribute('lang')).toBe('pl');
    expect(await option.textContent()).toContain('tłumaczenie jeszcze niesprawdzone');
    expect(await page.locator('#language-select option[value="ur"]').textContent()).toContain('اردو');
    expect(await page.locator('#language-select option[value="en"]').textContent()).toBe('English');

    await page.locator('.language-picker__note a').click();
    await page.waitForURL('**/report-translation?from=%2Fpledge');
    await page.waitForSelector('main h1');
    await resident.context.setOffline(true);
    // Nothing written: the field is named in the error, in Polish.
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).toContain('Co jest nie tak?');
    expect(await page.inputValue('#field-language')).toBe('pl');
    await page.fill('#field-problem', 'Słowo „okręg” brzmi tu dziwnie.');
    await page.fill('#field-where', 'Pytanie o okręg');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Dziękujemy');
    expect(await page.locator('main a.button').getAttribute('href')).toBe('/pledge');

    await resident.context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await server.db.db.selectFrom('translation_reports').select('id').execute()).length, { timeout: 30_000 }).toBe(1);
    await waitForAllSent(page);
    const rows = await server.db.db.selectFrom('translation_reports').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ language: 'pl', problem: 'Słowo „okręg” brzmi tu dziwnie.', where_text: 'Pytanie o okręg', page: '/pledge', locale: 'pl', review: 'clear' })]);
    // Once the server has it, the phone keeps a receipt, not the words.
    const kept = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('many-voices');
          open.onsuccess = () => {
            const all = open.result.transaction('records').objectStore('records').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result));
          };
        }),
    );
    expect(kept).not.toContain('okręg');

    await signInStaff(server, staff, 'analyst', 'analyst@example.org');
    await staff.page.goto(`${server.url}/admin/languages`);
    await staff.page.waitForSelector('#translation-reports-caption');
    expect(await staff.page.textContent('main')).toContain('Słowo „okręg” brzmi tu dziwnie.');
  });
});
