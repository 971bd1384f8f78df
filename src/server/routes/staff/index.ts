import { Hono, type Context, type Next } from 'hono';
import type { AppContext } from '../../context';
import { problem } from '../../http/problem';
import { currentStaff } from '../../staff/sessions';
import { adminEndpoints } from './admin';
import { accountEndpoints, publicStaffRoutes } from './auth';
import { dataEndpoints } from './data';
import type { Endpoint } from './endpoint';
import { languageEndpoints } from './languages';
import { listeningEndpoints } from './listening';
import { panelEndpoints } from './panels';
import { pledgeEndpoints } from './pledges';

/** Every staff endpoint that needs a session, with the roles that may call it. */
export function staffEndpoints(ctx: AppContext): Endpoint[] {
  return [...accountEndpoints(ctx), ...adminEndpoints(ctx), ...pledgeEndpoints(ctx), ...dataEndpoints(ctx), ...listeningEndpoints(ctx), ...panelEndpoints(ctx), ...languageEndpoints(ctx)];
}

/**
 * State-changing requests must come from our own pages: Fetch Metadata where the browser sends it, else
 * the Origin header. (SameSite=Strict cookies already stop most cross-site requests; this stops the rest.)
 */
async function sameOriginOnly(c: Context, next: Next) {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return problem(c, 'cross-site-request');
  const origin = c.req.header('origin');
  if (!site && origin && origin !== new URL(c.req.url).origin) return problem(c, 'cross-site-request');
  return next();
}

export function staffRoutes(ctx: AppContext) {
  const app = new Hono();
  app.use('*', sameOriginOnly);
  app.route('/', publicStaffRoutes(ctx));
  for (const endpoint of staffEndpoints(ctx)) {
    app.on(endpoint.method, endpoint.path, async (c) => {
      const staff = await currentStaff(ctx.db.db, c, ctx.now());
      if (!staff) return problem(c, 'unauthenticated');
      if (!endpoint.roles.includes(staff.role)) return problem(c, 'forbidden');
      c.header('Cache-Control', 'no-store');
      return endpoint.handle(c, staff);
    });
  }
  return app;
}
