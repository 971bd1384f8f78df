import type { Context } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import {
  createEventRequest,
  Day,
  ListeningExportQuery,
  ListeningFilter,
  listeningReport,
  reportFromTallies,
  outcomeRequest,
  RedactionRequest,
  searchable,
  shownText,
  SummaryRequest,
} from '../../../core/listening';
import { toFieldErrors } from '../../../core/validation';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { fieldsProblem, problem, readBody } from '../../http/problem';
import { before, eventTallies, feedbackInFilter, reportEvents, reportTallies, searchPoints, SUMMARY_KEY, summaries, type PointRow } from '../../records/listeningQueries';
import { audit } from '../../staff/audit';
import { csvDownload } from '../../http/download';
import type { Endpoint } from './endpoint';

/** Columns of the feedback export, one row per point that may be shown (held points awaiting redaction are left out). */
const FEEDBACK_COLUMNS = [
  'id',
  'event_id',
  'event_title',
  'event_starts_at',
  'theme',
  'lens',
  'form',
  'source',
  'text',
  'redacted',
  'age_band',
  'ward',
  'locale',
  'created_at',
  'received_at',
] as const;

/**
 * Query parameters against a core schema. `event` may be repeated (`event=a&event=b`) or a comma list:
 * repeats are joined with commas before validation.
 */
function readListeningQuery<S extends v.GenericSchema>(c: Context, schema: S): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } {
  const raw: Record<string, string> = { ...c.req.query() };
  const events = c.req.queries('event');
  if (events && events.length > 1) raw['event'] = events.join(',');
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, response: fieldsProblem(c, toFieldErrors(parsed.issues)) };
}

