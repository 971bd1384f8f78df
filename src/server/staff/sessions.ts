import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../core/staff';
import type { Database } from '../db/schema';

export const SESSION_COOKIE = 'mv_session';
/** Signed out after this long without a request, and after this long whatever happens. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;

export interface StaffUser {
  id: string;
  email: string;
  role: StaffRole;
  totpEnabled: boolean;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export async function startSession(db: Kysely<Database>, c: Context, userId: string, now: Date, secure: boolean): Promise<void> {
  const id = randomBytes(32).toString('base64url'); // 256 bits
  await db.insertInto('staff_sessions').values({ id_hash: hashId(id), user_id: userId, created_at: now.toISOString(), last_seen_at: now.toISOString() }).execute();
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure, sameSite: 'Strict', path: '/', maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

/** The signed-in staff member, or undefined; expired sessions are deleted on the way. */
export async function currentStaff(db: Kysely<Database>, c: Context, now: Date): Promise<StaffUser | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return undefined;
  const idHash = hashId(id);
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .select(['staff_sessions.created_at', 'staff_sessions.last_seen_at', 'staff_users.id', 'staff_users.email', 'staff_users.role', 'staff_users.totp_enabled', 'staff_users.disabled'])
    .where('staff_sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const t = now.getTime();
  if (row.disabled || t - Date.parse(row.last_seen_at) > SESSION_IDLE_MS || t - Date.parse(row.created_at) > SESSION_ABSOLUTE_MS) {
    await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  // Refresh at most once a minute: a page of staff requests should not write on every call.
  if (t - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('staff_sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return { id: row.id, email: row.email, role: row.role as StaffRole, totpEnabled: row.totp_enabled === 1 };
}

export async function endSession(db: Kysely<Database>, c: Context): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await db.deleteFrom('staff_sessions').where('id_hash', '=', hashId(id)).execute();
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function endAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
}

/** One-time tokens (setup links, device invites, device tokens) are stored only as hashes too. */
export const tokenHash = hashId;
export const newToken = () => randomBytes(24).toString('base64url'); // 192 bits
