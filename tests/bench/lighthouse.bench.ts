import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromePath } from '../e2e/browser';
import { staffAdmin } from '../e2e/enrolment';
import type { RunningServer } from '../e2e/server';
import { median } from './stats';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const RUNS = 3;

/**
 * Lighthouse 12 with its mobile defaults (a mid-range phone, simulated slow 4G) on the system Chromium, over
 * the built app served by the real server: the median score of each category over three runs per page, and
 * the audits that kept a median below 100.
 */
export async function benchLighthouse(server: RunningServer): Promise<string[]> {
  const pages = [
    { name: 'home', path: '/' },
    { name: 'pledge', path: '/pledge' },
    { name: 'panel sign-up', path: `/panels/join?panel=${await openPanel(server)}` },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const lines: string[] = [];
  try {
    for (const page of pages) {
      const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      const failing = new Set<string>();
      const problems: string[] = [];
      // A failed run is tried again, up to twice the runs in all, so the median is over three scores where it can be.
      let lastMetrics = '';
      for (let attempt = 0; (scores['performance']?.length ?? 0) < RUNS && attempt < RUNS * 2; attempt++) {
        const result = await lighthouse(`${server.url}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
        const { lhr } = result;
        // A run Lighthouse itself could not finish (it says why) is counted apart, not as a score of 0.
        if (lhr.runtimeError) {
          problems.push(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
          continue;
        }
        for (const c of CATEGORIES) scores[c]?.push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
        for (const c of CATEGORIES) {
          if (c === 'performance') continue;
          for (const ref of lhr.categories[c]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.add(`${ref.id}`);
          }
        }
        const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'];
        lastMetrics = metrics.map((m) => `${m.replace(/-/g, ' ')} ${lhr.audits[m]?.displayValue ?? '?'}`).join(', ');
      }
      lines.push(`  ${page.name} (${page.path}), last run: ${lastMetrics}`);
      lines.push(
        `  ${page.name}: ${CATEGORIES.map((c) => `${c} ${median(scores[c] ?? [])}`).join(', ')} (median of ${scores['performance']?.length ?? 0}; performance runs ${(scores['performance'] ?? []).join(', ')})` +
          (failing.size ? `; below 100 because of: ${[...failing].join(', ')}` : '') +
          (problems.length ? `; ${problems.length} run(s) failed: ${problems.join(' | ')}` : ''),
      );
    }
  } finally {
    await chrome.kill();
  }
  lines.push('  goals: accessibility 100, best practices 100, performance ≥ 95.');
  return lines;
}

/** An open panel to sign up for, made through the staff API as a coordinator would. */
async function openPanel(server: RunningServer): Promise<string> {
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const admin = await staffAdmin(server, `lighthouse.${Date.now()}@example.org`);
  const res = await admin.post('/panels', {
    topic: { en: 'Safer streets' },
    description: { en: 'Three evenings about feeling safe in town.' },
    format: 'in-person',
    place: 'Town Hall',
    startsAt: iso(30),
    endsAt: iso(30.1),
    signupDeadline: iso(20),
    size: 10,
    status: 'open',
  });
  if (res.status !== 201) throw new Error(`creating a panel answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.panel.id as string;
}
