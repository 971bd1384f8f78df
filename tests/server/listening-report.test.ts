/**
 * The listening report (the Fairness Taskforce's layout: a row per theme, a column per lens), its filters,
 * the overarching-theme summaries, the redaction queue for points held for personal data, and the export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, databases } from './harness';
import {
  attendanceRecord,
  deviceSyncOk,
  eventRecord,
  feedbackRecord,
  listeningWorld,
  parseCsv,
  type ListeningRecord,
  type ListeningWorld,
} from './listening-support';

type Theme = 'youth' | 'housing' | 'community' | 'work' | 'poverty' | 'other';
type Lens = 'voice' | 'change' | 'partnership';
type EventKey = 'E1' | 'E2';

/** Twenty points: [theme, lens, form, event, own ward tag?, extra words in the text]. */
const POINTS: [Theme, Lens, 'quote' | 'summary', EventKey, string?, string?][] = [
  ['youth', 'voice', 'quote', 'E1'],
  ['youth', 'voice', 'summary', 'E1'],
  ['youth', 'voice', 'quote', 'E2', 'biscot'],
  ['youth', 'change', 'quote', 'E1'],
  ['youth', 'partnership', 'summary', 'E2'],
  ['housing', 'voice', 'quote', 'E1', 'saints'],
  ['housing', 'change', 'quote', 'E1', undefined, 'Buses stop at six.'],
  ['housing', 'change', 'summary', 'E2'],
  ['housing', 'change', 'quote', 'E2'],
  ['housing', 'partnership', 'quote', 'E1'],
  ['community', 'voice', 'summary', 'E2'],
  ['community', 'partnership', 'quote', 'E2'],
  ['community', 'partnership', 'quote', 'E1'],
  ['work', 'change', 'summary', 'E1'],
  ['work', 'voice', 'quote', 'E2', undefined, 'No BUSES to the airport jobs.'],
  ['poverty', 'change', 'quote', 'E1'],
  ['poverty', 'change', 'quote', 'E2'],
  ['poverty', 'partnership', 'summary', 'E1'],
  ['other', 'voice', 'quote', 'E2', undefined, 'The bus station is unsafe.'],
  ['poverty', 'voice', 'quote', 'E1'],
];

/** What the report must say, written out by hand (not computed from POINTS). */
const EXPECTED: Record<Theme, Record<Lens, number>> = {
  youth: { voice: 3, change: 1, partnership: 1 },
  housing: { voice: 1, change: 3, partnership: 1 },
  community: { voice: 1, change: 0, partnership: 2 },
  work: { voice: 1, change: 1, partnership: 0 },
  poverty: { voice: 1, change: 2, partnership: 1 },
  other: { voice: 1, change: 0, partnership: 0 },
};

const PHONE = '07700 900456';

