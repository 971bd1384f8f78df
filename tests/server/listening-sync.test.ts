/**
 * Listening-circle records through the real sync endpoint: what an enrolled outreach tablet sends (events,
 * feedback, attendance), what the council's database then holds, what is refused and why, and that none of
 * it can be sent without a device token.
 */
import { v4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, pledge } from './harness';
import {
  attendanceRecord,
  countRows,
  deviceSync,
  deviceSyncOk,
  eventRecord,
  feedbackRecord,
  listeningWorld,
  record,
  rowsById,
  type ListeningRecord,
  type ListeningWorld,
} from './listening-support';

for (const database of databases()) {
  describe(`listening records through sync on ${database.name}`, () => {
    let w: ListeningWorld;
    let token: string;
    /** An event already on the server, for points that need one. */
    let known: ListeningRecord;
    beforeAll(async () => {
      w = await listeningWorld(database);
      token = w.device.token;
      known = eventRecord({ title: 'Wardown Park picnic' });
      expect(await deviceSyncOk(w.server, token, [known])).toEqual([{ id: known.id, status: 'stored' }]);
    });
    afterAll(async () => {
      await w?.server.close();
    });

    /** Counts of every table a listening record can touch, to show that a refusal stored nothing. */
    const counts = async () => ({
      records: await countRows(w.server, 'records'),
      events: await countRows(w.server, 'events'),
      feedback: await countRows(w.server, 'feedback'),
      attendance: await countRows(w.server, 'attendance'),
      pledges: await countRows(w.server, 'pledges'),
    });

    describe('an enrolled device', () => {
      it('stores an event, a point and a head count, each exactly as sent (cleaned), tagged with the device', async () => {
        const event = eventRecord({
          title: '  Biscot \u202Ecommunity\u202C   circle ',
          startsAt: '2026-03-07T10:30:00+01:00',
          venue: ' Bury Park Community Centre ',
          ward: 'biscot',
          themes: ['housing', 'community', 'housing'],
        });
        const point = feedbackRecord(event.id, {
          theme: 'housing',
          lens: 'change',
          text: '  Rents are too high for\r\nyoung families.  ',
          form: 'summary',
          source: 'resident',
          ageBand: '25-34',
          ward: 'dallow',
        }, { locale: 'ur' });
        const count = attendanceRecord(event.id, 14, { note: ' Rain kept numbers down ' });
        const results = await deviceSyncOk(w.server, token, [event, point, count]);
        expect(results).toEqual([
          { id: event.id, status: 'stored' },
          { id: point.id, status: 'stored' },
          { id: count.id, status: 'stored' },
        ]);

        const [eventRow] = await rowsById(w.server, 'events', [event.id]);
        expect(eventRow).toEqual({
          id: event.id,
          title: 'Biscot community circle',
          // Kept in UTC, so that instants compare as text on both databases.
          starts_at: '2026-03-07T09:30:00.000Z',
          venue: 'Bury Park Community Centre',
          ward: 'biscot',
          themes: JSON.stringify(['housing', 'community']),
          source: 'device',
          device_id: w.device.deviceId,
          created_by: null,
          created_at: event.createdAt,
          received_at: expect.any(String),
        });
        const [feedbackRow] = await rowsById(w.server, 'feedback', [point.id]);
        expect(feedbackRow).toEqual({
          id: point.id,
          event_id: event.id,
          theme: 'housing',
          lens: 'change',
          text: 'Rents are too high for\nyoung families.',
          form: 'summary',
          source: 'resident',
          age_band: '25-34',
          ward: 'dallow',
          locale: 'ur',
          device_id: w.device.deviceId,
          created_at: point.createdAt,
          received_at: eventRow?.received_at,
          review: 'clear',
          held_for: null,
          redacted_text: null,
        });
        const [attendanceRow] = await rowsById(w.server, 'attendance', [count.id]);
        expect(attendanceRow).toEqual({
          id: count.id,
          event_id: event.id,
          count: 14,
          note: 'Rain kept numbers down',
          device_id: w.device.deviceId,
          created_at: count.createdAt,
          received_at: eventRow?.received_at,
        });
        const recordRows = await rowsById(w.server, 'records', [event.id, point.id, count.id]);
        expect(recordRows.map((r) => [r.kind, r.device_id, r.outcome]).sort()).toEqual([
          ['attendance', w.device.deviceId, 'stored'],
          ['event', w.device.deviceId, 'stored'],
          ['feedback', w.device.deviceId, 'stored'],
        ]);
      });

      it('stores a point for an event staff planned', async () => {
        const planned = await w.staff.coordinator.post('/events', { title: 'Youth forum', startsAt: '2026-04-01T17:00:00.000Z', themes: ['youth'] });
        expect(planned.status, planned.text).toBe(201);
        const point = feedbackRecord(planned.body.event.id);
        const count = attendanceRecord(planned.body.event.id, 31);
        expect(await deviceSyncOk(w.server, token, [point, count])).toEqual([
          { id: point.id, status: 'stored' },
          { id: count.id, status: 'stored' },
        ]);
      });

      it('stores a point sent before its event in the same batch', async () => {
        const event = eventRecord();
        const point = feedbackRecord(event.id);
        const count = attendanceRecord(event.id, 0);
        expect(await deviceSyncOk(w.server, token, [point, count, event])).toEqual([
          { id: point.id, status: 'stored' },
          { id: count.id, status: 'stored' },
          { id: event.id, status: 'stored' },
        ]);
        expect(await rowsById(w.server, 'feedback', [point.id])).toHaveLength(1);
      });

      it('refuses a point or head count for an event nobody knows: invalid-choice on data.eventId, nothing stored', async () => {
        const before = await counts();
        const stranger = v4();
        const point = feedbackRecord(stranger);
        const count = attendanceRecord(stranger, 3);
        const results = await deviceSyncOk(w.server, token, [point, count]);
        for (const [i, r] of [point, count].entries()) {
          expect(results[i]).toEqual({ id: r.id, status: 'rejected', reason: 'invalid-field', field: 'data.eventId', code: 'invalid-choice' });
        }
        expect(await counts()).toEqual(before);
      });

      it('refuses a point whose event was itself refused in the same batch', async () => {
        const badEvent = eventRecord({ themes: ['weather'] });
        const point = feedbackRecord(badEvent.id);
        const results = await deviceSyncOk(w.server, token, [badEvent, point]);
        expect(results[0]).toMatchObject({ status: 'rejected', reason: 'invalid-field', field: 'data.themes', code: 'invalid-choice' });
        expect(results[1]).toEqual({ id: point.id, status: 'rejected', reason: 'invalid-field', field: 'data.eventId', code: 'invalid-choice' });
      });

      it('answers a re-sent point "duplicate", and a reused id with other content "id-conflict"', async () => {
        const point = feedbackRecord(known.id, { text: 'More youth clubs, please.' });
        expect(await deviceSyncOk(w.server, token, [point])).toEqual([{ id: point.id, status: 'stored' }]);
        expect(await deviceSyncOk(w.server, token, [point])).toEqual([{ id: point.id, status: 'duplicate' }]);
        const changed = { ...point, data: { ...point.data, text: 'Something else entirely.' } };
        expect(await deviceSyncOk(w.server, token, [changed])).toEqual([{ id: point.id, status: 'rejected', reason: 'id-conflict' }]);
        const [row] = await rowsById(w.server, 'feedback', [point.id]);
        expect(row?.text).toBe('More youth clubs, please.');
      });

      it('answers a copy in the same batch as the first copy turned out: never "duplicate" of something refused', async () => {
        const orphan = feedbackRecord(v4());
        const results = await deviceSyncOk(w.server, token, [orphan, orphan]);
        expect(results).toEqual([
          { id: orphan.id, status: 'rejected', reason: 'invalid-field', field: 'data.eventId', code: 'invalid-choice' },
          { id: orphan.id, status: 'rejected', reason: 'invalid-field', field: 'data.eventId', code: 'invalid-choice' },
        ]);
        const fine = feedbackRecord(known.id);
        expect(await deviceSyncOk(w.server, token, [fine, fine])).toEqual([
          { id: fine.id, status: 'stored' },
          { id: fine.id, status: 'duplicate' },
        ]);
        expect(await rowsById(w.server, 'feedback', [fine.id])).toHaveLength(1);
      });

      it('refuses an event record that reuses the id of an event staff planned', async () => {
        const planned = await w.staff.admin.post('/events', { title: 'Planned', startsAt: '2026-05-01T10:00:00.000Z', themes: ['work'] });
        expect(planned.status).toBe(201);
        const clash = eventRecord({}, { id: planned.body.event.id });
        expect(await deviceSyncOk(w.server, token, [clash])).toEqual([{ id: clash.id, status: 'rejected', reason: 'id-conflict' }]);
        const [row] = await rowsById(w.server, 'events', [clash.id]);
        expect(row).toMatchObject({ title: 'Planned', source: 'staff' });
        expect(await rowsById(w.server, 'records', [clash.id])).toEqual([]);
      });
    });

    describe('personal data in a point', () => {
      it.each([
        // An address's domain also reads as a web address.
        ['email', 'Email me at amina.k@example.org about the youth club', ['email', 'link']],
        ['phone', 'Call 07700 900123 if you want volunteers', ['phone']],
        ['postcode', 'I live at LU1 3AB and the bins are never collected', ['postcode']],
        ['phone and postcode', 'Ring 01582 546000, LU4 8QJ', ['phone', 'postcode']],
      ])('holds a point that seems to contain an %s, saying what it found', async (_what, text, found) => {
        const point = feedbackRecord(known.id, { text });
        expect(await deviceSyncOk(w.server, token, [point])).toEqual([{ id: point.id, status: 'stored' }]);
        const [row] = await rowsById(w.server, 'feedback', [point.id]);
        expect(row).toMatchObject({ review: 'held', held_for: found.join(','), redacted_text: null, text });
      });

      it('lets a point without personal data through as clear', async () => {
        const point = feedbackRecord(known.id, { text: 'The 2040 plan should include the youth of Luton; 30 of us came today.' });
        await deviceSyncOk(w.server, token, [point]);
        const [row] = await rowsById(w.server, 'feedback', [point.id]);
        expect(row).toMatchObject({ review: 'clear', held_for: null });
      });
    });

    describe('without a device token', () => {
      it('refuses events, points and head counts as device-required, stores none of them, and still stores the pledges', async () => {
        const before = await counts();
        const event = eventRecord();
        const point = feedbackRecord(known.id);
        const count = attendanceRecord(known.id, 12);
        // Even an invalid one is told only that it needs a device: nothing about its fields.
        const invalid = feedbackRecord(known.id, { theme: 'weather', text: '' });
        const p1 = pledge({ name: 'Pledger One' });
        const p2 = pledge({ name: 'Pledger Two' });
        const res = await deviceSync(w.server, undefined, [p1, event, point, count, invalid, p2]);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.results).toEqual([
          { id: p1.id, status: 'stored' },
          { id: event.id, status: 'rejected', reason: 'device-required' },
          { id: point.id, status: 'rejected', reason: 'device-required' },
          { id: count.id, status: 'rejected', reason: 'device-required' },
          { id: invalid.id, status: 'rejected', reason: 'device-required' },
          { id: p2.id, status: 'stored' },
        ]);
        const after = await counts();
        expect(after).toEqual({ ...before, records: before.records + 2, pledges: before.pledges + 2 });
        expect(await rowsById(w.server, 'records', [event.id, point.id, count.id, invalid.id])).toEqual([]);
      });

      it('refuses a token nobody issued, and a revoked device, as a whole (their records stay on the device)', async () => {
        const point = feedbackRecord(known.id);
        const unknown = await deviceSync(w.server, 'x'.repeat(43), [point]);
        expect(unknown.status).toBe(401);
        expect(unknown.body).toEqual({ error: 'device-unknown' });
        const other = await (await import('./harness')).enrolDevice(w.server, w.staff.admin, 'Soon revoked');
        expect((await w.staff.admin.post(`/devices/${other.deviceId}/revoke`)).status).toBe(200);
        const revoked = await deviceSync(w.server, other.token, [point]);
        expect(revoked.status).toBe(401);
        expect(revoked.body).toEqual({ error: 'device-revoked' });
        expect(await rowsById(w.server, 'feedback', [point.id])).toEqual([]);
      });
    });

    describe('invalid fields (refused one by one, nothing stored)', () => {
      type Case = { name: string; make: () => ListeningRecord; field: string; code: string };
      const c = (name: string, make: () => ListeningRecord, field: string, code: string): Case => ({ name, make, field, code });
      const tooLong = (n: number) => 'x'.repeat(n + 1);
      const cases: Case[] = [
        // event
        c('event without a title', () => eventRecord({ title: undefined }), 'data.title', 'required'),
        c('event with a blank title', () => eventRecord({ title: '   ' }), 'data.title', 'required'),
        c('event with a 121-character title', () => eventRecord({ title: tooLong(120) }), 'data.title', 'too-long'),
        c('event starting "next Tuesday"', () => eventRecord({ startsAt: 'next Tuesday' }), 'data.startsAt', 'invalid-format'),
        c('event with a start time and no zone', () => eventRecord({ startsAt: '2026-03-07T10:00:00' }), 'data.startsAt', 'invalid-format'),
        c('event with a 121-character venue', () => eventRecord({ venue: tooLong(120) }), 'data.venue', 'too-long'),
        c('event in an unknown ward', () => eventRecord({ ward: 'atlantis' }), 'data.ward', 'invalid-choice'),
        c('event with no themes', () => eventRecord({ themes: [] }), 'data.themes', 'required'),
        c('event with an unknown theme', () => eventRecord({ themes: ['youth', 'weather'] }), 'data.themes', 'invalid-choice'),
        c('event with themes as text', () => eventRecord({ themes: 'youth' }), 'data.themes', 'invalid-type'),
        c('event with an extra field', () => eventRecord({ organiser: 'Sam' }), 'data.organiser', 'unexpected-field'),
        // feedback
        c('point without an event', () => feedbackRecord(known.id, { eventId: undefined }), 'data.eventId', 'required'),
        c('point with an event id that is not a UUID', () => feedbackRecord('event-1'), 'data.eventId', 'invalid-format'),
        c('point with an unknown theme', () => feedbackRecord(known.id, { theme: 'weather' }), 'data.theme', 'invalid-choice'),
        c('point with an unknown lens', () => feedbackRecord(known.id, { lens: 'hindsight' }), 'data.lens', 'invalid-choice'),
        c('point without a lens', () => feedbackRecord(known.id, { lens: undefined }), 'data.lens', 'required'),
        c('point with empty text', () => feedbackRecord(known.id, { text: ' \n ' }), 'data.text', 'required'),
        c('point with 2001 characters', () => feedbackRecord(known.id, { text: tooLong(2000) }), 'data.text', 'too-long'),
        c('point with text as a number', () => feedbackRecord(known.id, { text: 42 }), 'data.text', 'invalid-type'),
        c('point in another form', () => feedbackRecord(known.id, { form: 'poem' }), 'data.form', 'invalid-choice'),
        c('point from another source', () => feedbackRecord(known.id, { source: 'staff' }), 'data.source', 'invalid-choice'),
        c('point with an unknown age band', () => feedbackRecord(known.id, { ageBand: '18-30' }), 'data.ageBand', 'invalid-choice'),
        c('point from an unknown ward', () => feedbackRecord(known.id, { ward: 'atlantis' }), 'data.ward', 'invalid-choice'),
        c('point with a name', () => feedbackRecord(known.id, { name: 'Amina' }), 'data.name', 'unexpected-field'),
        // attendance
        c('head count below zero', () => attendanceRecord(known.id, -1), 'data.count', 'invalid-format'),
        c('head count of 1.5', () => attendanceRecord(known.id, 1.5), 'data.count', 'invalid-format'),
        c('head count over 10000', () => attendanceRecord(known.id, 10_001), 'data.count', 'invalid-format'),
        c('head count as text', () => record('attendance', { eventId: known.id, count: '12' }), 'data.count', 'invalid-type'),
        c('head count without a count', () => record('attendance', { eventId: known.id }), 'data.count', 'required'),
        c('head count with a 201-character note', () => attendanceRecord(known.id, 4, { note: tooLong(200) }), 'data.note', 'too-long'),
        c('head count with an event id that is not a UUID', () => attendanceRecord('x', 4), 'data.eventId', 'invalid-format'),
      ];

      it.each(cases)('$name → $field $code', async ({ make, field, code }) => {
        const before = await counts();
        const rec = make();
        const [result] = await deviceSyncOk(w.server, token, [rec]);
        expect(result).toEqual({ id: rec.id, status: 'rejected', reason: 'invalid-field', field, code });
        expect(await counts()).toEqual(before);
      });

      it('a listening kind at schema version 2 is not supported yet', async () => {
        const rec = feedbackRecord(known.id, {}, { schemaVersion: 2 });
        expect(await deviceSyncOk(w.server, token, [rec])).toEqual([{ id: rec.id, status: 'rejected', reason: 'unsupported-schema-version' }]);
      });

      it('the boundaries themselves are accepted: 120-character title, 2000-character text, counts 0 and 10000', async () => {
        const event = eventRecord({ title: 'a'.repeat(120), venue: 'v'.repeat(120) });
        const point = feedbackRecord(event.id, { text: '\u0627'.repeat(2000) });
        const none = attendanceRecord(event.id, 0);
        const most = attendanceRecord(event.id, 10_000, { note: 'n'.repeat(200) });
        const results = await deviceSyncOk(w.server, token, [event, point, none, most]);
        expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
      });
    });
  });
}
