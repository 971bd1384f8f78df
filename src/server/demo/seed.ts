import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { TownProfile } from '../../core/profile/schema';
import { seededRandom } from '../../core/sortition/prng';
import type { Database } from '../db/schema';

const MESSAGES = [
  'Luton is home to all of us.',
  'Respect costs nothing.',
  'My neighbours come from everywhere and look out for each other.',
  'For my children, so they grow up proud of this town.',
  'Everyone should feel welcome here.',
  'No place for hate, on our street or online.',
];

/**
 * Synthetic, clearly fake pledges ("Demo resident 123", example.org emails) spread over the last `days`
 * days, across wards and languages, some with wall messages waiting, approved or held.
 */
export async function seedPledges(db: Kysely<Database>, profile: TownProfile, options: { count: number; days?: number; seed?: number; now?: Date }): Promise<number> {
  // The same seeded generator the panel lottery uses: demo data and benchmarks are the same every run.
  const random = seededRandom(String(options.seed ?? 2026));
  const now = options.now ?? new Date();
  const days = options.days ?? 120;
  const languages = profile.languages.map((l) => l.code);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const batch = 500;
  for (let start = 0; start < options.count; start += batch) {
    const records: Database['records'][] = [];
    const pledges: Database['pledges'][] = [];
    for (let i = start; i < Math.min(options.count, start + batch); i++) {
      const created = new Date(now.getTime() - random() * days * 86_400_000);
      const received = new Date(created.getTime() + random() * 6 * 3_600_000);
      const id = uuidv7({ msecs: created.getTime() });
      const withMessage = random() < 0.3;
      const show = withMessage && random() < 0.7;
      const moderation = !show ? 'none' : pick(['pending', 'approved', 'approved', 'rejected', 'held'] as const);
      const message = withMessage ? (moderation === 'held' ? 'Email me at demo.resident@example.org' : pick(MESSAGES)) : null;
      const email = random() < 0.25 ? `demo.resident.${i}@example.org` : null;
      const locale = random() < 0.7 ? 'en' : pick(languages);
      records.push({ id, kind: 'pledge', schema_version: 1, content_hash: `demo-${i}`, locale, created_at: created.toISOString(), received_at: received.toISOString(), outcome: 'stored', device_id: null });
      pledges.push({
        id,
        pledge_version: profile.pledge.version,
        name: `Demo resident ${i + 1}`,
        ward: random() < 0.85 ? pick(profile.wards).id : null,
        message,
        show_message: show ? 1 : 0,
        email,
        email_consent: email ? 1 : 0,
        person_key: null,
        moderation,
        locale,
        created_at: created.toISOString(),
        received_at: received.toISOString(),
        moderated_at: moderation === 'approved' || moderation === 'rejected' ? received.toISOString() : null,
        moderated_by: moderation === 'approved' || moderation === 'rejected' ? 'demo@example.org' : null,
      });
    }
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < records.length; i += 100) {
        await tx.insertInto('records').values(records.slice(i, i + 100)).execute();
        await tx.insertInto('pledges').values(pledges.slice(i, i + 100)).execute();
      }
    });
  }
  return options.count;
}
