/**
 * The role × endpoint matrix, generated from the staff route table itself (`staffEndpoints`): every session
 * endpoint refuses the anonymous (401), refuses each role it does not list (403, changing nothing) and
 * serves each role it lists (2xx). A new endpoint without a sample request here fails the suite.
 * Then: analysts never receive a resident's contact details, in any answer they can get.
 */
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { staffRoles, type StaffRole } from '../../src/core/staff';
import { drawPanel } from '../../src/core/sortition/draw';
import type { AppContext } from '../../src/server/context';
import { staffEndpoints } from '../../src/server/routes/staff';
import {
  createStaff,
  databases,
  enrolDevice,
  pledge,
  staffClient,
  startServer,
  totpCode,
  type StaffMember,
  type StaffResponse,
  type TestServer,
} from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** The table as the router mounts it; building it touches no database, so a stub context will do. */
const ENDPOINTS = staffEndpoints({ db: { db: {} } } as unknown as AppContext).map(({ method, path, roles }) => ({ method, path, roles }));
const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

/** What the tests hold while the matrix runs. */
interface World {
  server: TestServer;
  staff: Record<StaffRole, StaffMember>;
  /** A fourth account, for PATCH /users/:id to change. */
  spareId: string;
  /** A pledge waiting for moderation. */
  pendingPledgeId: string;
  eventId: string;
  pointId: string;
  outcomeId: string;
  /** An open panel with three sign-ups (two women, one man), a recorded selection, and one sign-up's id. */
  panelId: string;
  selectionId: string;
  signupId: string;
}

interface Sample {
  /** The path with `:id` replaced; defaults to the endpoint's path. */
  path?: string;
  query?: string;
  body?: unknown;
  /** Run after a successful call (e.g. sign in again after logout-everywhere). */
  after?: (caller: StaffMember) => Promise<void>;
}

let invited = 0;
/** A valid request per endpoint. `caller` is who will call it (for per-user state such as TOTP). */
const SAMPLES: Record<string, (w: World, caller: StaffMember) => Promise<Sample> | Sample> = {
  'GET /me': () => ({}),
  'POST /logout-everywhere': () => ({ after: async (caller) => void (await caller.signIn()) }),
  'POST /totp/setup': () => ({}),
  'POST /totp/enable': async (w, caller) => {
    // A fresh secret for this caller, then the code it gives now; later sign-ins send codes too.
    const setup = await caller.post('/totp/setup');
    if (setup.status !== 200) return { body: { code: '000000' } };
    const secret = setup.body.secret as string;
    return { body: { code: totpCode(secret, new Date()) }, after: async () => void (caller.totpSecret = secret) };
  },
  'GET /users': () => ({}),
  'POST /users': () => ({ body: { email: `invitee-${++invited}@example.org`, role: 'analyst' } }),
  'PATCH /users/:id': (w) => ({ path: `/users/${w.spareId}`, body: { role: 'coordinator' } }),
  'GET /audit': () => ({ query: '?limit=10&action=sign-in' }),
  'GET /devices': () => ({}),
  'POST /devices/invites': () => ({ body: { name: 'Matrix tablet' } }),
  'POST /devices/:id/revoke': async (w) => ({ path: `/devices/${(await enrolDevice(w.server, w.staff.admin, 'To revoke')).deviceId}/revoke` }),
  'GET /retention/runs': () => ({}),
  'GET /pledges/overview': () => ({ query: '?from=2020-01-01&to=2099-12-31&ward=biscot' }),
  'GET /pledges/moderation': () => ({ query: '?status=pending' }),
  'POST /pledges/:id/moderation': (w) => ({ path: `/pledges/${w.pendingPledgeId}/moderation`, body: { decision: 'approve' } }),
  'GET /exports/pledges': () => ({ query: '?format=csv' }),
  'POST /rights/search': () => ({ body: { email: 'nobody@example.org' } }),
  'POST /rights/export': () => ({ body: { email: 'nobody@example.org' } }),
  'POST /rights/erase': () => ({ body: { email: 'nobody@example.org' } }),
  'GET /profile': () => ({}),
  'PUT /profile': async (w) => ({ body: { profile: (await w.staff.admin.get('/profile')).body.profile } }),
  'PUT /profile/reference': () => ({ body: { reference: null } }),
  'POST /events': () => ({ body: { title: 'Matrix event', startsAt: '2026-03-20T10:00:00.000Z', themes: ['work'] } }),
  'GET /events': () => ({ query: '?from=2020-01-01&source=device' }),
  'GET /listening/report': (w) => ({ query: `?from=2020-01-01&to=2099-12-31&event=${w.eventId}&q=club` }),
  'GET /listening/export': () => ({ query: '?format=csv' }),
  'PUT /listening/summaries/:theme': () => ({ path: '/listening/summaries/youth', body: { summary: 'Young people need to be heard.' } }),
  'GET /listening/held': () => ({}),
  'POST /listening/held/:id': (w) => ({ path: `/listening/held/${w.pointId}`, body: { redactedText: 'Call [number removed] about the club' } }),
  'POST /outcomes': () => ({ body: { theme: 'youth', youSaid: { en: 'More youth clubs.' }, weDid: { en: 'Two clubs open late.' } } }),
  'POST /outcomes/:id/publish': (w) => ({ path: `/outcomes/${w.outcomeId}/publish` }),
  'GET /outcomes': () => ({}),
  'GET /languages': () => ({ query: '?language=ur' }),
  'GET /panels': () => ({}),
  'POST /panels': () => ({ body: matrixPanel }),
  'PUT /panels/:id': (w) => ({ path: `/panels/${w.panelId}`, body: matrixPanel }),
  'GET /panels/missing': (w) => ({ query: `?panel=${w.panelId}` }),
  'GET /panels/:id/signups': (w) => ({ path: `/panels/${w.panelId}/signups` }),
  'GET /panels/:id/pool': (w) => ({ path: `/panels/${w.panelId}/pool` }),
  'POST /panels/:id/selections': async (w) => ({ path: `/panels/${w.panelId}/selections`, body: await matrixSelection(w) }),
  'GET /panels/:id/selections': (w) => ({ path: `/panels/${w.panelId}/selections` }),
  'GET /panels/:id/selections/:sid/export.csv': (w) => ({ path: `/panels/${w.panelId}/selections/${w.selectionId}/export.csv` }),
  'POST /panels/signups/:id/stop-equality': (w) => ({ path: `/panels/signups/${w.signupId}/stop-equality` }),
  'POST /rights/stop-equality': () => ({ body: { email: 'nobody@example.org' } }),
};

