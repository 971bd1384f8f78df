import type { Page } from 'playwright-core';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import type { Browser } from './browser';
import type { RunningServer } from './server';

/**
 * Helpers for the accessibility suites: a staff session in a browser, keyboard-only movement, sideways
 * scrolling, and the browser's own text size (as a person sets it in the browser's settings).
 */

/** A staff account made through the real one-time setup link, its session cookie put in the browser. */
export async function signInStaff(server: RunningServer, browser: Browser, role: 'admin' | 'analyst' | 'coordinator', email: string): Promise<void> {
  const link = await createSetupLink(server.db.db, server.url, new Date(), { email, role });
  const res = await fetch(`${server.url}/api/v1/staff/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: link.slice(link.indexOf('#') + 1), password: 'violet-harbour-tiger-92' }),
  });
  if (res.status !== 201) throw new Error(`staff setup answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mv_session='))?.split(';')[0]?.split('=')[1];
  if (!cookie) throw new Error('staff setup set no session cookie');
  await browser.context.addCookies([{ name: 'mv_session', value: cookie, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
}

/** How far the page scrolls sideways (0 when it fits). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);

/** The browser's default text size in px (16 is the usual; 32 is 200%), through the DevTools protocol. */
export async function setTextSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

/** What the keyboard focus is on, in words a failing test can show. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });

/** Press Tab until the focused element matches `selector` (at most `max` presses); fails with where it ended. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${await focused(page)}`);
}
