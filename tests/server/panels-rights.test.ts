/**
 * Two staff-console needs of the citizen panels: a person's rights found by phone number as well as email
 * (a sign-up may give only a phone), and the town's reference figures saved on their own, checked field by
 * field (shares of one category at most 100%, a source with any figure).
 */
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEntries, createStaff, databases, startServer, type StaffMember, type TestServer } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

function signup(data: Record<string, unknown>) {
  return {
    id: v7(),
    kind: 'signup',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    locale: 'ur',
    data: { ageBand: '25-34', contactConsent: true, preferredLanguage: 'ur', ...data },
  };
}

for (const database of databases()) {
  describe(`panel rights and town figures on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    let analyst: StaffMember;
    let coordinator: StaffMember;
    let panelId: string;

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin' });
      analyst = await createStaff(server, { email: 'analyst@example.org', role: 'analyst' });
      coordinator = await createStaff(server, { email: 'coordinator@example.org', role: 'coordinator' });
      const res = await coordinator.post('/panels', {
        topic: { en: 'Safer streets' },
        description: { en: 'Three evenings about feeling safe in town.' },
        format: 'in-person',
        place: 'Town Hall',
        startsAt: iso(30),
        endsAt: iso(30.1),
        signupDeadline: iso(20),
        size: 2,
        reserves: 1,
        categories: ['gender'],
        status: 'open',
      });
      expect(res.status, res.text).toBe(201);
      panelId = res.body.panel.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    describe('a person found by phone number', () => {
      const phoneOnly = () => signup({ panels: [panelId], name: 'Nasreen Phoneonly', phone: '07700 900456', equalityConsent: true, gender: 'woman', disability: 'no' });
      const other = () => signup({ panels: [panelId], name: 'Someone Else', phone: '07700 900999', email: 'someone.else@example.org' });

      it('finds a phone-only sign-up however the number is written, and nobody else', async () => {
        const mine = phoneOnly();
        const stored = await server.sync({ records: [mine, other()] });
        expect(stored.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
        for (const typed of ['07700 900456', '+44 7700 900456', '0044 (0)7700-900456']) {
          const res = await admin.post('/rights/search', { phone: typed });
          expect(res.status, res.text).toBe(200);
          expect(res.body.phone).toBe('+447700900456');
          expect(res.body.pledges).toEqual([]);
          expect(res.body.signups.map((s: { id: string }) => s.id)).toEqual([mine.id]);
          expect(res.body.signups[0]).toMatchObject({ name: 'Nasreen Phoneonly', panels: [panelId], equality: { gender: 'woman', disability: 'no' }, equality_withdrawn_at: null });
        }
        // The audit says a phone was searched, never which.
        const search = (await auditEntries(server, 'rights-search')).at(-1);
        expect(search).toMatchObject({ subject: 'phone' });
        expect(JSON.stringify(search)).not.toContain('7700');
      });

      it('email and phone together find both, and a wrong or missing contact is refused naming the field', async () => {
        const both = await admin.post('/rights/search', { email: 'someone.else@example.org', phone: '07700 900456' });
        expect(both.body.signups.map((s: { name: string }) => s.name).sort()).toEqual(['Nasreen Phoneonly', 'Someone Else']);
        const cases: [unknown, string, string][] = [
          [{}, 'email', 'contact-required'],
          [{ email: '', phone: '  ' }, 'email', 'contact-required'],
          [{ phone: '12345' }, 'phone', 'invalid-phone'],
          [{ email: 'not an email' }, 'email', 'invalid-email'],
        ];
        for (const [body, field, code] of cases) {
          const res = await admin.post('/rights/search', body);
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(res.body.fields, JSON.stringify(body)).toEqual([{ field, code }]);
        }
      });

      it('export, stopping the equality answers and erasure work by phone; the counts drop; roles as the route table says', async () => {
        const gender = async () => {
          const res = await analyst.get(`/panels/missing?panel=${panelId}`);
          return res.body.total as number;
        };
        const exported = await admin.post('/rights/export', { phone: '+447700900456' });
        expect(exported.status).toBe(200);
        expect(exported.body.signups.map((s: { name: string }) => s.name)).toEqual(['Nasreen Phoneonly']);
        const [id] = exported.body.signups.map((s: { id: string }) => s.id);
        expect((await auditEntries(server, 'rights-export')).at(-1)).toMatchObject({ subject: id });

        const before = await server.db.selectFrom('signup_equality').select('signup_id').where('signup_id', '=', id).execute();
        expect(before).toHaveLength(1);
        expect((await coordinator.post('/rights/stop-equality', { phone: '07700 900456' })).status).toBe(403);
        const stopped = await admin.post('/rights/stop-equality', { phone: '07700 900456' });
        expect(stopped.body).toEqual({ signups: 1, stopped: 1 });
        expect(await server.db.selectFrom('signup_equality').select('signup_id').where('signup_id', '=', id).execute()).toEqual([]);
        expect((await auditEntries(server, 'equality-withdrawn')).at(-1)).toMatchObject({ actor: 'admin@example.org', subject: id });
        const again = await admin.post('/rights/search', { phone: '07700 900456' });
        expect(again.body.signups[0].equality).toBeNull();
        expect(again.body.signups[0].equality_withdrawn_at).toEqual(expect.any(String));

        const total = await gender();
        expect((await analyst.post('/rights/erase', { phone: '07700 900456' })).status).toBe(403);
        const erased = await admin.post('/rights/erase', { phone: '07700 900456' });
        expect(erased.body).toEqual({ erased: 1 });
        expect(await server.db.selectFrom('signups').select('id').where('id', '=', id).execute()).toEqual([]);
        expect(await gender()).toBe(total - 1);
        expect((await admin.post('/rights/search', { phone: '07700 900456' })).body.signups).toEqual([]);
        // Someone else's sign-up is untouched.
        expect((await admin.post('/rights/search', { phone: '07700 900999' })).body.signups).toHaveLength(1);
      });
    });

    describe('town figures', () => {
      const put = (who: StaffMember, body: unknown) => who.request('PUT', '/profile/reference', { body });

      it('saves the figures and their source alone, audited, and "who is missing" uses them', async () => {
        const before = (await admin.get('/profile')).body.profile;
        const res = await put(admin, { reference: { source: '  Census 2021, table TS008 ', categories: { gender: { woman: 50.6, man: 49.4 }, ageBand: { '18-24': 9.5 } } } });
        expect(res.status, res.text).toBe(200);
        const after = (await admin.get('/profile')).body.profile;
        expect(after.reference).toEqual({ source: 'Census 2021, table TS008', categories: { gender: { woman: 50.6, man: 49.4 }, ageBand: { '18-24': 9.5 } } });
        // Nothing else in the profile changed.
        expect({ ...after, reference: undefined }).toEqual({ ...before, reference: undefined });
        expect((await auditEntries(server, 'profile-changed')).at(-1)).toMatchObject({ actor: 'admin@example.org', subject: 'reference' });
        const missing = await analyst.get(`/panels/missing?panel=${panelId}`);
        expect(missing.body.referenceSource).toBe('Census 2021, table TS008');
        const rows = missing.body.categories.find((c: { category: string }) => c.category === 'gender').rows;
        expect(rows.find((r: { value: string }) => r.value === 'woman').reference).toBeCloseTo(0.506);
      });

      it('refuses shares over 100%, a figure without a source, or a wrong number, naming the field, and keeps what was there', async () => {
        const cases: [unknown, { field: string; code: string }][] = [
          [{ reference: { source: 'Census', categories: { gender: { woman: 60, man: 40.01 } } } }, { field: 'reference.categories.gender.woman', code: 'invalid-distribution' }],
          [{ reference: { source: ' ', categories: { religion: { muslim: 30 } } } }, { field: 'reference.source', code: 'required' }],
          [{ reference: { source: 'Census', categories: { ward: { dallow: 101 } } } }, { field: 'reference.categories.ward.dallow', code: 'invalid-format' }],
          [{ reference: { source: 'Census', categories: { ward: { dallow: -1 } } } }, { field: 'reference.categories.ward.dallow', code: 'invalid-format' }],
          [{ reference: { source: 'Census', categories: { height: { tall: 5 } } } }, { field: 'reference.categories.height', code: 'invalid-choice' }],
        ];
        for (const [body, error] of cases) {
          const res = await put(admin, body);
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(res.body.fields, JSON.stringify(body)).toContainEqual(error);
        }
        expect((await admin.get('/profile')).body.profile.reference.source).toBe('Census 2021, table TS008');
        // Exactly 100 (in hundredths) is fine.
        const exact = await put(admin, { reference: { source: 'Census', categories: { disability: { yes: 33.33, no: 66.67 } } } });
        expect(exact.status, exact.text).toBe(200);
      });

      it('null removes the figures; only admins may change them', async () => {
        for (const who of [analyst, coordinator]) expect((await put(who, { reference: null })).status).toBe(403);
        expect((await admin.get('/profile')).body.profile.reference).toBeDefined();
        const res = await put(admin, { reference: null });
        expect(res.status).toBe(200);
        expect((await admin.get('/profile')).body.profile.reference).toBeUndefined();
        expect((await analyst.get(`/panels/missing?panel=${panelId}`)).body.referenceSource).toBeNull();
      });
    });
  });
}
