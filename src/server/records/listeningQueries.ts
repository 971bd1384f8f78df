import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { REPORT_STATEMENTS_PER_CELL, searchable, type CellStatement, type ListeningFilter, type ReportEventInput, type ReportPoint, type ReportTally } from '../../core/listening';
import type { Database } from '../db/schema';

const CHUNK = 200;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The exclusive upper bound for an inclusive `to` day (the next day: ISO instants sort as text), or
 * undefined when no instant can be later (9999-12-31).
 */
export function before(to: string | undefined): string | undefined {
  if (!to) return undefined;
  const d = new Date(`${to}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const next = d.toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(next) ? next : undefined;
}

export interface PointRow extends ReportPoint {
  eventTitle: string;
  eventStartsAt: string;
  source: string;
  ageBand: string | null;
  ward: string | null;
  locale: string;
  receivedAt: string;
}

/**
 * Feedback joined with its event, within the filter's days (when the point was recorded), ward and events.
 * A point's ward is its own tag; a point with no ward tag belongs to the ward of the event where it was said.
 */
function inFilter(db: Kysely<Database>, filter: ListeningFilter) {
  let q = db.selectFrom('feedback').innerJoin('events', 'events.id', 'feedback.event_id');
  if (filter.from) q = q.where('feedback.created_at', '>=', filter.from);
  const end = before(filter.to);
  if (end) q = q.where('feedback.created_at', '<', end);
  const ward = filter.ward;
  if (ward) {
    q = q.where((eb) =>
      eb.or([eb('feedback.ward', '=', ward), eb.and([eb('feedback.ward', 'is', null), eb('events.ward', '=', ward)])]),
    );
  }
  if (filter.event && filter.event.length > 0) q = q.where('feedback.event_id', 'in', filter.event);
  return q;
}

/**
 * The same filter on feedback alone, for the report's counts, statements and search: every point has its
 * event (a foreign key, checked at ingest), so the join is needed only for the event's ward, which a
 * subquery gives without joining each of 100,000 rows.
 */
function pointsInFilter(db: Kysely<Database>, filter: ListeningFilter) {
  let q = db.selectFrom('feedback');
  if (filter.from) q = q.where('feedback.created_at', '>=', filter.from);
  const end = before(filter.to);
  if (end) q = q.where('feedback.created_at', '<', end);
  const ward = filter.ward;
  if (ward) {
    q = q.where((eb) =>
      eb.or([
        eb('feedback.ward', '=', ward),
        eb.and([eb('feedback.ward', 'is', null), eb('feedback.event_id', 'in', eb.selectFrom('events').select('events.id').where('events.ward', '=', ward))]),
      ]),
    );
  }
  if (filter.event && filter.event.length > 0) q = q.where('feedback.event_id', 'in', filter.event);
  return q;
}

/** Feedback within the filter (see inFilter), oldest first. `q` is not applied here (see listeningReport). */
export async function feedbackInFilter(db: Kysely<Database>, filter: ListeningFilter): Promise<PointRow[]> {
  const rows = await inFilter(db, filter)
    .select([
      'feedback.id as id',
      'feedback.event_id as eventId',
      'feedback.theme as theme',
      'feedback.lens as lens',
      'feedback.text as text',
      'feedback.form as form',
      'feedback.source as source',
      'feedback.age_band as ageBand',
      'feedback.ward as ward',
      'feedback.locale as locale',
      'feedback.created_at as createdAt',
      'feedback.received_at as receivedAt',
      'feedback.review as review',
      'feedback.redacted_text as redactedText',
      'events.title as eventTitle',
      'events.starts_at as eventStartsAt',
    ])
    .orderBy('feedback.created_at')
    .orderBy('feedback.id')
    .execute();
  return rows.map((r) => ({ ...r, review: r.review === 'held' ? 'held' : 'clear' }));
}

/** Whether a point may be shown: clear, or redacted by staff (as shownText in core). */
const SHOWN = sql<number>`case when feedback.redacted_text is not null or feedback.review = 'clear' then 1 else 0 end`;

/** Up to this many points, a report's statements are read in one query rather than cell by cell. */
const SMALL_REPORT = 5_000;

/** The columns of a statement, with the text as it may be shown. */
const statementsOf = (q: ReturnType<typeof pointsInFilter>) =>
  q.select([
    'feedback.id as id',
    'feedback.event_id as eventId',
    'feedback.theme as theme',
    'feedback.lens as lens',
    sql<string>`coalesce(feedback.redacted_text, feedback.text)`.as('text'),
    'feedback.form as form',
    'feedback.created_at as createdAt',
  ]);

/** The same as a condition, written plainly so that the query planner can estimate it. */
const isShown = (eb: ExpressionBuilder<Database, 'feedback'>) => eb.or([eb('feedback.redacted_text', 'is not', null), eb('feedback.review', '=', 'clear')]);

/**
 * The points a text search reads: only what the report needs (no event columns, no order: the report
 * sorts), no text for held points (never searched or shown, only counted), and of the shown points only
 * those that can match. The exact match is listeningReport's (NFKC, lower case, in any script); the database
 * narrows the candidates without ever leaving one out: a text of printable ASCII only is NFKC already and
 * lower-cases the same in SQL, so it is kept when it contains the needle (LIKE on lower()); any other text
 * (another script, a line break, full-width letters) is kept for the exact match to decide.
 */
export async function searchPoints(db: Kysely<Database>, filter: ListeningFilter & { q: string }, dialect: 'sqlite' | 'postgres'): Promise<ReportPoint[]> {
  const needle = searchable(filter.q);
  const shownText = sql<string>`coalesce(feedback.redacted_text, feedback.text)`;
  const notPlainAscii = dialect === 'postgres' ? sql<boolean>`${shownText} ~ '[^ -~]'` : sql<boolean>`${shownText} glob '*[^ -~]*'`;
  const candidate = /^[ -~]+$/.test(needle)
    ? sql<boolean>`(lower(${shownText}) like ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\' or ${notPlainAscii})`
    : notPlainAscii;
  const rows = await pointsInFilter(db, filter)
    .select([
      'feedback.id as id',
      'feedback.event_id as eventId',
      'feedback.theme as theme',
      'feedback.lens as lens',
      sql<string>`case when feedback.redacted_text is null and feedback.review = 'held' then '' else feedback.text end`.as('text'),
      'feedback.form as form',
      'feedback.created_at as createdAt',
      'feedback.review as review',
      'feedback.redacted_text as redactedText',
    ])
    .where((eb) => eb.or([eb.and([eb('feedback.review', '=', 'held'), eb('feedback.redacted_text', 'is', null)]), eb.and([isShown(eb), candidate])]))
    .execute();
  return rows.map((r) => ({ ...r, review: r.review === 'held' ? 'held' : 'clear' }));
}

/**
 * The report without a text search, read with aggregate queries: counts per theme, lens and event (shown
 * or held), then for each cell only its newest statements (one small query per cell, read backwards along
 * the feedback_cell_time index), so that 100,000 points are counted in the database rather than loaded.
 */
export async function reportTallies(db: Kysely<Database>, filter: ListeningFilter): Promise<{ tallies: ReportTally[]; statements: CellStatement[] }> {
  const counts = await pointsInFilter(db, filter)
    .select(['feedback.theme as theme', 'feedback.lens as lens', 'feedback.event_id as eventId', SHOWN.as('shown'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['feedback.theme', 'feedback.lens', 'feedback.event_id', SHOWN])
    .execute();
  const tallies = counts.map((c) => ({ theme: c.theme, lens: c.lens, eventId: c.eventId, shown: Number(c.shown) === 1, n: Number(c.n) }));
  const shown = tallies.reduce((n, t) => n + (t.shown ? t.n : 0), 0);
  // A small report (one event, a few days) reads its statements at once, along the filter's own index.
  if (shown <= SMALL_REPORT) {
    const all = await statementsOf(pointsInFilter(db, filter).where(isShown)).execute();
    return { tallies, statements: all };
  }
  const cells = [...new Map(tallies.filter((t) => t.shown).map((t) => [`${t.theme}\u0000${t.lens}`, t])).values()];
  const statements = await Promise.all(
    cells.map((cell) =>
      statementsOf(pointsInFilter(db, filter))
        .where('feedback.theme', '=', cell.theme)
        .where('feedback.lens', '=', cell.lens)
        .where(isShown)
        .orderBy('feedback.created_at', 'desc')
        .orderBy('feedback.id', 'desc')
        .limit(REPORT_STATEMENTS_PER_CELL)
        .execute(),
    ),
  );
  return { tallies, statements: statements.flat() };
}

/** Events by id, each with the sum of its head counts. */
export async function eventsWithAttendance(db: Kysely<Database>, ids: string[]): Promise<ReportEventInput[]> {
  const out: ReportEventInput[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const [events, sums] = await Promise.all([
      db.selectFrom('events').select(['id', 'title', 'starts_at', 'ward']).where('id', 'in', part).execute(),
      db
        .selectFrom('attendance')
        .select(['event_id', (eb) => eb.fn.sum<number>('count').as('n')])
        .where('event_id', 'in', part)
        .groupBy('event_id')
        .execute(),
    ]);
    const total = new Map(sums.map((s) => [s.event_id, Number(s.n ?? 0)]));
    for (const e of events) out.push({ id: e.id, title: e.title, startsAt: e.starts_at, ward: e.ward, attendance: total.get(e.id) ?? 0 });
  }
  return out;
}

/** Ids of events whose own date falls within the filter's days (and ward, when given). */
export async function eventIdsInFilter(db: Kysely<Database>, filter: ListeningFilter): Promise<string[]> {
  let q = db.selectFrom('events').select('id');
  if (filter.from) q = q.where('starts_at', '>=', filter.from);
  const end = before(filter.to);
  if (end) q = q.where('starts_at', '<', end);
  if (filter.ward) q = q.where('ward', '=', filter.ward);
  return (await q.execute()).map((r) => r.id);
}

/** The events in a report's scope: those named, else those with points, and (without a search) those on its days. */
export async function reportEvents(db: Kysely<Database>, filter: ListeningFilter, points: Iterable<{ eventId: string }>): Promise<ReportEventInput[]> {
  if (filter.event && filter.event.length > 0) return eventsWithAttendance(db, filter.event);
  const ids = new Set<string>();
  for (const p of points) ids.add(p.eventId);
  if (!filter.q) for (const id of await eventIdsInFilter(db, filter)) ids.add(id);
  return eventsWithAttendance(db, [...ids]);
}

export const SUMMARY_KEY = (theme: string) => `summary:${theme}`;

/** The overarching-theme texts staff wrote, by theme id. */
export async function summaries(db: Kysely<Database>, themes: string[]): Promise<Record<string, string>> {
  if (themes.length === 0) return {};
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', themes.map(SUMMARY_KEY)).execute();
  return Object.fromEntries(rows.map((r) => [r.key.slice('summary:'.length), r.value]));
}

/** Per event: points recorded, points held (not yet redacted) and total attendance. */
export async function eventTallies(db: Kysely<Database>, ids: string[]) {
  const points = new Map<string, number>();
  const held = new Map<string, number>();
  const attendance = new Map<string, number>();
  for (const part of chunks(ids)) {
    const [p, h, a] = await Promise.all([
      db.selectFrom('feedback').select(['event_id', (eb) => eb.fn.countAll<number>().as('n')]).where('event_id', 'in', part).groupBy('event_id').execute(),
      db
        .selectFrom('feedback')
        .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('event_id', 'in', part)
        .where('review', '=', 'held')
        .where('redacted_text', 'is', null)
        .groupBy('event_id')
        .execute(),
      db.selectFrom('attendance').select(['event_id', (eb) => eb.fn.sum<number>('count').as('n')]).where('event_id', 'in', part).groupBy('event_id').execute(),
    ]);
    for (const r of p) points.set(r.event_id, Number(r.n));
    for (const r of h) held.set(r.event_id, Number(r.n));
    for (const r of a) attendance.set(r.event_id, Number(r.n ?? 0));
  }
  return { points, held, attendance };
}

/** Published outcomes, newest first, and staff events of the next `days` days (from the start of today, UTC). */
export async function publicListening(db: Kysely<Database>, now: Date, days = 60) {
  const today = now.toISOString().slice(0, 10);
  const until = new Date(now.getTime() + days * 24 * 60 * 60_000).toISOString();
  const [outcomes, events] = await Promise.all([
    db
      .selectFrom('outcomes')
      .select(['id', 'theme', 'event_id', 'you_said', 'we_did', 'published_at'])
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('events')
      .select(['id', 'title', 'starts_at', 'venue', 'ward', 'themes'])
      .where('source', '=', 'staff')
      .where('starts_at', '>=', today)
      .where('starts_at', '<', until)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(200)
      .execute(),
  ]);
  return {
    outcomes: outcomes.map((o) => ({
      id: o.id,
      theme: o.theme,
      eventId: o.event_id,
      youSaid: JSON.parse(o.you_said) as Record<string, string>,
      weDid: JSON.parse(o.we_did) as Record<string, string>,
      publishedAt: o.published_at ?? '',
    })),
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.starts_at,
      venue: e.venue,
      ward: e.ward,
      themes: JSON.parse(e.themes) as string[],
    })),
  };
}
