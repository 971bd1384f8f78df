/**
 * Citizen panels on the server: staff create and open panels, residents' sign-ups arrive through sync
 * (refused field by field when wrong), coordinators see contacts (audited), analysts only counts, and a
 * selection computed in the console is verified (pool, quotas, the seeded draw) before it is recorded.
 */
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { maximin } from '../../src/core/sortition/maximin';
import { selectionInstance } from '../../src/core/panels/selection';
import { drawPanel } from '../../src/core/sortition/draw';
import { seedPanels } from '../../src/server/demo/panels';
import { currentProfile } from '../../src/server/profileStore';
import { runSignupRetention } from '../../src/server/records/signupRetention';
import { auditEntries, createStaff, databases, startServer, type StaffMember, type TestServer } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

const panelBody = (over: Record<string, unknown> = {}) => ({
  topic: { en: 'Safer streets', ur: 'محفوظ گلیاں' },
  description: { en: 'Three evenings about feeling safe in town.' },
  format: 'in-person',
  place: 'Town Hall',
  startsAt: iso(30),
  endsAt: iso(30.1),
  signupDeadline: iso(20),
  size: 2,
  reserves: 2,
  categories: ['gender'],
  status: 'open',
  ...over,
});

let n = 0;
function signup(data: Record<string, unknown>, envelope: Record<string, unknown> = {}) {
  n += 1;
  return {
    id: v7(),
    kind: 'signup',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    locale: 'en',
    ...envelope,
    data: { ageBand: '25-34', name: `Volunteer ${n}`, email: `volunteer.${n}@example.org`, contactConsent: true, preferredLanguage: 'en', ...data },
  };
}

