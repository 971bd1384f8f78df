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

/** Demo points per theme, in plain words: clearly demo data, not what anyone in the town said. */
const POINTS: Record<string, string[]> = {
  youth: ['Demo: young people want somewhere safe to meet in the evening.', 'Demo: ask young people before deciding for them.', 'Demo: more apprenticeships that young people hear about.'],
  housing: ['Demo: the waiting list for a home feels endless.', 'Demo: repairs take too long to be done.', 'Demo: landlords and the council should talk to tenants together.'],
  community: ['Demo: festivals bring the streets together.', 'Demo: we want to know our neighbours better.', 'Demo: community groups need places to meet that they can afford.'],
  work: ['Demo: jobs should be advertised where people will see them.', 'Demo: help with English classes would open doors to work.', 'Demo: local employers could mentor people starting out.'],
  poverty: ['Demo: the cost of food and heating is the biggest worry.', 'Demo: people do not know what help they can get.', 'Demo: advice services should come to where people are.'],
  other: ['Demo: bus times make it hard to get to events.', 'Demo: information in more languages, please.'],
};
const HELD_POINT = 'Demo: contact me at demo.resident@example.org about this';

/** Real "you said, we did" wording from the council's own campaign material, for the demo outcomes. */
const DEMO_OUTCOMES = [
  {
    theme: 'work',
    youSaid: "You said the council's workforce needs to better reflect the community at all levels.",
    weDid: 'So we created a new People Plan, which includes a clear commitment to make EDI a foundation of our role as a recruiter and local employer.',
  },
  {
    theme: 'community',
    youSaid: 'You said there is not enough access to services that support families such as early years and educational support.',
    weDid: "We're developing family hubs and community networks across the town to provide services where they're needed and making sure community projects focused around improving the lives of children get funding.",
  },
];

export interface ListeningSeed {
  events: number;
  points: number;
  /** Staff-planned events in the coming weeks (for the catalog). */
  upcoming: number;
  outcomes: boolean;
}

/**
 * Synthetic listening circles: events in the last `days` days ("Demo listening circle N"), each with a few
 * sessions' head counts, points spread across every theme and lens (some quotes, some summaries, about one
 * in fifty held for an email address), upcoming staff events, and the demo outcomes published. Bulk
 * inserts, so the benchmark can seed 100,000 points quickly.
 */