const DAY_MS = 86_400_000;
/** An open panel, deadline ahead (the sample for creating and changing one too). */
const matrixPanel = {
  topic: { en: 'Matrix panel' },
  description: { en: 'A panel for the role matrix.' },
  format: 'online',
  startsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
  endsAt: new Date(Date.now() + 31 * DAY_MS).toISOString(),
  signupDeadline: new Date(Date.now() + 20 * DAY_MS).toISOString(),
  size: 2,
  categories: ['gender'],
  status: 'open',
};

/** A selection of 2 (one woman, one man) from the matrix panel's pool: every pair, equally likely. */
async function matrixSelection(w: World) {
  const pool = (await w.staff.admin.get(`/panels/${w.panelId}/pool`)).body.pool as { id: string; values: { gender: string } }[];
  const ids = pool.map((m) => m.id);
  const women = ids.flatMap((_, i) => (pool[i]?.values.gender === 'woman' ? [i] : []));
  const men = ids.flatMap((_, i) => (pool[i]?.values.gender === 'man' ? [i] : []));
  const panels = women.flatMap((a) => men.map((b) => [a, b].sort((x, y) => x - y)));
  const weights = panels.map(() => 1 / panels.length);
  const probabilities = ids.map((_, i) => panels.filter((p) => p.includes(i)).length / panels.length);
  const draw = drawPanel({ panels, probabilities: weights, marginals: probabilities }, 'matrix', { reserves: 1 });
  return {
    method: 'maximin',
    seed: 'matrix',
    k: 2,
    quotas: [{ category: 'gender', values: [{ value: 'woman', min: 1, max: 1 }, { value: 'man', min: 1, max: 1 }] }],
    volunteers: ids,
    probabilities,
    panels,
    weights,
    draw: { panel: draw.panel.map((i) => ids[i]), reserves: draw.reserves.map((i) => ids[i]) },
  };
}

/** A resident's contact details, synced before the analyst looks: none of it may reach an analyst. */
const CONTACT = {
  name: 'Zephyrine Quillfeather',
  email: 'zephyrine.q@example.org',
  message: 'Lanterns over Wardown Park for everyone',
};

