import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { tokenHash } from './sessions';

export type DeviceCheck = { state: 'none' } | { state: 'ok'; id: string } | { state: 'revoked' | 'unknown' };

/** The outreach device behind a request, from its bearer token (stored hashed; revocable). */
export async function deviceFromRequest(db: Kysely<Database>, c: Context): Promise<DeviceCheck> {
  const header = c.req.header('authorization');
  if (!header) return { state: 'none' };
  const token = header.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/)?.[1];
  if (!token) return { state: 'unknown' };
  const device = await db.selectFrom('devices').select(['id', 'revoked_at']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!device) return { state: 'unknown' };
  return device.revoked_at ? { state: 'revoked' } : { state: 'ok', id: device.id };
}
