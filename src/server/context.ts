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
  clientAddress: (c: Context) => string;
}
