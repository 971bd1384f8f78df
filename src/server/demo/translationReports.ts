import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { TownProfile } from '../../core/profile/schema';
import { seededRandom } from '../../core/sortition/prng';
import type { Database } from '../db/schema';

/** Clearly demo reports of poor translations, in plain words: not what any resident wrote. */
const PROBLEMS = [
  { problem: 'Demo: this word means something else in everyday speech.', where: 'Demo: the pledge, first page', page: '/pledge' },
  { problem: 'Demo: the sentence is very long and hard to follow.', where: 'Demo: the privacy notice', page: '/privacy' },
  { problem: 'Demo: the button says "send" but the page says "sign".', where: null, page: '/pledge/check' },
  { problem: 'Demo: the ward question reads like a hospital ward.', where: 'Demo: ward question', page: '/pledge/ward' },
  { problem: 'Demo: formal words that older people may not know.', where: null, page: '/panels' },
];

/** A few demo reports across the languages no native speaker has checked, for the console's Languages page. */
export async function seedTranslationReports(db: Kysely<Database>, profile: TownProfile, options: { seed?: number; now?: Date } = {}): Promise<number> {
  const random = seededRandom(String(options.seed ?? 2026));
  const now = options.now ?? new Date();
  const languages = profile.languages.map((l) => l.code).filter((c) => c !== 'en');
  if (languages.length === 0) return 0;
  const rows = Array.from({ length: 8 }, (_, i) => {
    const created = new Date(now.getTime() - random() * 30 * 86_400_000);
    const language = languages[Math.floor(random() * languages.length)] ?? 'ur';
    const text = PROBLEMS[i % PROBLEMS.length] ?? PROBLEMS[0]!;
    return { id: uuidv7({ msecs: created.getTime() }), created: created.toISOString(), language, ...text, i };
  });
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('records')
      .values(rows.map((r) => ({ id: r.id, kind: 'translation-report', schema_version: 1, content_hash: `demo-translation-${r.id}`, locale: r.language, created_at: r.created, received_at: r.created, outcome: 'stored', device_id: null })))
      .execute();
    await tx
      .insertInto('translation_reports')
      .values(rows.map((r) => ({ id: r.id, language: r.language, problem: r.problem, where_text: r.where, page: r.page, locale: r.language, review: 'clear', held_for: null, created_at: r.created, received_at: r.created })))
      .execute();
  });
  return rows.length;
}
