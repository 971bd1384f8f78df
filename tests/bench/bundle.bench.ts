import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { appReady, openBrowser } from '../e2e/browser';
import type { RunningServer } from '../e2e/server';
import { builtApp } from '../e2e/dist';
import { fmt } from './stats';

/**
 * JavaScript a first-time visitor downloads before the pledge form is usable, gzipped (level 9 of the
 * files the browser actually requested, as a server or CDN would send them).
 */
export async function benchBundle(server: RunningServer): Promise<string[]> {
  const lines: string[] = [];
  for (const lang of ['en', 'ur']) {
    const browser = await openBrowser({ locale: lang === 'ur' ? 'ur-PK' : 'en-GB' });
    await browser.page.goto(`${server.url}/pledge`);
    await appReady(browser.page);
    await browser.page.waitForSelector('main h1');
    // Scripts whose download started before the app marked the page usable (see src/app/main.tsx).
    const usable = await browser.page.evaluate(() => {
      const usableAt = performance.getEntriesByName('mv-usable')[0]?.startTime ?? Infinity;
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
        .filter((e) => e.startTime <= usableAt)
        .map((e) => new URL(e.name).pathname);
    });
    const bytes = usable.reduce((sum, path) => sum + gzipSync(readFileSync(join(builtApp, path)), { level: 9 }).length, 0);
    const lang0 = await browser.page.evaluate(() => document.documentElement.lang);
    lines.push(`  ${lang} (document lang=${lang0}): ${fmt(bytes / 1024)} KB gzipped in ${usable.length} files (${usable.map((p) => p.replace('/assets/', '')).join(', ')})`);
    await browser.close();
  }
  lines.push('  goal: ≤ 80 KB; adding a language must not change it (each language is its own chunk).');
  return lines;
}