for (const database of databases()) {
  describe(`listening report on ${database.name}`, () => {
    let w: ListeningWorld;
    const ids: Record<EventKey | 'E3', string> = { E1: '', E2: '', E3: '' };
    const sent: ListeningRecord[] = [];
    let heldPoint: ListeningRecord;

    beforeAll(async () => {
      w = await listeningWorld(database);
      // E1 and E3 were started on the tablet; E2 was planned by staff.
      const e1 = eventRecord({ title: 'Biscot market circle', startsAt: '2026-03-07T10:00:00.000Z', ward: 'biscot' });
      const e3 = eventRecord({ title: 'Saints library circle', startsAt: '2026-03-21T10:00:00.000Z', ward: 'saints' });
      const e2 = await w.staff.admin.post('/events', { title: 'Dallow youth forum', startsAt: '2026-03-14T17:00:00.000Z', ward: 'dallow', themes: ['youth'] });
      expect(e2.status, e2.text).toBe(201);
      ids.E1 = e1.id;
      ids.E2 = e2.body.event.id as string;
      ids.E3 = e3.id;
      POINTS.forEach(([theme, lens, form, event, ward, extra], i) => {
        const day = event === 'E1' ? '2026-03-07' : '2026-03-14';
        const minute = String(i).padStart(2, '0');
        sent.push(
          feedbackRecord(ids[event], { theme, lens, form, ward, text: `Point ${i + 1}: ${theme} ${lens}.${extra ? ` ${extra}` : ''}` }, { createdAt: `${day}T11:${minute}:00.000Z` }),
        );
      });
      heldPoint = feedbackRecord(ids.E1, { theme: 'youth', lens: 'voice', text: `Ring me on ${PHONE} about the youth club` }, { createdAt: '2026-03-07T12:00:00.000Z' });
      const counts = [attendanceRecord(e1.id, 12), attendanceRecord(e1.id, 8), attendanceRecord(ids.E2, 31), attendanceRecord(e3.id, 5)];
      const results = await deviceSyncOk(w.server, w.device.token, [e1, e3, ...sent, heldPoint, ...counts]);
      expect(results.every((r) => r.status === 'stored'), JSON.stringify(results)).toBe(true);
    });
    afterAll(async () => {
      await w?.server.close();
    });

    const report = async (query = '', as = w.staff.analyst) => {
      const res = await as.get(`/listening/report${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body as {
        filter: Record<string, unknown>;
        lenses: { id: string }[];
        rows: { theme: string; summary: string | null; total: number; held: number; cells: Record<string, { count: number; statements: { id: string; text: string; form: string; eventId: string; createdAt: string }[] }> }[];
        events: { eventId: string; title: string; attendance: number; points: number; held: number }[];
        held: number;
        totals: { points: number; attendance: number; events: number };
      };
    };
    const cellCounts = (r: Awaited<ReturnType<typeof report>>) =>
      Object.fromEntries(r.rows.map((row) => [row.theme, Object.fromEntries(Object.entries(row.cells).map(([lens, cell]) => [lens, cell.count]))]));

    it('puts each of 20 points in its theme row and lens column, with the right counts', async () => {
      const r = await report();
      expect(r.lenses.map((l) => l.id)).toEqual(['voice', 'change', 'partnership']);
      expect(r.rows.map((row) => row.theme)).toEqual(['youth', 'housing', 'community', 'work', 'poverty', 'other']);
      expect(cellCounts(r)).toEqual(EXPECTED);
      expect(r.totals.points).toBe(20);
      for (const row of r.rows) {
        const expected = Object.values(EXPECTED[row.theme as Theme]).reduce((a, b) => a + b, 0);
        expect(row.total, row.theme).toBe(expected);
        for (const cell of Object.values(row.cells)) expect(cell.statements).toHaveLength(cell.count);
      }
    });

    it.each(POINTS.map((p, i) => ({ n: i + 1, theme: p[0], lens: p[1], form: p[2], event: p[3] })))(
      'point $n is in $theme × $lens, marked $form, from $event',
      async ({ n, theme, lens, form, event }) => {
        const r = await report();
        const rec = sent[n - 1] as ListeningRecord;
        const hits = r.rows.flatMap((row) => Object.entries(row.cells).flatMap(([l, cell]) => cell.statements.filter((s) => s.id === rec.id).map((s) => ({ theme: row.theme, lens: l, s }))));
        expect(hits).toHaveLength(1);
        expect(hits[0]).toMatchObject({ theme, lens, s: { form, eventId: ids[event], createdAt: rec.createdAt, text: rec.data['text'] } });
      },
    );

    it('lists statements in each cell oldest first', async () => {
      const r = await report();
      const youthVoice = r.rows.find((row) => row.theme === 'youth')?.cells['voice']?.statements ?? [];
      expect(youthVoice.map((s) => s.form)).toEqual(['quote', 'summary', 'quote']);
      expect(youthVoice.map((s) => s.createdAt)).toEqual([...youthVoice.map((s) => s.createdAt)].sort());
    });

    it('sums attendance per event and counts its points', async () => {
      const r = await report();
      expect(r.events).toEqual([
        { eventId: ids.E1, title: 'Biscot market circle', startsAt: '2026-03-07T10:00:00.000Z', attendance: 20, points: 11, held: 1 },
        { eventId: ids.E2, title: 'Dallow youth forum', startsAt: '2026-03-14T17:00:00.000Z', attendance: 31, points: 9, held: 0 },
        // No point yet, but its head count still counts.
        { eventId: ids.E3, title: 'Saints library circle', startsAt: '2026-03-21T10:00:00.000Z', attendance: 5, points: 0, held: 0 },
      ]);
      expect(r.totals).toEqual({ points: 20, attendance: 56, events: 3 });
    });

    it('leaves out a point held for personal data, counting it apart, and never shows its text', async () => {
      const r = await report();
      expect(r.held).toBe(1);
      expect(r.rows.find((row) => row.theme === 'youth')?.held).toBe(1);
      const res = await w.staff.analyst.get('/listening/report');
      expect(res.text).not.toContain(PHONE);
      // A search cannot find it either.
      const search = await report('?q=07700');
      expect(search.totals.points).toBe(0);
    });

    it('filters by event (one, repeated or a comma list), by days and by ward', async () => {
      const e1 = await report(`?event=${ids.E1}`);
      expect(e1.totals.points).toBe(11);
      expect(e1.events.map((e) => e.eventId)).toEqual([ids.E1]);
      expect(e1.filter).toEqual({ event: [ids.E1] });
      const both = await report(`?event=${ids.E1}&event=${ids.E2}`);
      expect(both.totals.points).toBe(20);
      expect((await report(`?event=${ids.E2},${ids.E1}`)).totals.points).toBe(20);

      const fromMid = await report('?from=2026-03-14');
      expect(fromMid.totals.points).toBe(9);
      expect(fromMid.events.map((e) => e.eventId)).toEqual([ids.E2, ids.E3]);
      const firstDay = await report('?from=2026-03-07&to=2026-03-07');
      expect(firstDay.totals.points).toBe(11);
      expect((await report('?to=2026-03-06')).totals.points).toBe(0);
      expect((await report('?to=9999-12-31')).totals.points).toBe(20);

      // A point's own ward tag, else the ward of the event where it was said.
      const biscot = await report('?ward=biscot');
      expect(biscot.totals.points).toBe(11);
      expect(cellCounts(biscot)['housing']).toEqual({ voice: 0, change: 1, partnership: 1 });
      expect((await report('?ward=saints')).totals.points).toBe(1);
    });

    it('searches the text ignoring case', async () => {
      const r = await report('?q=BUS');
      expect(r.totals.points).toBe(3);
      expect(cellCounts(r)['housing']?.['change']).toBe(1);
      expect(cellCounts(r)['work']?.['voice']).toBe(1);
      expect(cellCounts(r)['other']?.['voice']).toBe(1);
      // With a search, only events with a matching point are listed.
      expect(r.events.map((e) => e.eventId).sort()).toEqual([ids.E1, ids.E2].sort());
    });

    it('refuses malformed filters with a field problem', async () => {
      for (const [query, field] of [
        ['from=yesterday', 'from'],
        ['to=2026-02-31', 'to'],
        ['event=not-a-uuid', 'event'],
        ['ward=' + 'w'.repeat(41), 'ward'],
        ['q=' + 'q'.repeat(201), 'q'],
      ] as const) {
        const res = await w.staff.analyst.get(`/listening/report?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body, query).toMatchObject({ error: 'invalid-fields', fields: [{ field }] });
      }
    });

    it('shows the overarching theme staff wrote for a row, and clears it', async () => {
      const text = 'Young people need to be treated fairly, invested in and respected so they can thrive.';
      const put = await w.staff.admin.request('PUT', '/listening/summaries/youth', { body: { summary: `  ${text}  ` } });
      expect(put.status, put.text).toBe(200);
      expect(put.body).toMatchObject({ theme: 'youth', summary: text });
      const r = await report();
      expect(r.rows.find((row) => row.theme === 'youth')?.summary).toBe(text);
      expect(r.rows.find((row) => row.theme === 'housing')?.summary).toBeNull();

      const unknown = await w.staff.admin.request('PUT', '/listening/summaries/weather', { body: { summary: 'x' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'theme', code: 'invalid-choice' }] });
      const tooLong = await w.staff.admin.request('PUT', '/listening/summaries/youth', { body: { summary: 's'.repeat(2001) } });
      expect(tooLong.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'summary', code: 'too-long' }] });

      const cleared = await w.staff.admin.request('PUT', '/listening/summaries/housing', { body: { summary: '' } });
      expect(cleared.body).toMatchObject({ theme: 'housing', summary: null });
      const audits = await auditEntries(w.server, 'summary-changed');
      expect(audits.map((a) => a.subject)).toEqual(['youth', 'housing']);
    });

    describe('the redaction queue', () => {
      it('lists held points (admins only) with why they are held', async () => {
        const res = await w.staff.admin.get('/listening/held');
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(1);
        expect(res.body.items).toEqual([
          expect.objectContaining({ id: heldPoint.id, eventId: ids.E1, eventTitle: 'Biscot market circle', theme: 'youth', lens: 'voice', heldFor: ['phone'], text: heldPoint.data['text'] }),
        ]);
        expect((await w.staff.analyst.get('/listening/held')).status).toBe(403);
      });

      it('refuses an empty redaction and an unknown point', async () => {
        const empty = await w.staff.admin.post(`/listening/held/${heldPoint.id}`, { redactedText: '  ' });
        expect(empty.status).toBe(400);
        expect(empty.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'redactedText', code: 'required' }] });
        const unknown = await w.staff.admin.post('/listening/held/0190aaaa-0000-7000-8000-000000000000', { redactedText: 'x' });
        expect(unknown.status).toBe(404);
      });

      it('once redacted, shows the redacted text in the report and takes the point off the queue', async () => {
        const res = await w.staff.admin.post(`/listening/held/${heldPoint.id}`, { redactedText: 'Ring me on [phone removed] about the youth club' });
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ id: heldPoint.id, review: 'held', redactedText: 'Ring me on [phone removed] about the youth club' });
        expect((await w.staff.admin.get('/listening/held')).body).toEqual({ total: 0, items: [] });
        const r = await report();
        expect(r.held).toBe(0);
        const youthVoice = r.rows.find((row) => row.theme === 'youth')?.cells['voice'];
        expect(youthVoice?.count).toBe(4);
        expect(youthVoice?.statements.find((s) => s.id === heldPoint.id)?.text).toBe('Ring me on [phone removed] about the youth club');
        expect(r.events.find((e) => e.eventId === ids.E1)).toMatchObject({ points: 12, held: 0 });
        expect(JSON.stringify(r)).not.toContain(PHONE);
        const audits = await auditEntries(w.server, 'feedback-redacted');
        expect(audits).toEqual([expect.objectContaining({ actor: 'admin@example.org', subject: heldPoint.id })]);
      });
    });

    describe('the export', () => {
      let awkward: ListeningRecord[];
      let e4: string;
      beforeAll(async () => {
        const event = eventRecord({ title: '=cmd|" /C calc"!A0', startsAt: '2026-03-28T10:00:00.000Z' });
        e4 = event.id;
        awkward = [
          feedbackRecord(e4, { text: '=1+1 is what they said' }, { createdAt: '2026-03-28T10:01:00.000Z' }),
          feedbackRecord(e4, { text: '-2 degrees in the flat, "no heating", all winter' }, { createdAt: '2026-03-28T10:02:00.000Z' }),
          feedbackRecord(e4, { text: '@everyone: more benches\nand shade' }, { createdAt: '2026-03-28T10:03:00.000Z' }),
          feedbackRecord(e4, { text: 'Sprawiedliwość dla wszystkich — سب کے لیے انصاف', form: 'summary', ageBand: '65+', ward: 'farley' }, { createdAt: '2026-03-28T10:04:00.000Z', locale: 'pl' }),
          feedbackRecord(e4, { text: `Text me on ${PHONE}` }, { createdAt: '2026-03-28T10:05:00.000Z' }),
        ];
        const results = await deviceSyncOk(w.server, w.device.token, [event, ...awkward]);
        expect(results.every((r) => r.status === 'stored')).toBe(true);
      });

      it('writes a CSV with a byte-order mark, formula-looking cells neutralised, and held points left out', async () => {
        const res = await w.staff.analyst.get(`/listening/export?format=csv&event=${e4}`);
        expect(res.status, res.text).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="feedback-\d{4}-\d{2}-\d{2}\.csv"$/);
        expect(res.text.startsWith('\uFEFF')).toBe(true);
        expect(res.text).not.toContain(PHONE);
        const rows = parseCsv(res.text.slice(1));
        const header = rows[0] ?? [];
        expect(header).toEqual(['id', 'event_id', 'event_title', 'event_starts_at', 'theme', 'lens', 'form', 'source', 'text', 'redacted', 'age_band', 'ward', 'locale', 'created_at', 'received_at']);
        const body = rows.slice(1);
        expect(body).toHaveLength(4);
        const col = (name: string) => header.indexOf(name);
        expect(body.map((r) => r[col('text')])).toEqual([
          "'=1+1 is what they said",
          "'-2 degrees in the flat, \"no heating\", all winter",
          "'@everyone: more benches\nand shade",
          'Sprawiedliwość dla wszystkich — سب کے لیے انصاف',
        ]);
        for (const r of body) expect(r[col('event_title')]).toBe('\'=cmd|" /C calc"!A0');
        expect(body[3]).toEqual(expect.arrayContaining(['summary', '65+', 'farley', 'pl']));
      });

      it('writes JSON with the raw text, the held count and the events with their attendance', async () => {
        const res = await w.staff.admin.get(`/listening/export?format=json&event=${e4}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="feedback-\d{4}-\d{2}-\d{2}\.json"$/);
        expect(res.body).toMatchObject({ kind: 'feedback', filter: { format: 'json', event: [e4] }, held: 1 });
        expect(res.body.records.map((r: { text: string }) => r.text)).toEqual(awkward.slice(0, 4).map((a) => a.data['text']));
        expect(res.body.events).toEqual([{ id: e4, title: '=cmd|" /C calc"!A0', startsAt: '2026-03-28T10:00:00.000Z', ward: 'high-town', attendance: 0 }]);
      });

      it('filters the export like the report, and exports redacted text marked as redacted', async () => {
        const all = await w.staff.analyst.get('/listening/export?format=json&from=2026-03-01&to=2026-03-31&q=youth');
        const texts = all.body.records.map((r: { text: string }) => r.text);
        expect(texts).toContain('Ring me on [phone removed] about the youth club');
        expect(all.body.records.find((r: { id: string }) => r.id === heldPoint.id)).toMatchObject({ redacted: 1 });
        expect(all.body.records.filter((r: { redacted: number }) => r.redacted === 0).length).toBe(texts.length - 1);
      });

      it('audits every export with its filter and row count', async () => {
        const before = (await auditEntries(w.server, 'export')).length;
        await w.staff.analyst.get(`/listening/export?event=${e4}`);
        await w.staff.admin.get(`/listening/export?format=json&ward=farley`);
        const entries = (await auditEntries(w.server, 'export')).slice(before);
        expect(entries).toEqual([
          expect.objectContaining({ actor: 'analyst@example.org', subject: 'feedback', detail: { event: [e4], rows: 4, held: 1 } }),
          expect.objectContaining({ actor: 'admin@example.org', subject: 'feedback', detail: { format: 'json', ward: 'farley', rows: 1, held: 0 } }),
        ]);
      });

      it('refuses an unknown format', async () => {
        const res = await w.staff.analyst.get('/listening/export?format=xlsx');
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'format', code: 'invalid-choice' }] });
      });
    });
  });
}
