import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { lutonProfileWithTexts as lutonProfile } from '../core/profile/lutonWithTexts';
import { TownProfile } from '../core/profile/schema';
import type { Database } from './db/schema';

/**
 * The town profile in force: the one staff saved in `settings`, else the shipped default. Read on each
 * request (one indexed row) so that several stateless servers agree at once after an edit.
 */
export async function currentProfile(db: Kysely<Database>): Promise<TownProfile> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'profile').executeTakeFirst();
  if (!row) return lutonProfile;
  const parsed = v.safeParse(TownProfile, JSON.parse(row.value));
  // A saved profile was validated when saved; if a later version of the schema refuses it, keep serving.
  return parsed.success ? parsed.output : lutonProfile;
}
