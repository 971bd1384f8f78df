import * as v from 'valibot';
import type { TownProfile } from './profile/schema';
import { eventSchema } from './records/event';
import { EventId, maxVisible } from './records/fields';
import { FEEDBACK_LIMITS } from './records/feedback';
import { cleanLine, cleanText } from './text';

/**
 * Requests of the staff side of listening circles: planned events, the listening report and its export,
 * the redaction queue, the report's "overarching theme" summaries and "you said, we did" outcomes.
 * Every schema answers with the catalogue's field problems.
 */

/** A staff-planned event: the same fields, limits and profile choices as an event a device records. */
export const createEventRequest = (profile: Pick<TownProfile, 'wards' | 'themes'>) => eventSchema(profile);

/** A calendar day (YYYY-MM-DD) that exists: 2026-02-31 is refused rather than read as 3 March. */
export const Day = v.pipe(
  v.string('invalid-type'),
  v.isoDate('invalid-format'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'invalid-format'),
);

export const LISTENING_FILTER_LIMITS = { events: 100, q: 200 } as const;

/**
 * Filters of the listening report and its export (query parameters). Days are inclusive and compare with
 * when a point was recorded; `event` is one id, a comma list, or the parameter repeated (the server joins
 * repeats with commas); `q` finds points whose text contains it, ignoring case.
 */
export const ListeningFilter = v.object({
  from: v.optional(Day),
  to: v.optional(Day),
  ward: v.optional(v.pipe(v.string('invalid-type'), v.maxLength(40, 'too-long'))),
  event: v.optional(
    v.pipe(
      v.string('invalid-type'),
      v.transform((s) => [...new Set(s.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))]),
      v.maxLength(LISTENING_FILTER_LIMITS.events, 'too-long'),
      v.check((ids) => ids.every((id) => v.is(EventId, id)), 'invalid-format'),
    ),
  ),
  q: v.optional(
    v.pipe(
      v.string('invalid-type'),
      v.transform(cleanLine),
      v.maxLength(LISTENING_FILTER_LIMITS.q, 'too-long'),
      v.transform((s) => (s === '' ? undefined : s)),
    ),
  ),
});
export type ListeningFilter = v.InferOutput<typeof ListeningFilter>;

export const ListeningExportQuery = v.object({
  ...ListeningFilter.entries,
  format: v.optional(v.picklist(['csv', 'json'], 'invalid-choice')),
});

/** Staff's redaction of a held point: the text as it may be shown (personal data taken out). */
export const RedactionRequest = v.strictObject({
  redactedText: v.pipe(v.string('invalid-type'), v.transform(cleanText), v.minLength(1, 'required'), maxVisible(FEEDBACK_LIMITS.text)),
});

export const SUMMARY_LIMIT = 2000;
/** The "overarching theme" staff write for one row of the report; empty clears it. */
export const SummaryRequest = v.strictObject({
  summary: v.pipe(v.string('invalid-type'), v.transform(cleanText), maxVisible(SUMMARY_LIMIT)),
});

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const OUTCOME_LIMIT = 2000;

/**
 * Staff text in several languages for the public: English required (the fallback), each text cleaned and
 * at most OUTCOME_LIMIT characters; a language left empty is left out.
 */
export const OutcomeText = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(LANGUAGE, 'invalid-format')),
    v.pipe(v.string('invalid-type'), v.transform(cleanText), maxVisible(OUTCOME_LIMIT)),
    'invalid-type',
  ),
  v.transform((t) => Object.fromEntries(Object.entries(t).filter(([, text]) => text !== ''))),
  v.check((t) => typeof t['en'] === 'string' && t['en'] !== '', 'required'),
);

/** A "you said, we did" outcome: the theme it answers, optionally the event, and both texts. */
export const outcomeRequest = (profile: Pick<TownProfile, 'themes'>) =>
  v.strictObject({
    theme: v.pipe(v.string('invalid-type'), v.picklist(profile.themes.map((t) => t.id), 'invalid-choice')),
    eventId: v.optional(v.nullable(EventId)),
    youSaid: OutcomeText,
    weDid: OutcomeText,
  });

