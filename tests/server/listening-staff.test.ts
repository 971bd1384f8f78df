/**
 * The staff side of listening circles: who may call each new endpoint, planned events, "you said, we did"
 * outcomes, and what of it reaches the public catalog (published outcomes, upcoming planned events).
 */
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/sync';
import { lutonProfile } from '../../src/core/profile/luton';
import { staffRoles, type StaffRole } from '../../src/core/staff';
import type { AppContext } from '../../src/server/context';
import { listeningEndpoints } from '../../src/server/routes/staff/listening';
import { auditEntries, databases, staffClient, testClock, type StaffMember, type StaffResponse } from './harness';
import { attendanceRecord, deviceSyncOk, eventRecord, feedbackRecord, listeningWorld, type ListeningWorld } from './listening-support';

const ENDPOINTS = listeningEndpoints({ db: { db: {} } } as unknown as AppContext).map(({ method, path, roles }) => ({ method, path, roles }));
const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

/** Who may do what: the brief's table, written out so a change to the route table is a visible decision. */
const ROLES: Record<string, StaffRole[]> = {
  'POST /events': ['admin', 'coordinator'],
  'GET /events': ['admin', 'analyst', 'coordinator'],
  'GET /listening/report': ['admin', 'analyst'],
  'GET /listening/export': ['admin', 'analyst'],
  'PUT /listening/summaries/:theme': ['admin'],
  'GET /listening/held': ['admin'],
  'POST /listening/held/:id': ['admin'],
  'POST /outcomes': ['admin'],
  'POST /outcomes/:id/publish': ['admin'],
  'GET /outcomes': ['admin', 'analyst', 'coordinator'],
};

interface Sample {
  path?: string;
  query?: string;
  body?: unknown;
}

const NOW = '2026-03-01T09:00:00.000Z';