for (const database of databases()) {
  describe(`panels on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    let analyst: StaffMember;
    let coordinator: StaffMember;
    let panelId: string;
    let adultPanelId: string;
    let draftId: string;
    let closedId: string;
    let pastId: string;

    const rejected = async (record: { id: string; data: Record<string, unknown> }) => {
      const before = Number((await server.db.selectFrom('signups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const res = await server.sync({ records: [record] });
      expect(res.status).toBe(200);
      const after = Number((await server.db.selectFrom('signups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(after, 'nothing of a refused sign-up is stored').toBe(before);
      expect(await server.db.selectFrom('records').select('id').where('id', '=', record.id).execute()).toEqual([]);
      return res.body.results[0];
    };

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin' });
      analyst = await createStaff(server, { email: 'analyst@example.org', role: 'analyst' });
      coordinator = await createStaff(server, { email: 'coordinator@example.org', role: 'coordinator' });
      const make = async (over: Record<string, unknown>) => {
        const res = await coordinator.post('/panels', panelBody(over));
        expect(res.status, res.text).toBe(201);
        return res.body.panel.id as string;
      };
      panelId = await make({});
      adultPanelId = await make({ topic: { en: 'Licensing' }, minAge: 18 });
      draftId = await make({ topic: { en: 'Not yet' }, status: 'draft' });
      closedId = await make({ topic: { en: 'Closed early' }, status: 'closed' });
      pastId = await make({ topic: { en: 'Deadline passed' }, startsAt: iso(-1), endsAt: iso(-0.9), signupDeadline: iso(-10) });
    });
    afterAll(async () => {
      await server?.close();
    });

    describe('staff panels', () => {
      it('refuse wrong input field by field, and store nothing', async () => {
        const before = (await coordinator.get('/panels')).body.panels.length;
        const cases: [Record<string, unknown>, string, string][] = [
          [{ topic: { ur: 'صرف' } }, 'topic', 'required'],
          [{ format: 'zoom' }, 'format', 'invalid-choice'],
          [{ place: '' }, 'place', 'required'],
          [{ endsAt: iso(29) }, 'endsAt', 'date-order'],
          [{ signupDeadline: iso(31) }, 'signupDeadline', 'date-order'],
          [{ size: 0 }, 'size', 'required'],
          [{ minAge: 17 }, 'minAge', 'invalid-choice'],
          [{ categories: ['height'] }, 'categories.0', 'invalid-choice'],
          [{ status: 'published' }, 'status', 'invalid-choice'],
        ];
        for (const [over, field, code] of cases) {
          const res = await coordinator.post('/panels', panelBody(over));
          expect(res.status, JSON.stringify(over)).toBe(400);
          expect(res.body.fields, JSON.stringify(over)).toContainEqual({ field, code });
        }
        expect((await coordinator.get('/panels')).body.panels.length).toBe(before);
      });

      it('defaults to minimum age 16; PUT changes a panel and its status; both are audited', async () => {
        const created = await admin.post('/panels', panelBody({ status: undefined, minAge: undefined }));
        expect(created.body.panel).toMatchObject({ minAge: 16, status: 'draft', signups: 0, topic: { en: 'Safer streets' } });
        const id = created.body.panel.id as string;
        const changed = await coordinator.request('PUT', `/panels/${id}`, { body: panelBody({ status: 'closed', size: 12 }) });
        expect(changed.status, changed.text).toBe(200);
        expect(changed.body.panel).toMatchObject({ id, status: 'closed', size: 12, createdBy: 'admin@example.org' });
        expect((await coordinator.request('PUT', `/panels/${v7()}`, { body: panelBody() })).status).toBe(404);
        const entries = (await auditEntries(server)).filter((e) => e.subject === id).map((e) => e.action);
        expect(entries).toEqual(['panel-created', 'panel-changed']);
      });

      it('only open panels whose deadline has not passed reach devices in the catalog', async () => {
        const catalog = await (await server.fetch('/api/v1/catalog')).json();
        const ids = catalog.panels.map((p: { id: string }) => p.id);
        expect(ids).toContain(panelId);
        expect(ids).toContain(adultPanelId);
        for (const hidden of [draftId, closedId, pastId]) expect(ids).not.toContain(hidden);
        expect(catalog.panels.find((p: { id: string }) => p.id === adultPanelId)).toMatchObject({ minAge: 18, format: 'in-person', place: 'Town Hall' });
      });
    });

    describe('sign-ups through sync', () => {
      it('are stored with canonical contact details, panel links and equality answers apart', async () => {
        const record = signup({
          panels: [panelId, adultPanelId],
          name: 'Amira Khan',
          email: 'Amira.Khan@Example.org',
          phone: '07700 900123',
          accessNeeds: ['bsl-interpreter', 'step-free'],
          equalityConsent: true,
          gender: 'woman',
          ethnicity: 'pakistani',
          religion: 'muslim',
        });
        const res = await server.sync({ records: [record] });
        expect(res.body.results).toEqual([{ id: record.id, status: 'stored' }]);
        const row = await server.db.selectFrom('signups').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ name: 'Amira Khan', email: 'amira.khan@example.org', phone: '+447700900123', age_band: '25-34', contact_consent: 1 });
        expect(JSON.parse(row.access_needs)).toEqual(['bsl-interpreter', 'step-free']);
        const links = await server.db.selectFrom('signup_panels').select('panel_id').where('signup_id', '=', record.id).execute();
        expect(links.map((l) => l.panel_id).sort()).toEqual([panelId, adultPanelId].sort());
        expect(await server.db.selectFrom('signup_equality').select(['gender', 'ethnicity', 'religion']).where('signup_id', '=', record.id).executeTakeFirst()).toEqual({
          gender: 'woman',
          ethnicity: 'pakistani',
          religion: 'muslim',
        });
        // The same record again (a lost acknowledgement) is a duplicate.
        expect((await server.sync({ records: [record] })).body.results).toEqual([{ id: record.id, status: 'duplicate' }]);
      });

      it('the same person signing up again is one volunteer: new panels are added, nothing else kept', async () => {
        const first = signup({ panels: [panelId], name: 'Piotr Nowak', email: 'piotr@example.org' });
        const again = signup({ panels: [panelId, adultPanelId], name: 'piotr nowak', email: 'PIOTR@example.org', accessNotes: 'later words' });
        const repeat = signup({ panels: [adultPanelId], name: 'Piotr Nowak', email: 'piotr@example.org' });
        const res = await server.sync({ records: [first, again, repeat] });
        expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored', 'duplicate']);
        const rows = await server.db.selectFrom('signups').select(['id', 'access_notes']).where('email', '=', 'piotr@example.org').execute();
        expect(rows).toEqual([{ id: first.id, access_notes: null }]);
        const links = await server.db.selectFrom('signup_panels').select('panel_id').where('signup_id', '=', first.id).execute();
        expect(links.map((l) => l.panel_id).sort()).toEqual([panelId, adultPanelId].sort());
      });

      it('are refused with the field and the reason, and nothing is stored', async () => {
        const cases: [Record<string, unknown>, string, string][] = [
          [{ panels: [panelId], email: '', phone: '' }, 'data.email', 'contact-required'],
          [{ panels: [panelId], email: 'someone@nowhere' }, 'data.email', 'invalid-email'],
          [{ panels: [panelId], phone: '0770 123' }, 'data.phone', 'invalid-phone'],
          [{ panels: [panelId], contactConsent: false }, 'data.contactConsent', 'consent-required'],
          [{ panels: [panelId], gender: 'man' }, 'data.equalityConsent', 'consent-required'],
          [{ panels: [v7()] }, 'data.panels', 'unknown-panel'],
          [{ panels: [draftId] }, 'data.panels', 'unknown-panel'],
          [{ panels: [closedId] }, 'data.panels', 'panel-closed'],
          [{ panels: [pastId] }, 'data.panels', 'panel-closed'],
          [{ panels: [panelId], ageBand: '13-15' }, 'data.ageBand', 'below-minimum-age'],
          [{ panels: [adultPanelId], ageBand: '16-17' }, 'data.ageBand', 'below-minimum-age'],
          [{ panels: [panelId], ageBand: 'under-13' }, 'data.name', 'unexpected-field'],
        ];
        for (const [data, field, code] of cases) {
          const record = signup(data);
          expect(await rejected(record), JSON.stringify(data)).toEqual({ id: record.id, status: 'rejected', reason: 'invalid-field', field, code });
        }
        // Under 13 with nothing but panels and age band: refused for the age, still nothing stored.
        const child = { ...signup({}), data: { panels: [panelId], ageBand: 'under-13' } };
        expect(await rejected(child)).toMatchObject({ reason: 'invalid-field', field: 'data.ageBand', code: 'below-minimum-age' });
      });

      it('odd data of every shape is refused per record, never a server error', async () => {
        const odd: unknown[] = [null, 42, 'text', [], {}, { panels: 'x' }, { panels: [null] }, { panels: [panelId], ageBand: 7 }, { panels: [panelId], ageBand: '25-34', name: { a: 1 } },
          { panels: Array.from({ length: 500 }, () => panelId), ageBand: '25-34' }, { panels: [panelId], ageBand: '25-34', name: 'x'.repeat(10_000), email: 'a@b.co', contactConsent: true },
          { panels: [panelId], ageBand: '25-34', name: 'N', email: 'a@example.org', contactConsent: 'yes' },
          { panels: [panelId], ageBand: '25-34', name: 'N', email: 'a@example.org', contactConsent: true, accessNeeds: 'all' }, { panels: [panelId], ageBand: '__proto__' }];
        const records = odd.map((data) => ({ ...signup({}), data }));
        const res = await server.sync({ records });
        expect(res.status).toBe(200);
        expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(records.map(() => 'rejected'));
        for (const r of res.body.results) expect(r.reason, JSON.stringify(r)).toBe('invalid-field');
        // Control and bidi-override characters are taken out before the number is checked.
        const cleaned = signup({ panels: [panelId], name: 'Control Chars', email: undefined, phone: '\u0000\u202e07700 900124' });
        expect((await server.sync({ records: [cleaned] })).body.results).toEqual([{ id: cleaned.id, status: 'stored' }]);
        expect(await server.db.selectFrom('signups').select(['phone', 'email']).where('id', '=', cleaned.id).executeTakeFirst()).toEqual({ phone: '+447700900124', email: null });
      });

      it('made offline before the deadline, a sign-up arriving a day after it still counts; days later it does not', async () => {
        const soon = await coordinator.post('/panels', panelBody({ topic: { en: 'Just closed' }, signupDeadline: iso(-1), startsAt: iso(5), endsAt: iso(5.1) }));
        const id = soon.body.panel.id as string;
        const inTime = signup({ panels: [id] }, { createdAt: iso(-1.5) });
        expect((await server.sync({ records: [inTime] })).body.results[0]).toEqual({ id: inTime.id, status: 'stored' });
        const late = signup({ panels: [id] }, { createdAt: iso(-0.5) });
        expect(await rejected(late)).toMatchObject({ field: 'data.panels', code: 'panel-closed' });
      });
    });

    describe('who sees what', () => {
      beforeAll(async () => {
        // Enough sign-ups for some groups to reach 5, and some that stay below.
        const records = [
          ...Array.from({ length: 6 }, () => signup({ panels: [panelId], equalityConsent: true, gender: 'woman', ethnicity: 'indian', religion: 'hindu' })),
          ...Array.from({ length: 5 }, () => signup({ panels: [panelId], equalityConsent: true, gender: 'man', ethnicity: 'white-british', religion: 'no-religion', ward: 'biscot' })),
          signup({ panels: [panelId], name: 'Zephyrine Quillfeather', email: 'zephyrine.q@example.org', equalityConsent: true, gender: 'own-words', genderOwnWords: 'Genderfluid', ethnicity: 'other-ethnic-group', ethnicityOwnWords: 'Kurdish' }),
        ];
        const res = await server.sync({ records });
        expect(res.body.results.every((r: { status: string }) => r.status === 'stored')).toBe(true);
      });

      it('analysts get counts with small groups withheld, and never a contact or an own-words answer', async () => {
        const res = await analyst.get(`/panels/missing?panel=${panelId}`);
        expect(res.status, res.text).toBe(200);
        const gender = res.body.categories.find((c: { category: string }) => c.category === 'gender');
        const count = (value: string) => gender.rows.find((r: { value: string }) => r.value === value).count;
        expect(count('woman')).toBe(7); // Amira and six more
        expect(count('man')).toBe(5);
        expect(count('own-words')).toBeNull(); // one person: "fewer than 5"
        expect(count('non-binary')).toBeNull();
        expect(res.body.referenceSource).toBeNull();
        for (const secret of ['Zephyrine', 'zephyrine.q', 'Genderfluid', 'Kurdish', 'Amira', '+447700900123']) expect(res.text).not.toContain(secret);
        const all = await analyst.get('/panels/missing');
        expect(all.status).toBe(200);
        expect(all.body.panel).toBeNull();
        expect(all.body.total).toBeGreaterThan(res.body.total - 1);
        expect((await analyst.get('/panels/missing?panel=nope')).status).toBe(400);
        expect((await analyst.get(`/panels/missing?panel=${v7()}`)).body.fields).toEqual([{ field: 'panel', code: 'unknown-panel' }]);
        // The panel list holds no personal data; everything with contacts or linked answers is refused.
        expect((await analyst.get('/panels')).status).toBe(200);
        for (const path of [`/panels/${panelId}/signups`, `/panels/${panelId}/pool`, `/panels/${panelId}/selections`]) {
          const denied = await analyst.get(path);
          expect(denied.status, path).toBe(403);
          expect(denied.text).not.toContain('Zephyrine');
        }
      });

      it('reference figures from the profile come as shares with their source', async () => {
        const profile = (await admin.get('/profile')).body.profile;
        const saved = await admin.request('PUT', '/profile', { body: { profile: { ...profile, reference: { source: 'Demo figures — not census data', categories: { gender: { woman: 51, man: 49 } } } } } });
        expect(saved.status, saved.text).toBe(200);
        const res = await analyst.get(`/panels/missing?panel=${panelId}`);
        const gender = res.body.categories.find((c: { category: string }) => c.category === 'gender');
        expect(res.body.referenceSource).toBe('Demo figures — not census data');
        expect(gender.rows.find((r: { value: string }) => r.value === 'woman').reference).toBeCloseTo(0.51);
        expect(gender.rows.find((r: { value: string }) => r.value === 'prefer-not-to-say').reference).toBeNull();
      });

      it('coordinators see contacts and access needs, and each look is audited', async () => {
        const res = await coordinator.get(`/panels/${panelId}/signups`);
        expect(res.status).toBe(200);
        const amira = res.body.signups.find((s: { name: string }) => s.name === 'Amira Khan');
        expect(amira).toMatchObject({ email: 'amira.khan@example.org', phone: '+447700900123', accessNeeds: ['bsl-interpreter', 'step-free'], ageBand: '25-34' });
        // Contact lists carry no equality answers.
        expect(res.text).not.toContain('pakistani');
        expect(res.text).not.toContain('Genderfluid');
        const viewed = (await auditEntries(server, 'contact-viewed')).at(-1);
        expect(viewed).toMatchObject({ actor: 'coordinator@example.org', subject: `panel:${panelId}` });
        expect((await coordinator.get(`/panels/${v7()}/signups`)).status).toBe(404);
      });

      it('the pool has ids and category values only', async () => {
        const res = await coordinator.get(`/panels/${panelId}/pool`);
        expect(res.status).toBe(200);
        expect(res.body.pool.length).toBeGreaterThanOrEqual(14);
        for (const m of res.body.pool) expect(Object.keys(m).sort()).toEqual(['id', 'values']);
        for (const secret of ['Zephyrine', 'example.org', 'Genderfluid', 'Kurdish']) expect(res.text).not.toContain(secret);
        const zeph = await server.db.selectFrom('signups').select('id').where('name', '=', 'Zephyrine Quillfeather').executeTakeFirstOrThrow();
        expect(res.body.pool.find((m: { id: string }) => m.id === zeph.id).values).toMatchObject({ gender: 'own-words', ethnicity: 'other', ageBand: '25-34' });
      });
    });

    describe('selections', () => {
      let body: Record<string, any>;
      beforeAll(async () => {
        const pool = (await coordinator.get(`/panels/${panelId}/pool`)).body.pool as { id: string; values: Record<string, string> }[];
        const quotas = [{ category: 'gender', values: [{ value: 'woman', min: 1, max: 1 }, { value: 'man', min: 1, max: 1 }, { value: 'own-words', min: 0, max: 1 }, { value: 'prefer-not-to-say', min: 0, max: 1 }] }];
        const instance = selectionInstance(pool, 2, quotas as never);
        const result = await maximin(instance);
        const seed = 'matrix-seed-42';
        const draw = drawPanel(result, seed, { reserves: 3 });
        const ids = pool.map((m) => m.id);
        body = {
          method: 'maximin',
          seed,
          k: 2,
          quotas,
          volunteers: ids,
          probabilities: result.marginals,
          panels: result.panels,
          weights: result.probabilities,
          draw: { panel: draw.panel.map((i) => ids[i]), reserves: draw.reserves.map((i) => ids[i]) },
        };
      });

      it('a selection that checks out is recorded, with its seed, and audited', async () => {
        const res = await coordinator.post(`/panels/${panelId}/selections`, body);
        expect(res.status, res.text).toBe(201);
        expect(res.body.selection).toMatchObject({ method: 'maximin', seed: 'matrix-seed-42', k: 2, createdBy: 'coordinator@example.org' });
        expect(res.body.selection.panel).toHaveLength(2);
        expect(res.body.selection.reserves).toEqual(body.draw.reserves);
        expect(res.body.selection.minProbability).toBeGreaterThan(0);
        const list = await coordinator.get(`/panels/${panelId}/selections`);
        expect(list.body.selections.map((s: { id: string }) => s.id)).toEqual([res.body.selection.id]);
        expect((await auditEntries(server, 'selection-recorded')).at(-1)).toMatchObject({ subject: `panel:${panelId}`, detail: expect.objectContaining({ seed: 'matrix-seed-42', method: 'maximin' }) });
      });

      it('a forged panel, a stranger, a panel off the quotas or a made-up lottery is refused, naming why', async () => {
        const count = async () => (await coordinator.get(`/panels/${panelId}/selections`)).body.selections.length;
        const before = await count();
        const pool = body['volunteers'] as string[];
        const onPanel = new Set(body['draw'].panel as string[]);
        const other = pool.find((id) => !onPanel.has(id))!;
        const forged = { ...body, draw: { ...body['draw'], panel: [body['draw'].panel[0], other] } };
        const cases: [unknown, string, string][] = [
          [forged, 'draw.panel', 'draw-mismatch'],
          [{ ...body, draw: { ...body['draw'], reserves: [...body['draw'].reserves].reverse() } }, 'draw.reserves', 'draw-mismatch'],
          [{ ...body, volunteers: [...pool.slice(1), v7()] }, 'volunteers', 'not-in-pool'],
          [{ ...body, volunteers: pool.slice(1) }, 'volunteers', 'required'],
          // The first two sign-ups are a woman and someone who gave no gender: no man, so off the quotas.
          [{ ...body, panels: [[0, 1]], weights: [1] }, 'panels', 'quotas-not-met'],
          [{ ...body, weights: (body['weights'] as number[]).map((w) => w / 2) }, 'weights', 'invalid-distribution'],
          [{ ...body, probabilities: pool.map(() => 2 / pool.length) }, 'probabilities', 'invalid-distribution'],
        ];
        for (const [attempt, field, code] of cases) {
          const res = await coordinator.post(`/panels/${panelId}/selections`, attempt);
          expect(res.status, `${field} ${code}: ${res.text}`).toBe(400);
          expect(res.body.fields, `${field} ${code}`).toEqual([{ field, code }]);
        }
        expect(await count()).toBe(before);
        expect((await analyst.post(`/panels/${panelId}/selections`, body)).status).toBe(403);
      });

      it('the export lists the selected then the reserves with contacts, formula-safe, and is audited', async () => {
        const [selection] = (await coordinator.get(`/panels/${panelId}/selections`)).body.selections;
        // A name that a spreadsheet would run as a formula stays text.
        await server.db.updateTable('signups').set({ name: '=HYPERLINK("http://x")' }).where('id', '=', selection.panel[0]).execute();
        const res = await coordinator.get(`/panels/${panelId}/selections/${selection.id}/export.csv`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/csv');
        const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
        expect(lines[0]).toBe('role,order,reference,name,email,phone,preferred_language,access_needs,access_notes');
        expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['selected', 'selected', 'reserve', 'reserve', 'reserve']);
        expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
        expect(res.text).toContain('@example.org');
        expect((await auditEntries(server, 'export')).at(-1)).toMatchObject({ actor: 'coordinator@example.org', subject: `selection:${selection.id}` });
        expect((await analyst.get(`/panels/${panelId}/selections/${selection.id}/export.csv`)).status).toBe(403);
        expect((await coordinator.get(`/panels/${panelId}/selections/${v7()}/export.csv`)).status).toBe(404);
      });
    });

    describe("a resident's rights", () => {
      it('stopping the use of equality answers deletes them, records it, and the counts change', async () => {
        const zeph = await server.db.selectFrom('signups').select('id').where('name', '=', 'Zephyrine Quillfeather').executeTakeFirstOrThrow();
        const res = await coordinator.post(`/panels/signups/${zeph.id}/stop-equality`);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ stopped: 1 });
        expect(await server.db.selectFrom('signup_equality').select('signup_id').where('signup_id', '=', zeph.id).execute()).toEqual([]);
        expect(await server.db.selectFrom('equality_withdrawals').select(['signup_id', 'recorded_by']).where('signup_id', '=', zeph.id).execute()).toEqual([
          { signup_id: zeph.id, recorded_by: 'coordinator@example.org' },
        ]);
        const pool = (await coordinator.get(`/panels/${panelId}/pool`)).body.pool;
        expect(pool.find((m: { id: string }) => m.id === zeph.id).values.gender).toBe('prefer-not-to-say');
        expect((await auditEntries(server, 'equality-withdrawn')).at(-1)).toMatchObject({ subject: zeph.id });
      });

      it('find, export and erase include sign-ups; an erased sign-up sent again is refused', async () => {
        const record = signup({ panels: [panelId], name: 'Rahel Signup', email: 'rahel.signup@example.org', equalityConsent: true, disability: 'yes' });
        await server.sync({ records: [record] });
        const found = await admin.post('/rights/search', { email: 'RAHEL.signup@example.org' });
        expect(found.body.signups).toHaveLength(1);
        expect(found.body.signups[0]).toMatchObject({ id: record.id, name: 'Rahel Signup', panels: [panelId], equality: { disability: 'yes' } });
        expect(found.body.signups[0]).not.toHaveProperty('person_key');
        const exported = await admin.post('/rights/export', { email: 'rahel.signup@example.org' });
        expect(exported.body.signups[0].id).toBe(record.id);
        const stopped = await admin.post('/rights/stop-equality', { email: 'rahel.signup@example.org' });
        expect(stopped.body).toEqual({ signups: 1, stopped: 1 });
        const erased = await admin.post('/rights/erase', { email: 'rahel.signup@example.org' });
        expect(erased.body).toEqual({ erased: 1 });
        for (const table of ['signups', 'records'] as const) expect(await server.db.selectFrom(table).select('id').where('id', '=', record.id).execute()).toEqual([]);
        expect(await server.db.selectFrom('signup_panels').select('panel_id').where('signup_id', '=', record.id).execute()).toEqual([]);
        expect((await server.sync({ records: [record] })).body.results).toEqual([{ id: record.id, status: 'rejected', reason: 'erased' }]);
        expect((await coordinator.post('/rights/erase', { email: 'x@example.org' })).status).toBe(403);
      });
    });
  });

  describe(`demo panels and retention on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('npm run demo adds clearly fake panels and sign-ups, and demo reference figures marked as such', async () => {
      const added = await seedPanels(server.db, await currentProfile(server.db), { perPanel: 60, seed: 7 });
      expect(added).toEqual({ panels: 3, signups: 120, reference: true });
      const panels = await server.db.selectFrom('panels').select(['topic', 'status']).execute();
      expect(panels.every((p) => JSON.parse(p.topic).en.startsWith('Demo panel:'))).toBe(true);
      expect(panels.map((p) => p.status).sort()).toEqual(['draft', 'open', 'open']);
      const names = await server.db.selectFrom('signups').select(['name', 'email']).execute();
      expect(names.every((r) => r.name?.startsWith('Demo volunteer') && (r.email === null || r.email.endsWith('@example.org')))).toBe(true);
      const profile = await currentProfile(server.db);
      expect(profile.reference?.source).toMatch(/^Demo figures — not census data/);
      // Varied answers: more than one value in every equality category.
      for (const column of ['gender', 'ethnicity', 'disability', 'religion'] as const) {
        const values = await server.db.selectFrom('signup_equality').select(column).distinct().execute();
        expect(values.length, column).toBeGreaterThan(1);
      }
    });

    it('sign-ups are deleted 12 months after their last panel ends, and each run is recorded', async () => {
      expect(await runSignupRetention(server.db, new Date())).toEqual({ cleared: 0 });
      const later = new Date(Date.now() + 500 * 86_400_000);
      expect(await runSignupRetention(server.db, later)).toEqual({ cleared: 120 });
      for (const table of ['signups', 'signup_equality', 'signup_panels'] as const) {
        expect(Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), table).toBe(0);
      }
      const runs = await server.db.selectFrom('retention_runs').select(['kind', 'cleared']).where('kind', '=', 'panel-signup').execute();
      expect(runs.map((r) => r.cleared).sort()).toEqual([0, 120]);
    });
  });
}
