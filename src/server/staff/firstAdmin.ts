import type { Kysely } from 'kysely';
import type { StaffRole } from '../../core/staff';
import type { Database } from '../db/schema';
import { newToken, tokenHash } from './sessions';

const SETUP_VALID_MS = 24 * 60 * 60_000;

/** A one-time link that creates a staff account (the first admin, or anyone the CLI names). */
export async function createSetupLink(db: Kysely<Database>, origin: string, now: Date, invite?: { email: string; role: StaffRole }): Promise<string> {
  const token = newToken();
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: tokenHash(token),
      purpose: 'setup',
      label: invite ? JSON.stringify(invite) : null,
      created_by: null,
      expires_at: new Date(now.getTime() + SETUP_VALID_MS).toISOString(),
      used_at: null,
    })
    .execute();
  return `${origin}/admin/setup#${token}`;
}

/** At start: while no staff account exists, print a fresh setup link for the first admin. */
export async function firstAdminLink(db: Kysely<Database>, origin: string, now: Date): Promise<string | undefined> {
  const anyone = await db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  if (anyone) return undefined;
  return createSetupLink(db, origin, now);
}