export async function seedListening(
  db: Kysely<Database>,
  profile: TownProfile,
  options: Partial<ListeningSeed> & { days?: number; seed?: number; now?: Date } = {},
): Promise<{ events: string[]; points: number }> {
  const random = seededRandom(`listening-${options.seed ?? 2026}`);
  const now = options.now ?? new Date();
  const days = options.days ?? 120;
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const themes = profile.themes.map((t) => t.id);
  const lenses = profile.lenses.map((l) => l.id);
  const languages = profile.languages.map((l) => l.code);
  const eventCount = Math.max(1, options.events ?? 8);
  const pointCount = options.points ?? 240;
  const stamp = Date.now().toString(36);
  const insert = async <T extends 'records' | 'events' | 'feedback' | 'attendance'>(tx: Kysely<Database>, table: T, rows: Database[T][]) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
  };

  const events: Database['events'][] = [];
  for (let i = 0; i < eventCount; i++) {
    const starts = new Date(now.getTime() - (days * (eventCount - i)) / eventCount * 86_400_000);
    starts.setUTCHours(10 + (i % 8), 0, 0, 0);
    const eventThemes = [...new Set([pick(themes), pick(themes), pick(themes)])];
    events.push({
      id: uuidv7({ msecs: starts.getTime() }),
      title: `Demo listening circle ${i + 1} (${stamp})`,
      starts_at: starts.toISOString(),
      venue: `Demo venue ${(i % 5) + 1}`,
      ward: pick(profile.wards)?.id ?? null,
      themes: JSON.stringify(eventThemes),
      source: i % 3 === 0 ? 'staff' : 'device',
      device_id: null,
      created_by: i % 3 === 0 ? 'demo@example.org' : null,
      created_at: starts.toISOString(),
      received_at: starts.toISOString(),
    });
  }
  for (let i = 0; i < (options.upcoming ?? 3); i++) {
    const starts = new Date(now.getTime() + (i + 1) * 9 * 86_400_000);
    starts.setUTCHours(14, 0, 0, 0);
    events.push({
      id: uuidv7(),
      title: `Demo upcoming circle ${i + 1} (${stamp})`,
      starts_at: starts.toISOString(),
      venue: `Demo venue ${i + 1}`,
      ward: pick(profile.wards)?.id ?? null,
      themes: JSON.stringify([pick(themes)]),
      source: 'staff',
      device_id: null,
      created_by: 'demo@example.org',
      created_at: now.toISOString(),
      received_at: now.toISOString(),
    });
  }
  const past = events.slice(0, eventCount);
  await db.transaction().execute((tx) => insert(tx, 'events', events));

  // Attendance: one to three sessions per past event.
  const attendanceRecords: Database['records'][] = [];
  const attendance: Database['attendance'][] = [];
  for (const e of past) {
    const sessions = 1 + Math.floor(random() * 3);
    for (let s = 0; s < sessions; s++) {
      const at = new Date(new Date(e.starts_at).getTime() + s * 3_600_000).toISOString();
      const id = uuidv7({ msecs: Date.parse(at) });
      attendanceRecords.push({ id, kind: 'attendance', schema_version: 1, content_hash: `demo-${id}`, locale: 'en', created_at: at, received_at: at, outcome: 'stored', device_id: null });
      attendance.push({ id, event_id: e.id, count: 4 + Math.floor(random() * 20), note: null, device_id: null, created_at: at, received_at: at });
    }
  }
  await db.transaction().execute(async (tx) => {
    await insert(tx, 'records', attendanceRecords);
    await insert(tx, 'attendance', attendance);
  });

  // Points, in slices of 5,000 per transaction: quick on both databases, bounded memory.
  const slice = 5_000;
  for (let start = 0; start < pointCount; start += slice) {
    const records: Database['records'][] = [];
    const feedback: Database['feedback'][] = [];
    for (let i = start; i < Math.min(pointCount, start + slice); i++) {
      const e = past[i % past.length] as Database['events'];
      const created = new Date(new Date(e.starts_at).getTime() + random() * 3 * 3_600_000);
      const received = new Date(created.getTime() + random() * 6 * 3_600_000);
      const id = uuidv7({ msecs: created.getTime() });
      const theme = pick(themes);
      const held = random() < 0.02;
      const locale = random() < 0.8 ? 'en' : pick(languages);
      records.push({ id, kind: 'feedback', schema_version: 1, content_hash: `demo-${id}`, locale, created_at: created.toISOString(), received_at: received.toISOString(), outcome: 'stored', device_id: null });
      feedback.push({
        id,
        event_id: e.id,
        theme,
        lens: pick(lenses),
        text: held ? HELD_POINT : pick(POINTS[theme] ?? POINTS['other'] ?? ['Demo point.']),
        form: random() < 0.5 ? 'quote' : 'summary',
        source: random() < 0.8 ? 'worker' : 'resident',
        age_band: random() < 0.6 ? pick(['16-24', '25-34', '35-44', '45-54', '55-64', '65+']) : null,
        ward: random() < 0.3 ? (pick(profile.wards)?.id ?? null) : null,
        locale,
        device_id: null,
        created_at: created.toISOString(),
        received_at: received.toISOString(),
        review: held ? 'held' : 'clear',
        held_for: held ? 'email' : null,
        redacted_text: null,
      });
    }
    await db.transaction().execute(async (tx) => {
      await insert(tx, 'records', records);
      await insert(tx, 'feedback', feedback);
    });
  }

  if (options.outcomes ?? true) {
    const outcomes: Database['outcomes'][] = DEMO_OUTCOMES.filter((o) => themes.includes(o.theme)).map((o, i) => ({
      id: uuidv7(),
      theme: o.theme,
      event_id: past[i]?.id ?? null,
      you_said: JSON.stringify({ en: o.youSaid }),
      we_did: JSON.stringify({ en: o.weDid }),
      published_at: new Date(now.getTime() - (DEMO_OUTCOMES.length - i) * 86_400_000).toISOString(),
      created_by: 'demo@example.org',
      created_at: now.toISOString(),
    }));
    if (outcomes.length > 0) await db.insertInto('outcomes').values(outcomes).execute();
  }
  return { events: past.map((e) => e.id), points: pointCount };
}
