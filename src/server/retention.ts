import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { TownProfile } from '../core/profile/schema';
import type { Database } from './db/schema';
import { runSignupRetention } from './records/signupRetention';
import type { Log } from './log';

/** The day `months` calendar months before `now`: contact details received before it are deleted. */
export function retentionCutoff(now: Date, months: number): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

/**
 * Delete contact details older than the profile's retention period (pledge emails: 24 months by default).
 * The pledge itself stays, anonymous of contact. Every run is recorded, even when it cleared nothing.
 */
export async function runRetention(db: Kysely<Database>, profile: TownProfile, now: Date): Promise<{ cleared: number }> {
  const cutoff = retentionCutoff(now, profile.retention.pledgeEmailMonths);
  const result = await db
    .updateTable('pledges')
    .set({ email: null, email_consent: 0 })
    .where('email', 'is not', null)
    .where('received_at', '<', cutoff)
    .executeTakeFirst();
  const cleared = Number(result.numUpdatedRows);
  await db.insertInto('retention_runs').values({ id: uuidv7(), at: now.toISOString(), kind: 'pledge-email', cleared }).execute();
  return { cleared };
}

/** Run now and then every few hours inside the server. Idempotent, so several servers may all run it. */
export function scheduleRetention(options: { db: Kysely<Database>; profile: () => Promise<TownProfile>; now: () => Date; log: Log; everyMs?: number }) {
  const run = async () => {
    try {
      const { cleared } = await runRetention(options.db, await options.profile(), options.now());
      options.log.info('retention', { cleared });
      // Panel sign-ups: kept until 12 months after their last panel ends.
      const signups = await runSignupRetention(options.db, options.now());
      options.log.info('retention-signups', { cleared: signups.cleared });
    } catch (error) {
      options.log.error('retention-failed', { name: error instanceof Error ? error.name : 'unknown' });
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.everyMs ?? 6 * 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
