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

/**
 * Controls smaller than 44 × 44 CSS px on the page (the product's own rule for resident and kiosk screens):
 * buttons, fields, checkboxes and radios, and links that stand alone. Links inside a sentence are exempt,
 * as WCAG exempts inline targets.
 */
export const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, .button, input:not([type=hidden]), select, textarea, a');
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (el.closest('.visually-hidden, .skip-link')) continue;
      if (el.tagName === 'A' && !el.classList.contains('button')) {
        // A link is inline when it sits in running text with other words around it.
        const parent = el.parentElement;
        const alone = parent && parent.textContent?.trim() === el.textContent?.trim();
        if (!alone) continue;
      }
      // A checkbox or radio counts with its label, which takes the same click.
      // (A label whose ::after covers its card, a common pattern for big choices, makes the card the target.)
      const label = (el as HTMLInputElement).labels?.[0];
      const choice = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && label;
      const covering = choice && getComputedStyle(label, '::after').position === 'absolute' ? label.offsetParent : null;
      const target = covering ? covering.getBoundingClientRect() : choice ? unionOf(box, label.getBoundingClientRect()) : box;
      if (target.width < 44 - 0.5 || target.height < 44 - 0.5) {
        small.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(target.width)}×${Math.round(target.height)}`);
      }
    }
    return small;
    function unionOf(a: DOMRect, b: DOMRect) {
      return { width: Math.max(a.right, b.right) - Math.min(a.left, b.left), height: Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top) };
    }
  });