describe('the staff route table', () => {
  it('has one sample request per endpoint, and no sample for an endpoint that is gone', () => {
    const keys = ENDPOINTS.map(key);
    expect(new Set(keys).size, 'an endpoint is listed twice').toBe(keys.length);
    expect(keys.filter((k) => !SAMPLES[k]), 'endpoints without a sample request: add one to SAMPLES').toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !keys.includes(k)), 'samples for endpoints that are gone').toEqual([]);
  });

  it('names only known roles, and every endpoint at least one', () => {
    for (const e of ENDPOINTS) {
      expect(e.roles.length, key(e)).toBeGreaterThan(0);
      for (const role of e.roles) expect(staffRoles, key(e)).toContain(role);
    }
  });
});

for (const database of databases()) {
  describe(`staff role × endpoint matrix on ${database.name}`, () => {
    const w = {} as World;
    beforeAll(async () => {
      w.server = await startServer(database, { loginRate: { capacity: 1000, refillPerSecond: 100 } });
      const staff = {} as Record<StaffRole, StaffMember>;
      for (const role of staffRoles) staff[role] = await createStaff(w.server, { email: `${role}@example.org`, role });
      w.staff = staff;
      const spare = await createStaff(w.server, { email: 'spare@example.org', role: 'analyst' });
      w.spareId = spare.id;

      const waiting = pledge({ message: 'Kindness is catching', showMessage: true });
      const contact = pledge({ name: CONTACT.name, email: CONTACT.email, emailConsent: true, message: CONTACT.message, showMessage: false });
      const res = await w.server.sync({ records: [waiting, contact, pledge({ ward: 'dallow' })] });
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored', 'stored']);
      w.pendingPledgeId = waiting.id;

      const tablet = await enrolDevice(w.server, w.staff.admin, 'Listening tablet');
      const record = (kind: string, data: Record<string, unknown>) => ({ id: v7(), kind, schemaVersion: 1, createdAt: new Date().toISOString(), locale: 'en', data });
      const event = record('event', { title: 'Matrix circle', startsAt: '2026-03-07T10:00:00.000Z', themes: ['youth'] });
      const point = record('feedback', { eventId: event.id, theme: 'youth', lens: 'voice', text: 'Call 07700 900123 about the club', form: 'quote', source: 'worker' });
      const listening = await w.server.sync({ records: [event, point] }, { headers: { 'content-type': 'application/json', authorization: `Bearer ${tablet.token}` } });
      expect(listening.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
      w.eventId = event.id;
      w.pointId = point.id;
      const outcome = await w.staff.admin.post('/outcomes', { theme: 'youth', youSaid: { en: 'More youth clubs.' }, weDid: { en: 'Two clubs open late.' } });
      expect(outcome.status).toBe(201);
      w.outcomeId = outcome.body.outcome.id;

      const panel = await w.staff.admin.post('/panels', matrixPanel);
      expect(panel.status, panel.text).toBe(201);
      w.panelId = panel.body.panel.id;
      const signupRecord = (name: string, gender: string) => ({
        id: v7(),
        kind: 'signup',
        schemaVersion: 1,
        createdAt: new Date().toISOString(),
        locale: 'en',
        data: { panels: [w.panelId], ageBand: '35-44', name, email: `${name.toLowerCase().replace(/\W/g, '.')}@example.org`, contactConsent: true, equalityConsent: true, gender },
      });
      const signups = [signupRecord('Panel Woman One', 'woman'), signupRecord('Panel Woman Two', 'woman'), signupRecord('Panel Man', 'man')];
      const synced = await w.server.sync({ records: signups });
      expect(synced.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored', 'stored']);
      w.signupId = signups[0]!.id;
      const selection = await w.staff.admin.post(`/panels/${w.panelId}/selections`, await matrixSelection(w));
      expect(selection.status, selection.text).toBe(201);
      w.selectionId = selection.body.selection.id;
    });
    afterAll(async () => {
      await w.server?.close();
    });

    const auditCount = async () => Number((await w.server.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    for (const endpoint of ENDPOINTS) {
      const name = key(endpoint);
      const denied = staffRoles.filter((r) => !endpoint.roles.includes(r));
      describe(name, () => {
        let sample: Sample | undefined;
        const make = SAMPLES[name];
        // Without a sample (a new endpoint), 401 and 403 are still checked: they come before any body or id is read.
        const prepared = async (caller: StaffMember): Promise<Sample> => {
          sample = make ? await make(w, caller) : { path: endpoint.path.replace(/:\w+/g, 'no-such-id') };
          return sample;
        };
        const call = async (client: { request: StaffMember['request'] }, s: Sample): Promise<StaffResponse> =>
          client.request(endpoint.method, `${s.path ?? endpoint.path}${s.query ?? ''}`, s.body === undefined ? {} : { body: s.body });

        it('anonymous → 401 unauthenticated (also with a made-up session cookie)', async () => {
          const s = await prepared(w.staff.admin);
          const before = await auditCount();
          const anonymous = staffClient(w.server);
          const res = await call(anonymous, s);
          expect(res.status, res.text).toBe(401);
          expect(res.body).toEqual({ error: 'unauthenticated' });
          anonymous.cookie = 'x'.repeat(43);
          const forged = await call(anonymous, s);
          expect(forged.status, forged.text).toBe(401);
          expect(forged.body).toEqual({ error: 'unauthenticated' });
          expect(await auditCount()).toBe(before);
        });

        for (const role of denied) {
          it(`${role} → 403 forbidden, and nothing is done`, async () => {
            const s = sample ?? (await prepared(w.staff.admin));
            const before = await auditCount();
            const res = await call(w.staff[role], s);
            expect(res.status, res.text).toBe(403);
            expect(res.body).toEqual({ error: 'forbidden' });
            expect(await auditCount()).toBe(before);
          });
        }

        for (const role of endpoint.roles) {
          if (!make) {
            it.todo(`${role} → 2xx (add a sample request for ${name} to SAMPLES)`);
            continue;
          }
          it(`${role} → 2xx`, async () => {
            const caller = w.staff[role];
            const s = await prepared(caller);
            const res = await call(caller, s);
            expect(res.status, res.text).toBeGreaterThanOrEqual(200);
            expect(res.status, res.text).toBeLessThan(300);
            expect(res.headers.get('cache-control')).toBe('no-store');
            await s.after?.(caller);
            // The session still works for the next endpoint.
            expect((await caller.get('/me')).status).toBe(200);
          });
        }
      });
    }

    describe('analysts never receive a contact field', () => {
      const leaks = (text: string) =>
        [CONTACT.name, CONTACT.email, CONTACT.message, 'Zephyrine', 'zephyrine.q', 'Lanterns'].filter((s) => text.toLowerCase().includes(s.toLowerCase()));

      it('in the overview, the CSV and JSON exports, the profile and their own account', async () => {
        const analyst = w.staff.analyst;
        const answers = {
          overview: await analyst.get('/pledges/overview'),
          csv: await analyst.get('/exports/pledges'),
          csvFormat: await analyst.get('/exports/pledges?format=csv'),
          json: await analyst.get('/exports/pledges?format=json'),
          profile: await analyst.get('/profile'),
          me: await analyst.get('/me'),
        };
        for (const [what, res] of Object.entries(answers)) {
          expect(res.status, `${what}: ${res.text}`).toBe(200);
          expect(leaks(res.text), what).toEqual([]);
        }
        // The pledge itself is in the analyst's export, without any contact column.
        expect(answers.overview.body.total).toBe(3);
        const records = answers.json.body.records as Record<string, unknown>[];
        expect(records).toHaveLength(3);
        for (const r of records) {
          for (const field of ['name', 'email', 'message', 'show_message', 'email_consent', 'person_key']) expect(r, field).not.toHaveProperty(field);
        }
        const header = answers.csv.text.replace(/^\uFEFF/, '').split('\r\n')[0] ?? '';
        expect(header.split(',')).toEqual(['id', 'reference', 'created_at', 'received_at', 'locale', 'ward', 'moderation']);
        expect(answers.json.body.records).toEqual(expect.arrayContaining([expect.objectContaining({ ward: 'dallow' })]));
      });

      it("while the admin's exports do contain them", async () => {
        const csv = await w.staff.admin.get('/exports/pledges?format=csv');
        const json = await w.staff.admin.get('/exports/pledges?format=json');
        expect(csv.status).toBe(200);
        expect(json.status).toBe(200);
        for (const text of [csv.text, json.text]) {
          expect(text).toContain(CONTACT.name);
          expect(text).toContain(CONTACT.email);
          expect(text).toContain(CONTACT.message);
        }
        const row = (json.body.records as Record<string, unknown>[]).find((r) => r['name'] === CONTACT.name);
        expect(row).toMatchObject({ email: CONTACT.email, email_consent: 1, message: CONTACT.message });
      });

      it('coordinators cannot reach pledges or exports at all', async () => {
        for (const path of ['/pledges/overview', '/pledges/moderation', '/exports/pledges', '/exports/pledges?format=json']) {
          const res = await w.staff.coordinator.get(path);
          expect(res.status, path).toBe(403);
          expect(leaks(res.text), path).toEqual([]);
        }
      });
    });
  });
}
