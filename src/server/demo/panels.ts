import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { ethnicGroups, genderAnswers, OWN_WORDS, PREFER_NOT, religionAnswers, type SignupAgeBand } from '../../core/panels/answers';
import type { ReferenceProportions, TownProfile } from '../../core/profile/schema';
import { seededRandom } from '../../core/sortition/prng';
import type { Database } from '../db/schema';

/**
 * Demo figures for "who is missing", so its charts have something to compare with. Clearly labelled: they
 * are NOT census data, and a council replaces them with its own figures in the town profile.
 */
export const DEMO_REFERENCE: ReferenceProportions = {
  source: 'Demo figures — not census data. Replace them with the census figures for your town in the town profile.',
  categories: {
    ageBand: { '16-17': 3, '18-24': 12, '25-34': 18, '35-44': 18, '45-54': 16, '55-64': 14, '65-74': 11, '75+': 8 },
    gender: { woman: 50, man: 49, 'non-binary': 1 },
    ethnicity: { asian: 35, black: 10, mixed: 5, white: 45, other: 5 },
    disability: { yes: 18, no: 82 },
    religion: { 'no-religion': 25, christian: 35, muslim: 30, hindu: 4, sikh: 2, buddhist: 1, jewish: 1, other: 2 },
  },
};

const PANELS = [
  { topic: 'Demo panel: safer streets at night', description: 'Demo data: three evenings to talk about feeling safe in the town centre after dark.', minAge: 16, status: 'open', deadlineDays: 21 },
  { topic: 'Demo panel: the future of the town library', description: 'Demo data: two Saturday mornings on what residents want from libraries.', minAge: 18, status: 'open', deadlineDays: 35 },
  { topic: 'Demo panel: parks and green spaces (draft)', description: 'Demo data: not yet open for sign-up.', minAge: 16, status: 'draft', deadlineDays: 60 },
] as const;

/** Bands weighted so that young and old residents are under-represented, as outreach often finds. */
const AGE_WEIGHTS: [SignupAgeBand, number][] = [['16-17', 1], ['18-24', 3], ['25-34', 9], ['35-44', 10], ['45-54', 9], ['55-64', 7], ['65-74', 3], ['75+', 1]];

/**
 * Clearly fake panels ("Demo panel: ..."), two open and one draft, with `perPanel` sign-ups on each open
 * panel ("Demo volunteer N", example.org emails) and varied equality answers; the demo reference figures
 * go into the profile when it has none. Returns what it added.
 */
export async function seedPanels(
  db: Kysely<Database>,
  profile: TownProfile,
  options: { perPanel?: number; seed?: number; now?: Date } = {},
): Promise<{ panels: number; signups: number; reference: boolean }> {
  const random = seededRandom(`panels ${options.seed ?? 2026}`);
  const now = options.now ?? new Date();
  const perPanel = options.perPanel ?? 60;
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = <T,>(items: readonly [T, number][]): T => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();
  let signups = 0;
  await db.transaction().execute(async (tx) => {
    for (const [p, spec] of PANELS.entries()) {
      const id = uuidv7();
      const at = now.toISOString();
      await tx
        .insertInto('panels')
        .values({
          id,
          topic: JSON.stringify({ en: spec.topic }),
          description: JSON.stringify({ en: spec.description }),
          format: p === 1 ? 'hybrid' : 'in-person',
          place: 'Demo venue, Town Hall',
          ward: null,
          starts_at: day(spec.deadlineDays + 14),
          ends_at: day(spec.deadlineDays + 14.1),
          signup_deadline: day(spec.deadlineDays),
          size: 12,
          reserves: 4,
          min_age: spec.minAge,
          categories: JSON.stringify(['ageBand', 'gender', 'ethnicity']),
          quotas: '[]',
          status: spec.status,
          created_by: 'demo@example.org',
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (spec.status !== 'open') continue;
      for (let i = 0; i < perPanel; i++) {
        const n = ++signups;
        const created = new Date(now.getTime() - random() * 20 * 86_400_000);
        const signupId = uuidv7({ msecs: created.getTime() });
        const ageBand = spec.minAge >= 18 ? weighted(AGE_WEIGHTS.filter(([b]) => b !== '16-17')) : weighted(AGE_WEIGHTS);
        const locale = random() < 0.75 ? 'en' : pick(profile.languages.map((l) => l.code));
        await tx
          .insertInto('records')
          .values({ id: signupId, kind: 'signup', schema_version: 1, content_hash: `demo-signup-${n}`, locale, created_at: created.toISOString(), received_at: created.toISOString(), outcome: 'stored', device_id: null })
          .execute();
        await tx
          .insertInto('signups')
          .values({
            id: signupId,
            name: `Demo volunteer ${n}`,
            email: random() < 0.8 ? `demo.volunteer.${n}@example.org` : null,
            phone: random() < 0.4 ? `+447700900${String(n % 1000).padStart(3, '0')}` : null,
            contact_consent: 1,
            preferred_language: locale,
            preferred_language_other: null,
            access_needs: JSON.stringify(random() < 0.2 ? [pick(['step-free', 'hearing-loop', 'bsl-interpreter', 'childcare', 'large-print'])] : []),
            access_notes: null,
            age_band: ageBand,
            person_key: null,
            locale,
            device_id: null,
            created_at: created.toISOString(),
            received_at: created.toISOString(),
          })
          .execute();
        if (random() < 0.85) {
          const group = weighted<keyof typeof ethnicGroups>([['asian', 3], ['black', 1], ['mixed', 1], ['white', 6], ['other', 0.5]]);
          const gender = weighted<(typeof genderAnswers)[number]>([['woman', 6], ['man', 4], ['non-binary', 0.3], [OWN_WORDS, 0.2], [PREFER_NOT, 0.5]]);
          await tx
            .insertInto('signup_equality')
            .values({
              signup_id: signupId,
              gender,
              gender_own_words: gender === OWN_WORDS ? 'Demo answer' : null,
              ethnicity: random() < 0.9 ? pick(ethnicGroups[group]) : PREFER_NOT,
              ethnicity_own_words: null,
              disability: weighted([['yes', 1], ['no', 6], [PREFER_NOT, 1]]),
              ward: random() < 0.9 ? pick(profile.wards).id : PREFER_NOT,
              religion: pick(religionAnswers),
              religion_own_words: null,
              consented_at: created.toISOString(),
            })
            .execute();
        }
        await tx.insertInto('signup_panels').values({ signup_id: signupId, panel_id: id, created_at: created.toISOString() }).execute();
      }
    }
  });
  let reference = false;
  if (!profile.reference) {
    reference = true;
    const value = JSON.stringify({ ...profile, reference: DEMO_REFERENCE });
    const at = now.toISOString();
    await db
      .insertInto('settings')
      .values({ key: 'profile', value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }
  return { panels: PANELS.length, signups, reference };
}