// ---------------------------------------------------------------------------------------------------------
// The listening report: the Fairness Taskforce's layout. One row per theme, one column per lens, each cell
// the points said there; each row with the overarching theme staff wrote for it; and per event, how many
// took part and how many points were recorded. Pure, so the server and tests share it.
// ---------------------------------------------------------------------------------------------------------

/** A point as the report reads it from storage. */
export interface ReportPoint {
  id: string;
  eventId: string;
  theme: string;
  lens: string;
  text: string;
  form: string;
  createdAt: string;
  review: 'clear' | 'held';
  redactedText: string | null;
}

export interface ReportEventInput {
  id: string;
  title: string;
  startsAt: string;
  ward: string | null;
  /** Sum of the event's head counts. */
  attendance: number;
}

export interface ReportStatement {
  id: string;
  /** The text as it may be shown: staff's redaction where there is one. */
  text: string;
  form: string;
  eventId: string;
  createdAt: string;
}

export interface ReportCell {
  count: number;
  statements: ReportStatement[];
}

export interface ReportRow {
  theme: string;
  label: Record<string, string>;
  /** The overarching theme staff wrote for this row, or null. */
  summary: string | null;
  /** Points shown in the row. */
  total: number;
  /** Points of this theme held for personal data and not yet redacted: not shown, counted here. */
  held: number;
  cells: Record<string, ReportCell>;
}

export interface ReportEvent {
  eventId: string;
  title: string;
  startsAt: string;
  attendance: number;
  /** Points of this event shown in the report. */
  points: number;
  /** Points of this event held and not yet redacted. */
  held: number;
}

export interface ListeningReport {
  lenses: { id: string; label: Record<string, string> }[];
  rows: ReportRow[];
  events: ReportEvent[];
  /** Points held for personal data and not yet redacted: left out of the rows. */
  held: number;
  totals: { points: number; attendance: number; events: number };
}

/**
 * At most this many statements per cell (newest kept); `count` is always the full number. A page that
 * people read and print: the export has every statement.
 */
export const REPORT_STATEMENTS_PER_CELL = 250;

/** Text for case-insensitive search in any script. */
export const searchable = (s: string) => s.normalize('NFKC').toLowerCase();

/** Whether a point can be shown: clear, or held and redacted by staff. */
export const shownText = (p: Pick<ReportPoint, 'review' | 'text' | 'redactedText'>): string | null =>
  p.redactedText ?? (p.review === 'clear' ? p.text : null);

/** Points of one theme, lens and event: shown (clear, or redacted) or held. */
export interface ReportTally {
  theme: string;
  lens: string;
  eventId: string;
  shown: boolean;
  n: number;
}

/** A statement with the cell it belongs to. */
export interface CellStatement extends ReportStatement {
  theme: string;
  lens: string;
}

const byTime = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Build the report from the points within the filters (dates, ward, events) and the events in scope.
 * `q` is applied here, to the text that may be shown only: held text is never searched, so a search
 * cannot reveal what a held point contains.
 */
export function listeningReport(input: {
  profile: Pick<TownProfile, 'themes' | 'lenses'>;
  points: ReportPoint[];
  events: ReportEventInput[];
  summaries: Record<string, string>;
  q?: string | undefined;
  /** Include events in `events` that have no point in the report (a head count, but nothing said yet). */
  keepEmptyEvents: boolean;
}): ListeningReport {
  const needle = input.q ? searchable(input.q) : undefined;
  const tallies = new Map<string, ReportTally>();
  const statements: CellStatement[] = [];
  for (const p of input.points) {
    const text = shownText(p);
    const shown = text !== null;
    if (shown && needle !== undefined && !searchable(text).includes(needle)) continue;
    const key = `${p.theme}\u0000${p.lens}\u0000${p.eventId}\u0000${shown}`;
    const tally = tallies.get(key);
    if (tally) tally.n += 1;
    else tallies.set(key, { theme: p.theme, lens: p.lens, eventId: p.eventId, shown, n: 1 });
    if (text !== null) statements.push({ id: p.id, text, form: p.form, eventId: p.eventId, createdAt: p.createdAt, theme: p.theme, lens: p.lens });
  }
  return reportFromTallies({
    ...input,
    tallies: [...tallies.values()],
    statements,
    searching: needle !== undefined,
    // Rows and columns for every theme and lens with points in the filter, even those a search leaves empty.
    seen: input.points,
  });
}

