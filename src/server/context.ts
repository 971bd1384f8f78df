import type { Context } from 'hono';
import type { TownProfile } from '../core/profile/schema';
import type { Db } from './db/connect';
import type { RateLimiter } from './http/rateLimit';
import type { Log } from './log';

/** What every route needs, passed in explicitly so tests can build an app around any database or clock. */
export interface AppContext {
  db: Db;
  log: Log;
  now: () => Date;
  profile: () => Promise<TownProfile>;
  publicLimiter: RateLimiter;
  /** Sign-in, setup and device enrolment attempts per client. */
  loginLimiter: RateLimiter;
  /** Served over HTTPS: cookies are marked Secure. */
  https: boolean;
  /** The origin links in invitations point at (PUBLIC_URL); else the request's own origin. */
  publicOrigin: string | undefined;
  /** Tests that assert the catalog changes at once turn its short cache off. */
  catalogCacheOff: boolean;
  clientAddress: (c: Context) => string;
}
