import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { SYNC_LIMITS } from '../core/sync';
import type { AppContext } from './context';
import type { Db } from './db/connect';
import { problem } from './http/problem';
import { createRateLimiter } from './http/rateLimit';
import { securityHeaders } from './http/security';
import { staticRoutes } from './http/static';
import { consoleLog, type Log } from './log';
import { currentProfile } from './profileStore';
import { catalogRoutes } from './routes/catalog';
import { deviceRoutes } from './routes/devices';
import { staffRoutes } from './routes/staff';
import { syncRoutes } from './routes/sync';

export interface AppOptions {
  db: Db;
  /** The built app to serve (vite's dist); omit to serve the API alone. */
  staticDir?: string;
  /** Served over HTTPS (directly or behind a proxy): HSTS and upgrade-insecure-requests. */
  https?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  log?: Log;
  now?: () => Date;
  /** Records of public kinds per client: burst and steady rate. */
  publicRate?: { capacity: number; refillPerSecond: number };
  /** Sign-in and enrolment attempts per client. */
  loginRate?: { capacity: number; refillPerSecond: number };
  /** The address residents and staff use, for links in invitations (e.g. https://manyvoices.example.gov.uk). */
  publicOrigin?: string;
  /** Build the catalog on every request instead of at most every few seconds (tests). */
  catalogCacheOff?: boolean;
}

export function createApp(options: AppOptions) {
  const log = options.log ?? consoleLog();
  const ctx: AppContext = {
    db: options.db,
    log,
    now: options.now ?? (() => new Date()),
    profile: () => currentProfile(options.db.db),
    publicLimiter: createRateLimiter(options.publicRate ?? { capacity: 500, refillPerSecond: 5 }),
    loginLimiter: createRateLimiter(options.loginRate ?? { capacity: 20, refillPerSecond: 0.2 }),
    https: options.https ?? false,
    publicOrigin: options.publicOrigin,
    catalogCacheOff: options.catalogCacheOff ?? false,
    clientAddress: (c: Context) => {
      if (options.trustProxy) {
        const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
        if (forwarded) return forwarded;
      }
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    },
  };

  const app = new Hono();
  app.use('*', securityHeaders({ https: options.https ?? false }));
  // Residents are often on poor mobile data: text goes gzipped (behind a proxy that compresses, harmless).
  app.use('*', compress());
  app.use(
    '/api/*',
    bodyLimit({ maxSize: SYNC_LIMITS.maxBytes, onError: (c) => problem(c, 'body-too-large', `At most ${SYNC_LIMITS.maxBytes} bytes.`) }),
  );
  // A NUL (or other control character) in a path or query cannot be a real id or filter, and PostgreSQL
  // refuses it in text: answer 400 before any handler sees it.
  app.use('/api/*', async (c, next) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
    } catch {
      return problem(c, 'invalid-request', 'The address is not valid.');
    }
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return problem(c, 'invalid-request', 'The address contains control characters.');
    return next();
  });
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
  });

  app.get('/healthz', async (c) => {
    await options.db.db.selectFrom('settings').select('key').limit(1).execute();
    return c.json({ ok: true, database: options.db.dialect });
  });
  app.route('/api/v1/sync', syncRoutes(ctx));
  app.route('/api/v1/catalog', catalogRoutes(ctx));
  app.route('/api/v1/devices', deviceRoutes(ctx));
  app.route('/api/v1/staff', staffRoutes(ctx));
  app.all('/api/*', (c) => problem(c, 'not-found'));
  if (options.staticDir) app.route('/', staticRoutes(options.staticDir));

  app.notFound((c) => problem(c, 'not-found'));
  app.onError((err, c) => {
    // Only the error's name: messages can quote input, and input can be personal data.
    log.error('unhandled', { path: c.req.path, name: err.name });
    return problem(c, 'server-error');
  });
  return app;
}