/** The filter as it is echoed back and audited: without empty parts. */
function filterOf(f: ListeningFilter & { format?: string | undefined }) {
  return Object.fromEntries(Object.entries(f).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

function eventJson(e: Database['events']) {
  return {
    id: e.id,
    title: e.title,
    startsAt: e.starts_at,
    venue: e.venue,
    ward: e.ward,
    themes: JSON.parse(e.themes) as string[],
    source: e.source,
    deviceId: e.device_id,
    createdBy: e.created_by,
    createdAt: e.created_at,
    receivedAt: e.received_at,
  };
}

function outcomeJson(o: Database['outcomes']) {
  return {
    id: o.id,
    theme: o.theme,
    eventId: o.event_id,
    youSaid: JSON.parse(o.you_said) as Record<string, string>,
    weDid: JSON.parse(o.we_did) as Record<string, string>,
    publishedAt: o.published_at,
    createdBy: o.created_by,
    createdAt: o.created_at,
  };
}

/**
 * Listening circles, staff side: planned events, the listening report and its export, the redaction queue
 * for points held for personal data, the report's overarching-theme summaries, and "you said, we did".
 */
export function listeningEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;

  /** The points and events of a report or export, with the filter applied (search included). */
  async function load(filter: ListeningFilter) {
    const points = await feedbackInFilter(db, filter);
    const events = await reportEvents(db, filter, points);
    return { points, events };
  }

  const matches = (filter: ListeningFilter) => {
    const needle = filter.q ? searchable(filter.q) : undefined;
    return (p: PointRow) => {
      const text = shownText(p);
      return text !== null && (needle === undefined || searchable(text).includes(needle));
    };
  };

  return [
    {
      method: 'POST',
      path: '/events',
      roles: ['admin', 'coordinator'],
      handle: async (c, staff) => {
        const body = await readBody(c, createEventRequest(await ctx.profile()));
        if (!body.ok) return body.response;
        const now = ctx.now().toISOString();
        const e = body.value;
        const row: Database['events'] = {
          id: uuidv7(),
          title: e.title,
          starts_at: e.startsAt,
          venue: e.venue ?? null,
          ward: e.ward ?? null,
          themes: JSON.stringify(e.themes),
          source: 'staff',
          device_id: null,
          created_by: staff.email,
          created_at: now,
          received_at: now,
        };
        await db.insertInto('events').values(row).execute();
        await audit(db, { actor: staff.email, action: 'event-created', subject: row.id, detail: { title: row.title, startsAt: row.starts_at }, at: ctx.now() });
        return c.json({ event: { ...eventJson(row), points: 0, held: 0, attendance: 0 } }, 201);
      },
    },
    {
      method: 'GET',
      path: '/events',
      roles: ['admin', 'analyst', 'coordinator'],
      handle: async (c) => {
        const q = readListeningQuery(
          c,
          v.object({ from: v.optional(Day), to: v.optional(Day), source: v.optional(v.picklist(['staff', 'device'], 'invalid-choice')) }),
        );
        if (!q.ok) return q.response;
        let query = db.selectFrom('events').selectAll();
        if (q.value.from) query = query.where('starts_at', '>=', q.value.from);
        const end = before(q.value.to);
        if (end) query = query.where('starts_at', '<', end);
        if (q.value.source) query = query.where('source', '=', q.value.source);
        const rows = await query.orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
        const tallies = await eventTallies(db, rows.map((r) => r.id));
        return c.json({
          events: rows.map((r) => ({
            ...eventJson(r),
            points: tallies.points.get(r.id) ?? 0,
            held: tallies.held.get(r.id) ?? 0,
            attendance: tallies.attendance.get(r.id) ?? 0,
          })),
        });
      },
    },
    {
      method: 'GET',
      path: '/listening/report',
      roles: ['admin', 'analyst'],
      handle: async (c) => {
        const q = readListeningQuery(c, ListeningFilter);
        if (!q.ok) return q.response;
        const profile = await ctx.profile();
        const keepEmptyEvents = !q.value.q || (q.value.event?.length ?? 0) > 0;
        const themesOf = async (seen: { theme: string }[]) => summaries(db, [...new Set([...profile.themes.map((t) => t.id), ...seen.map((p) => p.theme)])]);
        let report;
        if (q.value.q) {
          // A search reads the text of every point in the filter (held text never searched: see listeningReport).
          const points = await searchPoints(db, { ...q.value, q: q.value.q }, ctx.db.dialect);
          const events = await reportEvents(db, q.value, points);
          report = listeningReport({ profile, points, events, summaries: await themesOf(points), q: q.value.q, keepEmptyEvents });
        } else {
          // Without one, the database counts and picks the newest statements per cell.
          const { tallies, statements } = await reportTallies(db, q.value);
          const events = await reportEvents(db, q.value, tallies);
          report = reportFromTallies({ profile, tallies, statements, events, summaries: await themesOf(tallies), searching: false, keepEmptyEvents });
        }
        return c.json({ filter: filterOf(q.value), ...report });
      },
    },
    {
      method: 'GET',
      path: '/listening/export',
      roles: ['admin', 'analyst'],
      handle: async (c, staff) => {
        const q = readListeningQuery(c, ListeningExportQuery);
        if (!q.ok) return q.response;
        const { format, ...filter } = q.value;
        const { points, events } = await load(filter);
        const shown = points.filter(matches(filter));
        const held = points.filter((p) => shownText(p) === null).length;
        const records = shown.map((p) => ({
          id: p.id,
          event_id: p.eventId,
          event_title: p.eventTitle,
          event_starts_at: p.eventStartsAt,
          theme: p.theme,
          lens: p.lens,
          form: p.form,
          source: p.source,
          text: shownText(p),
          redacted: p.redactedText !== null ? 1 : 0,
          age_band: p.ageBand,
          ward: p.ward,
          locale: p.locale,
          created_at: p.createdAt,
          received_at: p.receivedAt,
        }));
        await audit(db, { actor: staff.email, action: 'export', subject: 'feedback', detail: { ...filterOf(q.value), rows: records.length, held }, at: ctx.now() });
        const stamp = ctx.now().toISOString().slice(0, 10);
        if (format === 'json') {
          c.header('Content-Disposition', `attachment; filename="feedback-${stamp}.json"`);
          return c.json({
            kind: 'feedback',
            exportedAt: ctx.now().toISOString(),
            filter: filterOf(q.value),
            held,
            records,
            events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, ward: e.ward, attendance: e.attendance })),
          });
        }
        return csvDownload(c, `feedback-${stamp}.csv`, FEEDBACK_COLUMNS, records);
      },
    },
    {
      method: 'PUT',
      path: '/listening/summaries/:theme',
      roles: ['admin'],
      handle: async (c, staff) => {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          return problem(c, 'malformed-json');
        }
        // The theme in the path is a field like the others: every wrong one is named in one answer.
        const theme = c.req.param('theme') ?? '';
        const profile = await ctx.profile();
        const parsed = v.safeParse(SummaryRequest, raw);
        const errors = [
          ...(profile.themes.some((t) => t.id === theme) ? [] : [{ field: 'theme', code: 'invalid-choice' as const }]),
          ...(parsed.success ? [] : toFieldErrors(parsed.issues)),
        ];
        if (!parsed.success || errors.length > 0) return fieldsProblem(c, errors);
        const now = ctx.now().toISOString();
        const key = SUMMARY_KEY(theme);
        const summary = parsed.output.summary;
        if (summary === '') await db.deleteFrom('settings').where('key', '=', key).execute();
        else {
          await db
            .insertInto('settings')
            .values({ key, value: summary, updated_at: now })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: summary, updated_at: now }))
            .execute();
        }
        await audit(db, { actor: staff.email, action: 'summary-changed', subject: theme, at: ctx.now() });
        return c.json({ theme, summary: summary === '' ? null : summary, updatedAt: now });
      },
    },
    {
      method: 'GET',
      path: '/listening/held',
      roles: ['admin'],
      handle: async (c) => {
        const rows = await db
          .selectFrom('feedback')
          .innerJoin('events', 'events.id', 'feedback.event_id')
          .select([
            'feedback.id as id',
            'feedback.event_id as eventId',
            'events.title as eventTitle',
            'feedback.theme as theme',
            'feedback.lens as lens',
            'feedback.text as text',
            'feedback.form as form',
            'feedback.source as source',
            'feedback.held_for as heldFor',
            'feedback.locale as locale',
            'feedback.created_at as createdAt',
            'feedback.received_at as receivedAt',
          ])
          .where('feedback.review', '=', 'held')
          .where('feedback.redacted_text', 'is', null)
          .orderBy('feedback.received_at')
          .orderBy('feedback.id')
          .limit(200)
          .execute();
        const waiting = await db
          .selectFrom('feedback')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('review', '=', 'held')
          .where('redacted_text', 'is', null)
          .executeTakeFirstOrThrow();
        return c.json({
          total: Number(waiting.n),
          // Oldest first: a queue. Why each is held: the kinds of personal data its text seems to contain.
          items: rows.map((r) => ({ ...r, heldFor: r.heldFor ? r.heldFor.split(',') : [] })),
        });
      },
    },
    {
      method: 'POST',
      path: '/listening/held/:id',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, RedactionRequest);
        if (!body.ok) return body.response;
        const id = c.req.param('id') ?? '';
        // Any point may be redacted (staff may spot what the screen missed); held ones are the queue.
        const done = await db.updateTable('feedback').set({ redacted_text: body.value.redactedText }).where('id', '=', id).executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) return problem(c, 'not-found');
        await audit(db, { actor: staff.email, action: 'feedback-redacted', subject: id, at: ctx.now() });
        const row = await db.selectFrom('feedback').select(['id', 'review']).where('id', '=', id).executeTakeFirstOrThrow();
        return c.json({ id: row.id, review: row.review, redactedText: body.value.redactedText });
      },
    },
    {
      method: 'POST',
      path: '/outcomes',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, outcomeRequest(await ctx.profile()));
        if (!body.ok) return body.response;
        const eventId = body.value.eventId ?? null;
        if (eventId !== null) {
          const event = await db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
          if (!event) return fieldsProblem(c, [{ field: 'eventId', code: 'invalid-choice' }]);
        }
        const row: Database['outcomes'] = {
          id: uuidv7(),
          theme: body.value.theme,
          event_id: eventId,
          you_said: JSON.stringify(body.value.youSaid),
          we_did: JSON.stringify(body.value.weDid),
          published_at: null,
          created_by: staff.email,
          created_at: ctx.now().toISOString(),
        };
        await db.insertInto('outcomes').values(row).execute();
        await audit(db, { actor: staff.email, action: 'outcome-created', subject: row.id, detail: { theme: row.theme }, at: ctx.now() });
        return c.json({ outcome: outcomeJson(row) }, 201);
      },
    },
    {
      method: 'POST',
      path: '/outcomes/:id/publish',
      roles: ['admin'],
      handle: async (c, staff) => {
        const id = c.req.param('id') ?? '';
        const existing = await db.selectFrom('outcomes').selectAll().where('id', '=', id).executeTakeFirst();
        if (!existing) return problem(c, 'not-found');
        // Publishing again keeps the first publication time: the public list does not reorder.
        if (existing.published_at === null) {
          const at = ctx.now().toISOString();
          await db.updateTable('outcomes').set({ published_at: at }).where('id', '=', id).where('published_at', 'is', null).execute();
          await audit(db, { actor: staff.email, action: 'outcome-published', subject: id, at: ctx.now() });
        }
        const row = await db.selectFrom('outcomes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return c.json({ outcome: outcomeJson(row) });
      },
    },
    {
      method: 'GET',
      path: '/outcomes',
      roles: ['admin', 'analyst', 'coordinator'],
      handle: async (c) => {
        const rows = await db.selectFrom('outcomes').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
        return c.json({ outcomes: rows.map(outcomeJson) });
      },
    },
  ];
}
