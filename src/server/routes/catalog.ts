import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Catalog } from '../../core/sync';
import type { AppContext } from '../context';
import { problem } from '../http/problem';
import { publicListening } from '../records/listeningQueries';
import { openPanels } from '../records/panelQueries';
import { pledgeWall } from '../records/pledgeQueries';
import { countPledges } from '../records/store';

/**
 * GET /api/v1/catalog: the profile, public counts, the pledge wall, published outcomes and upcoming events,
 * with an ETag so devices re-download only changes.
 */
export function catalogRoutes(ctx: AppContext) {
  const app = new Hono();
  // Every device asks on start and whenever it comes back into view: build the answer at most every few
  // seconds per server. A change (a new pledge, an approved message) shows within CACHE_MS.
  const CACHE_MS = 5_000;
  let cached: { at: number; body: string; etag: string } | undefined;
  const build = async () => {
    const [profile, pledges, wall, listening, panels] = await Promise.all([
      ctx.profile(),
      countPledges(ctx.db.db),
      pledgeWall(ctx.db.db),
      publicListening(ctx.db.db, ctx.now()),
      openPanels(ctx.db.db, ctx.now()),
    ]);
    // "You said, we did" once published, and the listening events staff have planned for the next 60 days.
    const catalog: Catalog = { apiVersion: 1, profile, counts: { pledges }, wall, outcomes: listening.outcomes, events: listening.events, panels };
    const body = JSON.stringify(catalog);
    return { at: Date.now(), body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  };
  app.get('/', async (c) => {
    if (!cached || Date.now() - cached.at > CACHE_MS || ctx.catalogCacheOff) cached = await build();
    const { body, etag } = cached;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    const sent = c.req.header('if-none-match');
    if (sent && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.all('/', (c) => problem(c, 'method-not-allowed'));
  return app;
}
