/**
 * `npm run bench`: prints the performance figures the issues set goals for. Not timed tests: these
 * machines are noisy, so each figure is a median, and ratios are measured within one run.
 */
import { existsSync } from 'node:fs';
import { builtApp } from '../e2e/dist';
import { startServer } from '../e2e/server';
import { benchBundle } from './bundle.bench';
import { benchDrain } from './drain.bench';
import { benchIngest } from './ingest.bench';
import { benchPanels } from './panels.bench';
import { benchLighthouse } from './lighthouse.bench';
import { benchReport } from './report.bench';
import { benchSave } from './save.bench';
import { benchAdminChunk, benchStaff } from './staff.bench';

async function section(title: string, run: () => Promise<string[]>) {
  console.log(`\n${title}`);
  try {
    for (const line of await run()) console.log(line);
  } catch (error) {
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (!existsSync(`${builtApp}/index.html`)) throw new Error('Build the app first (npm run bench does).');
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

const server = await startServer({ publicRate: { capacity: 1e9, refillPerSecond: 1e9 } });
try {
  if (want('bundle')) await section('JavaScript before the pledge form is usable (first visit)', () => benchBundle(server));
  if (want('lighthouse')) await section('Lighthouse 12, mobile defaults (median of 3 runs)', () => benchLighthouse(server));
  if (want('ingest')) await section('Server ingest on SQLite, batches of 200 pledges', benchIngest);
  if (want('drain')) await section('5,000 pledges saved offline in Chromium, drained to the local server', () => benchDrain(server));
  if (want('save')) await section('Worker mode: tap "Save" to saved in IndexedDB (Chromium, 4× CPU throttling)', () => benchSave(server));
  if (want('staff')) {
    await section('Staff console code', async () => benchAdminChunk());
    await section('Staff overview and pledge wall over 200,000 pledges', benchStaff);
  }
  if (want('panels')) await section('Panel sign-ups: ingest, who is missing over 30,000 sign-ups, selection check', benchPanels);
  if (want('report')) await section('Listening report over 100,000 points (goal: under 500 ms)', benchReport);
  if (want('sortition') && existsSync('tests/bench/sortition.bench.ts')) {
    const sortitionBench = './sortition.bench.ts'; // present once panel selection exists
    const { benchSortition } = (await import(sortitionBench)) as { benchSortition: () => Promise<string[]> };
    await section('Panel selection: maximin vs greedy', benchSortition);
  }
} finally {
  await server.close();
}
