/**
 * The listening report over more points than it reads one by one: the database counts each cell and returns
 * only its newest statements. Checked against the report built from every point (the pure core function over
 * all rows), with points held, redacted and filtered by ward, days and a set of events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningReport, REPORT_STATEMENTS_PER_CELL, type ListeningFilter } from '../../src/core/listening';
import { lutonProfile } from '../../src/core/profile/luton';
import { seedListening } from '../../src/server/demo/seed';
import { eventsWithAttendance, feedbackInFilter } from '../../src/server/records/listeningQueries';
import { databases } from './harness';
import { deviceSyncOk, feedbackRecord, listeningWorld, type ListeningWorld } from './listening-support';

// More than the server reads one by one (5,000), so that the counted path is the one under test.
const POINTS = 12_000;
const NOW = new Date('2026-06-30T12:00:00.000Z');

type Report = ReturnType<typeof listeningReport>;

for (const database of databases()) {
  describe(`listening report over ${POINTS} points on ${database.name}`, () => {
    let w: ListeningWorld;
    let events: string[] = [];
    let redactedId = '';

    beforeAll(async () => {
      w = await listeningWorld(database);
      ({ events } = await seedListening(w.server.db, lutonProfile, { events: 12, points: POINTS, upcoming: 0, outcomes: false, days: 90, now: NOW }));
      // One held point redacted by staff: shown with its new text from then on.
      const held = await w.server.db.selectFrom('feedback').select('id').where('review', '=', 'held').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      redactedId = held.id;
      const res = await w.staff.admin.post(`/listening/held/${held.id}`, { redactedText: 'Contact me about this [email removed]' });
      expect(res.status, res.text).toBe(200);
    }, 120_000);
    afterAll(async () => {
      await w?.server.close();
    });

    /** The report as the pure function builds it from every point in the filter. */
    const reference = async (filter: ListeningFilter): Promise<Report> => {
      const points = await feedbackInFilter(w.server.db, filter);
      const eventIds = filter.event?.length ? filter.event : [...new Set(points.map((p) => p.eventId))];
      return listeningReport({ profile: lutonProfile, points, events: await eventsWithAttendance(w.server.db, eventIds), summaries: {}, keepEmptyEvents: true });
    };
    const served = async (query: string): Promise<Report> => {
      const res = await w.staff.analyst.get(`/listening/report${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body as Report;
    };
    // Events on the filter's days without points are listed by the server too; compare those with points.
    // Labels come from the server's profile (every language) and the shipped one (English): compare ids.
    const withPoints = ({ filter: _filter, ...r }: Report & { filter?: unknown }) => ({
      ...r,
      lenses: r.lenses.map((l) => l.id),
      rows: r.rows.map(({ label: _label, ...row }) => row),
      events: r.events.filter((e) => e.points + e.held > 0), totals: { ...r.totals, attendance: 0, events: 0 } });

    it('counts every point in its cell, holds the held ones, and lists the newest statements of each cell', async () => {
      const r = await served('');
      expect(r.totals.points + r.held).toBe(POINTS);
      expect(r.held).toBeGreaterThan(0);
      expect(withPoints(r)).toEqual(withPoints(await reference({})));
      const cells = r.rows.flatMap((row) => Object.values(row.cells));
      expect(cells.some((c) => c.count > REPORT_STATEMENTS_PER_CELL)).toBe(true);
      for (const cell of cells) {
        expect(cell.statements).toHaveLength(Math.min(cell.count, REPORT_STATEMENTS_PER_CELL));
        const times = cell.statements.map((s) => s.createdAt);
        expect(times).toEqual([...times].sort());
      }
      const all = cells.flatMap((c) => c.statements);
      expect(all.find((s) => s.id === redactedId)?.text).toBe('Contact me about this [email removed]');
      expect(all.some((s) => s.text.includes('@'))).toBe(false);
    }, 30_000);

    it('gives the same report as reading every point, for a ward, for days, and for a set of events', async () => {
      const ward = (await w.server.db.selectFrom('events').select('ward').where('ward', 'is not', null).executeTakeFirstOrThrow()).ward ?? '';
      const set = events.slice(2, 9);
      const cases: [string, ListeningFilter][] = [
        [`?ward=${ward}`, { ward }],
        ['?from=2026-04-20&to=2026-06-30', { from: '2026-04-20', to: '2026-06-30' }],
        [`?event=${set.join(',')}`, { event: set }],
        [`?event=${set[0]}`, { event: [set[0] ?? ''] }],
      ];
      for (const [query, filter] of cases) {
        const r = await served(query);
        expect(r.totals.points, query).toBeGreaterThan(0);
        expect(withPoints(r), query).toEqual(withPoints(await reference(filter)));
      }
    }, 30_000);

    it('finds by text exactly as reading every point would: case, other scripts, full-width letters, % and _', async () => {
      // Points the database cannot match as plain ASCII: the exact match must still see them.
      const odd = ['ＷＡＩＴＩＮＧ list in full-width letters', 'Zażółć gęślą jaźń: waiting', 'Rents up 100%_ this year', 'Line one\nwaiting on line two'];
      const eventId = events[0] ?? '';
      const sent = odd.map((text) => feedbackRecord(eventId, { text, theme: 'housing', lens: 'change' }, { createdAt: '2026-06-01T10:00:00.000Z' }));
      const results = await deviceSyncOk(w.server, w.device.token, sent);
      expect(results.map((r) => r.status)).toEqual(sent.map(() => 'stored'));
      for (const q of ['waiting', 'WAITING', 'gęślą', 'ＷＡＩＴＩＮＧ', '100%_', '0%', 'a_b', 'young people']) {
        const r = await served(`?q=${encodeURIComponent(q)}`);
        const points = await feedbackInFilter(w.server.db, {});
        const expected = listeningReport({
          profile: lutonProfile,
          points,
          events: await eventsWithAttendance(w.server.db, [...new Set(points.map((p) => p.eventId))]),
          summaries: {},
          q,
          keepEmptyEvents: false,
        });
        expect(withPoints(r), q).toEqual(withPoints(expected));
      }
      const found = async (q: string) => (await served(`?q=${encodeURIComponent(q)}`)).rows.flatMap((row) => Object.values(row.cells).flatMap((c) => c.statements.map((st) => st.text)));
      expect(await found('waiting')).toEqual(expect.arrayContaining(odd.filter((t) => t !== odd[2])));
      expect(await found('100%_')).toEqual([odd[2]]);
      expect(await found('a_b')).toEqual([]);
    }, 30_000);
  });
}