/**
 * The report from counts per theme, lens and event (shown or held) and the statements that may be shown
 * (at least the newest REPORT_STATEMENTS_PER_CELL of each cell, in any order): what the server reads with
 * aggregate queries, so that a report over many points does not load every one.
 */
export function reportFromTallies(input: {
  profile: Pick<TownProfile, 'themes' | 'lenses'>;
  tallies: ReportTally[];
  statements: CellStatement[];
  events: ReportEventInput[];
  summaries: Record<string, string>;
  /** Whether a text search made the tallies (events with only held points are then left out). */
  searching: boolean;
  keepEmptyEvents: boolean;
  /** Further themes and lenses to give a row or column (points the search left out). */
  seen?: { theme: string; lens: string }[];
}): ListeningReport {
  const { profile, summaries } = input;
  const themes = profile.themes.map((t) => ({ id: t.id, label: t.label as Record<string, string> }));
  const lenses = profile.lenses.map((l) => ({ id: l.id, label: l.label as Record<string, string> }));
  // Points under a theme or lens the profile no longer has still count: they get a row or column of their own.
  for (const p of [...input.tallies, ...(input.seen ?? [])]) {
    if (!themes.some((t) => t.id === p.theme)) themes.push({ id: p.theme, label: { en: p.theme } });
    if (!lenses.some((l) => l.id === p.lens)) lenses.push({ id: p.lens, label: { en: p.lens } });
  }
  const rows = new Map<string, ReportRow>(
    themes.map((t) => [
      t.id,
      {
        theme: t.id,
        label: t.label,
        summary: summaries[t.id] ?? null,
        total: 0,
        held: 0,
        cells: Object.fromEntries(lenses.map((l) => [l.id, { count: 0, statements: [] as ReportStatement[] }])),
      },
    ]),
  );
  const perEvent = new Map<string, { points: number; held: number }>();
  const tally = (eventId: string) => {
    let t = perEvent.get(eventId);
    if (!t) perEvent.set(eventId, (t = { points: 0, held: 0 }));
    return t;
  };
  let held = 0;
  let shown = 0;
  for (const t of input.tallies) {
    const row = rows.get(t.theme);
    const cell = row?.cells[t.lens];
    if (!row || !cell) continue;
    if (!t.shown) {
      held += t.n;
      row.held += t.n;
      tally(t.eventId).held += t.n;
      continue;
    }
    shown += t.n;
    row.total += t.n;
    cell.count += t.n;
    tally(t.eventId).points += t.n;
  }
  for (const s of [...input.statements].sort(byTime)) {
    const { theme, lens, ...statement } = s;
    rows.get(theme)?.cells[lens]?.statements.push(statement);
  }
  for (const row of rows.values()) {
    for (const cell of Object.values(row.cells)) {
      if (cell.statements.length > REPORT_STATEMENTS_PER_CELL) cell.statements = cell.statements.slice(-REPORT_STATEMENTS_PER_CELL);
    }
  }
  const events: ReportEvent[] = input.events
    .filter((e) => input.keepEmptyEvents || (perEvent.get(e.id)?.points ?? 0) > 0 || (!input.searching && (perEvent.get(e.id)?.held ?? 0) > 0))
    .map((e) => ({
      eventId: e.id,
      title: e.title,
      startsAt: e.startsAt,
      attendance: e.attendance,
      points: perEvent.get(e.id)?.points ?? 0,
      held: perEvent.get(e.id)?.held ?? 0,
    }))
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.eventId < b.eventId ? -1 : 1));
  return {
    lenses,
    rows: [...rows.values()],
    events,
    held,
    totals: { points: shown, attendance: events.reduce((sum, e) => sum + e.attendance, 0), events: events.length },
  };
}