for (const database of databases()) {
  describe(`listening staff endpoints on ${database.name}`, () => {
    let w: ListeningWorld;
    const clock = testClock(NOW);
    /** A stored event and a point held for personal data, for the samples. */
    let eventId = '';
    let pointId = '';
    let outcomeId = '';

    beforeAll(async () => {
      w = await listeningWorld(database, { now: clock.now });
      const event = eventRecord({ startsAt: '2026-02-20T10:00:00.000Z' });
      const point = feedbackRecord(event.id, { text: 'Write to me at someone@example.org' });
      const results = await deviceSyncOk(w.server, w.device.token, [event, point, attendanceRecord(event.id, 9)]);
      expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
      eventId = event.id;
      pointId = point.id;
      const outcome = await w.staff.admin.post('/outcomes', { theme: 'youth', youSaid: { en: 'More to do after school.' }, weDid: { en: 'Two youth clubs open late on Fridays.' } });
      expect(outcome.status, outcome.text).toBe(201);
      outcomeId = outcome.body.outcome.id;
    });
    afterAll(async () => {
      await w?.server.close();
    });

    const SAMPLES: Record<string, () => Sample> = {
      'POST /events': () => ({ body: { title: 'Role check event', startsAt: '2026-03-20T10:00:00.000Z', themes: ['work'] } }),
      'GET /events': () => ({ query: '?from=2026-01-01' }),
      'GET /listening/report': () => ({ query: `?from=2026-01-01&event=${eventId}` }),
      'GET /listening/export': () => ({ query: '?format=csv' }),
      'PUT /listening/summaries/:theme': () => ({ path: '/listening/summaries/work', body: { summary: 'Growing talent locally.' } }),
      'GET /listening/held': () => ({}),
      'POST /listening/held/:id': () => ({ path: `/listening/held/${pointId}`, body: { redactedText: 'Write to me at [email removed]' } }),
      'POST /outcomes': () => ({ body: { theme: 'work', eventId, youSaid: { en: 'Jobs at the airport are hard to reach.' }, weDid: { en: 'A new bus route.' } } }),
      'POST /outcomes/:id/publish': () => ({ path: `/outcomes/${outcomeId}/publish` }),
      'GET /outcomes': () => ({}),
    };

    const call = (client: { request: StaffMember['request'] }, method: string, s: Sample, path: string): Promise<StaffResponse> =>
      client.request(method, `${s.path ?? path}${s.query ?? ''}`, s.body === undefined ? {} : { body: s.body });
    const auditCount = async () => (await auditEntries(w.server)).length;

    it('every new endpoint is in the route table with the agreed roles', () => {
      expect(Object.fromEntries(ENDPOINTS.map((e) => [key(e), [...e.roles]]))).toEqual(ROLES);
    });

    for (const [name, roles] of Object.entries(ROLES)) {
      const [method = '', path = ''] = name.split(' ');
      describe(name, () => {
        it('anonymous → 401', async () => {
          const res = await call(staffClient(w.server), method, (SAMPLES[name] as () => Sample)(), path);
          expect(res.status, res.text).toBe(401);
          expect(res.body).toEqual({ error: 'unauthenticated' });
        });
        for (const role of staffRoles.filter((r) => !roles.includes(r))) {
          it(`${role} → 403, and nothing is done`, async () => {
            const before = await auditCount();
            const res = await call(w.staff[role], method, (SAMPLES[name] as () => Sample)(), path);
            expect(res.status, res.text).toBe(403);
            expect(res.body).toEqual({ error: 'forbidden' });
            expect(await auditCount()).toBe(before);
          });
        }
        for (const role of roles) {
          it(`${role} → 2xx, not cached`, async () => {
            const res = await call(w.staff[role], method, (SAMPLES[name] as () => Sample)(), path);
            expect(res.status, res.text).toBeGreaterThanOrEqual(200);
            expect(res.status, res.text).toBeLessThan(300);
            expect(res.headers.get('cache-control')).toBe('no-store');
          });
        }
      });
    }

    describe('planned events', () => {
      it('creates an event (201), cleaned, kept in UTC, audited', async () => {
        const res = await w.staff.coordinator.post('/events', {
          title: '  Lewsey   Farm family day ',
          startsAt: '2026-03-15T11:00:00+01:00',
          venue: ' Lewsey Farm Community Centre ',
          ward: 'lewsey',
          themes: ['community', 'youth'],
        });
        expect(res.status, res.text).toBe(201);
        expect(res.body.event).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          title: 'Lewsey Farm family day',
          startsAt: '2026-03-15T10:00:00.000Z',
          venue: 'Lewsey Farm Community Centre',
          ward: 'lewsey',
          themes: ['community', 'youth'],
          source: 'staff',
          deviceId: null,
          createdBy: 'coordinator@example.org',
          createdAt: NOW,
          receivedAt: NOW,
          points: 0,
          held: 0,
          attendance: 0,
        });
        const audit = await auditEntries(w.server, 'event-created');
        expect(audit.at(-1)).toMatchObject({ actor: 'coordinator@example.org', subject: res.body.event.id });
      });

      it.each([
        [{ startsAt: '2026-03-15T10:00:00.000Z', themes: ['youth'] }, 'title', 'required'],
        [{ title: 't'.repeat(121), startsAt: '2026-03-15T10:00:00.000Z', themes: ['youth'] }, 'title', 'too-long'],
        [{ title: 'T', startsAt: '15/03/2026', themes: ['youth'] }, 'startsAt', 'invalid-format'],
        [{ title: 'T', startsAt: '2026-03-15T10:00:00.000Z', themes: [] }, 'themes', 'required'],
        [{ title: 'T', startsAt: '2026-03-15T10:00:00.000Z', themes: ['gardening'] }, 'themes', 'invalid-choice'],
        [{ title: 'T', startsAt: '2026-03-15T10:00:00.000Z', themes: ['youth'], ward: 'atlantis' }, 'ward', 'invalid-choice'],
        [{ title: 'T', startsAt: '2026-03-15T10:00:00.000Z', themes: ['youth'], capacity: 40 }, 'capacity', 'unexpected-field'],
        [null, '_', 'invalid-type'],
      ])('refuses %j: %s %s', async (body, field, code) => {
        const res = await w.staff.admin.post('/events', body);
        expect(res.status, res.text).toBe(400);
        expect(res.body).toEqual({ error: 'invalid-fields', fields: [{ field, code }] });
      });

      it('answers malformed JSON with malformed-json, never 500', async () => {
        const res = await w.staff.admin.request('POST', '/events', { body: '{"title": ', headers: { 'content-type': 'application/json' } });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: 'malformed-json' });
      });

      it('lists events newest first, with points recorded, held and total attendance', async () => {
        const res = await w.staff.analyst.get('/events');
        expect(res.status).toBe(200);
        const found = (res.body.events as { id: string }[]).find((e) => e.id === eventId);
        expect(found).toMatchObject({ id: eventId, source: 'device', deviceId: w.device.deviceId, points: 1, attendance: 9 });
        const starts = (res.body.events as { startsAt: string }[]).map((e) => e.startsAt);
        expect(starts).toEqual([...starts].sort().reverse());
        const staffOnly = await w.staff.analyst.get('/events?source=staff');
        expect((staffOnly.body.events as { source: string }[]).every((e) => e.source === 'staff')).toBe(true);
        expect((await w.staff.analyst.get('/events?source=elsewhere')).status).toBe(400);
      });
    });

    describe('"you said, we did"', () => {
      const catalog = async () => {
        const res = await w.server.fetch('/api/v1/catalog');
        expect(res.status).toBe(200);
        const body = await res.json();
        // What devices parse: the core schema accepts it.
        expect(v.safeParse(Catalog, body).success).toBe(true);
        return body as { outcomes: { id: string; theme: string; eventId: string | null; youSaid: Record<string, string>; weDid: Record<string, string>; publishedAt: string }[]; events: { id: string }[] };
      };

      it('creates an outcome (201) that stays out of the catalog until it is published', async () => {
        const res = await w.staff.admin.post('/outcomes', {
          theme: 'housing',
          eventId,
          youSaid: { en: ' Rents are too high. ', ur: 'کرائے بہت زیادہ ہیں۔', pl: '' },
          weDid: { en: 'We opened a private-renting advice desk at the library.' },
        });
        expect(res.status, res.text).toBe(201);
        expect(res.body.outcome).toEqual({
          id: expect.any(String),
          theme: 'housing',
          eventId,
          youSaid: { en: 'Rents are too high.', ur: 'کرائے بہت زیادہ ہیں۔' },
          weDid: { en: 'We opened a private-renting advice desk at the library.' },
          publishedAt: null,
          createdBy: 'admin@example.org',
          createdAt: NOW,
        });
        const id = res.body.outcome.id as string;
        expect((await catalog()).outcomes.map((o) => o.id)).not.toContain(id);

        clock.advance(60_000);
        const published = await w.staff.admin.post(`/outcomes/${id}/publish`);
        expect(published.status).toBe(200);
        const publishedAt = published.body.outcome.publishedAt as string;
        expect(publishedAt).toBe(clock.now().toISOString());
        const shown = (await catalog()).outcomes.find((o) => o.id === id);
        expect(shown).toEqual({ id, theme: 'housing', eventId, youSaid: { en: 'Rents are too high.', ur: 'کرائے بہت زیادہ ہیں۔' }, weDid: { en: 'We opened a private-renting advice desk at the library.' }, publishedAt });

        // Publishing again changes nothing.
        clock.advance(60_000);
        expect((await w.staff.admin.post(`/outcomes/${id}/publish`)).body.outcome.publishedAt).toBe(publishedAt);
        const audit = await auditEntries(w.server, 'outcome-published');
        expect(audit.filter((a) => a.subject === id)).toHaveLength(1);
      });

      it('lists published outcomes in the catalog newest first', async () => {
        const later = await w.staff.admin.post('/outcomes', { theme: 'poverty', youSaid: { en: 'Food banks close too early.' }, weDid: { en: 'Longer hours on Thursdays.' } });
        clock.advance(60_000);
        await w.staff.admin.post(`/outcomes/${later.body.outcome.id}/publish`);
        const outcomes = (await catalog()).outcomes;
        expect(outcomes[0]).toMatchObject({ id: later.body.outcome.id, eventId: null, theme: 'poverty' });
        const times = outcomes.map((o) => o.publishedAt);
        expect(times).toEqual([...times].sort().reverse());
        // Staff see every outcome, published or not.
        const all = await w.staff.coordinator.get('/outcomes');
        expect(all.body.outcomes.length).toBeGreaterThan(outcomes.length - 1);
      });

      it('refuses an unknown theme or event, and texts without English, too long or in a malformed language', async () => {
        const base = { theme: 'youth', youSaid: { en: 'a' }, weDid: { en: 'b' } };
        for (const [body, field, code] of [
          [{ ...base, theme: 'weather' }, 'theme', 'invalid-choice'],
          [{ ...base, eventId: '0190aaaa-0000-7000-8000-000000000000' }, 'eventId', 'invalid-choice'],
          [{ ...base, eventId: 'nope' }, 'eventId', 'invalid-format'],
          [{ ...base, youSaid: { ur: 'صرف اردو' } }, 'youSaid', 'required'],
          [{ ...base, youSaid: { en: '   ' } }, 'youSaid', 'required'],
          [{ ...base, weDid: { en: 'w'.repeat(2001) } }, 'weDid.en', 'too-long'],
          [{ ...base, weDid: { en: 'ok', 'Not A Language': 'x' } }, 'weDid.Not A Language', 'invalid-format'],
          [{ ...base, weDid: 'text' }, 'weDid', 'invalid-type'],
          [{ theme: 'youth', weDid: { en: 'b' } }, 'youSaid', 'required'],
        ] as const) {
          const res = await w.staff.admin.post('/outcomes', body);
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(res.body, JSON.stringify(body)).toEqual({ error: 'invalid-fields', fields: [{ field, code }] });
        }
        expect((await w.staff.admin.post('/outcomes/0190aaaa-0000-7000-8000-000000000000/publish')).status).toBe(404);
      });
    });

    describe('upcoming events in the catalog', () => {
      it('lists staff events of the next 60 days, soonest first; not device events, past ones or later ones', async () => {
        const plan = async (title: string, startsAt: string) => {
          const res = await w.staff.admin.post('/events', { title, startsAt, venue: 'Town Hall', ward: 'south', themes: ['community'] });
          expect(res.status, res.text).toBe(201);
          return res.body.event.id as string;
        };
        const today = clock.now().toISOString().slice(0, 10);
        const earlierToday = await plan('Earlier today', `${today}T00:30:00.000Z`);
        const yesterday = await plan('Yesterday', new Date(clock.now().getTime() - 24 * 3600_000).toISOString());
        const in59 = await plan('In 59 days', new Date(clock.now().getTime() + 59 * 24 * 3600_000).toISOString());
        const in61 = await plan('In 61 days', new Date(clock.now().getTime() + 61 * 24 * 3600_000).toISOString());
        const fromDevice = eventRecord({ startsAt: new Date(clock.now().getTime() + 2 * 24 * 3600_000).toISOString() });
        await deviceSyncOk(w.server, w.device.token, [fromDevice]);

        const res = await w.server.fetch('/api/v1/catalog');
        const body = await res.json();
        const events = body.events as { id: string; title: string; startsAt: string; venue: string | null; ward: string | null; themes: string[] }[];
        const ids = events.map((e) => e.id);
        expect(ids).toContain(earlierToday);
        expect(ids).toContain(in59);
        for (const id of [yesterday, in61, fromDevice.id]) expect(ids).not.toContain(id);
        expect(events.map((e) => e.startsAt)).toEqual([...events.map((e) => e.startsAt)].sort());
        expect(events.find((e) => e.id === in59)).toEqual({
          id: in59,
          title: 'In 59 days',
          startsAt: new Date(clock.now().getTime() + 59 * 24 * 3600_000).toISOString(),
          venue: 'Town Hall',
          ward: 'south',
          themes: ['community'],
        });
        // Nothing about who planned it, or from which device.
        expect(Object.keys(events[0] ?? {}).sort()).toEqual(['id', 'startsAt', 'themes', 'title', 'venue', 'ward']);
      });

      it('a catalog cached before outcomes and events existed still parses, with both empty', () => {
        const old = { apiVersion: 1, profile: lutonProfile, counts: { pledges: 3 } };
        const parsed = v.safeParse(Catalog, old);
        expect(parsed.success).toBe(true);
        if (parsed.success) {
          expect(parsed.output.outcomes).toEqual([]);
          expect(parsed.output.events).toEqual([]);
        }
      });
    });
  });
}
