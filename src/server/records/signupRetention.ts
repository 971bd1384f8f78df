import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';

/** Sign-ups are kept until this many months after the last panel they are for ends (the notice says so). */
export const SIGNUP_RETENTION_MONTHS = 12;

/**
 * Delete the sign-ups (contact details, access needs, equality answers, panel links) whose every panel ended
 * more than SIGNUP_RETENTION_MONTHS ago. The record's receipt row stays (it holds nothing personal), so a
 * device re-sending it gets `duplicate`, not a second sign-up. Every run is recorded.
 */
export async function runSignupRetention(db: Kysely<Database>, now: Date): Promise<{ cleared: number }> {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - SIGNUP_RETENTION_MONTHS);
  const stillNeeded = db
    .selectFrom('signup_panels')
    .innerJoin('panels', 'panels.id', 'signup_panels.panel_id')
    .select('signup_panels.signup_id')
    .where('panels.ends_at', '>=', cutoff.toISOString());
  const cleared = await db.transaction().execute(async (tx) => {
    const ids = (await tx.selectFrom('signups').select('id').where('id', 'not in', stillNeeded).execute()).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      await tx.deleteFrom('signup_panels').where('signup_id', 'in', part).execute();
      await tx.deleteFrom('signup_equality').where('signup_id', 'in', part).execute();
      await tx.deleteFrom('equality_withdrawals').where('signup_id', 'in', part).execute();
      await tx.deleteFrom('signups').where('id', 'in', part).execute();
    }
    return ids.length;
  });
  await db.insertInto('retention_runs').values({ id: uuidv7(), at: now.toISOString(), kind: 'panel-signup', cleared }).execute();
  return { cleared };
}
