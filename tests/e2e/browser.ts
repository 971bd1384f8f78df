import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromePath = () => process.env['CHROME_PATH'] || '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  /** Keys the app had no words for, in any page of this browser (the app warns of each in the console). */
  missingWords(): string[];
  close(): Promise<void>;
}

/**
 * A persistent profile: IndexedDB lives on disk as on a phone (an ordinary context keeps it in memory and
 * counts as incognito, which also makes the app "not installable").
 */
export async function openBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'mv-chrome-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromePath(),
    args: ARGS,
    headless: true,
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    locale: options.locale ?? 'en-GB',
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const missing: string[] = [];
  context.on('console', (message) => {
    const key = message.text().match(/^Many Voices: no words for "(.+)"$/)?.[1];
    if (key) missing.push(key);
  });
  return {
    context,
    page,
    profileDir,
    missingWords: () => [...new Set(missing)],
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Wait until a service worker is activated and controls the page (it takes one reload: prompt mode). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  // Polled from here: waitForFunction does not await a predicate's promise.
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'))) {
    if (Date.now() > deadline) throw new Error('The service worker did not activate within 30 s');
    await page.waitForTimeout(100);
  }
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  }
}

export async function appReady(page: Page): Promise<void> {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}

/**
 * Wait until the device says everything is sent; if it does not, fail with what the device knows (its sync
 * state and outbox), so a failure says why.
 */
export async function waitForAllSent(page: Page, timeout = 45_000): Promise<void> {
  try {
    await page.waitForFunction(() => document.querySelector('.sync-badge:not(.sync-badge--waiting)') !== null, undefined, { timeout });
  } catch (error) {
    const device = await page
      .evaluate(
        () =>
          new Promise<string>((resolve) => {
            const open = indexedDB.open('many-voices');
            open.onsuccess = () => {
              const tx = open.result.transaction(['meta', 'outbox'], 'readonly');
              const meta = tx.objectStore('meta').getAll();
              const outbox = tx.objectStore('outbox').getAll();
              tx.oncomplete = () => resolve(JSON.stringify({ meta: meta.result.filter((m: { key: string }) => m.key === 'sync'), outbox: outbox.result }));
            };
            open.onerror = () => resolve('indexedDB could not be opened');
          }),
      )
      .catch((e: unknown) => `page not readable: ${String(e)}`);
    throw new Error(`The device did not send everything within ${timeout / 1000} s. Device state: ${device}. ${String(error)}`);
  }
}
