/**
 * Never a 500 from the staff API: malformed JSON, missing fields, wrong types and unknown ids on every
 * state-changing endpoint (generated from the route table), odd query strings on every GET, and the
 * public sign-in, setup and enrolment endpoints. Each answer is a catalogued problem in JSON.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestProblems } from '../../src/core/problems';
import type { AppContext } from '../../src/server/context';
import { staffEndpoints } from '../../src/server/routes/staff';
import {
  capturingLog,
  createStaff,
  databases,
  enrolDevice,
  pledge,
  staffClient,
  startServer,
  type StaffClient,
  type StaffMember,
  type StaffResponse,
  type TestServer,
} from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const ENDPOINTS = staffEndpoints({ db: { db: {} } } as unknown as AppContext).map(({ method, path, roles }) => ({ method, path, roles }));
const WRITES = ENDPOINTS.filter((e) => e.method !== 'GET');
const READS = ENDPOINTS.filter((e) => e.method === 'GET');

/** Bodies that are not JSON at all, or not an object. */
const RAW_BODIES = ['{', '{"email":', 'not json', '', ' ', '\u0000', '[', 'null', '[]', '"text"', '42', 'true', '{}', '{"__proto__":{"role":"admin"}}'];

/** Every field any staff request has, with values of the wrong type or shape. */
const FIELDS = ['email', 'password', 'token', 'totp', 'code', 'role', 'disabled', 'name', 'decision', 'profile'];
const WRONG_VALUES: unknown[] = [null, -1.5, true, ['x'], { nested: 'x' }, '', '\u0000', '\uD800', 'x'.repeat(5_000)];

function objectBodies(): unknown[] {
  const bodies: unknown[] = [];
  for (const field of FIELDS) for (const value of WRONG_VALUES) bodies.push({ [field]: value });
  // Everything wrong at once, and plausible shapes with one wrong part.
  for (const value of WRONG_VALUES) bodies.push(Object.fromEntries(FIELDS.map((f) => [f, value])));
  bodies.push(
    { email: 'someone@example.org', role: 'superuser' },
    { email: 'not-an-email', role: 'analyst' },
    { email: `${'a'.repeat(250)}@example.org`, role: 'analyst' },
    { role: 'admin', disabled: 'yes' },
    { decision: 'APPROVE' },
    { code: '12345' },
    { code: '1234567' },
    { profile: { id: 5 } },
    { profile: null },
    { name: '\u202E\u0000' },
    { email: 'someone@example.org', extra: 'field' },
  );
  return bodies;
}

/** Ids for `:id`: unknown, malformed, long, odd characters (percent-encoded in the path). */
const ODD_IDS = ['00000000-0000-7000-8000-000000000000', 'nope', 'x'.repeat(300), '%F0%9F%99%82', "1'%20OR%20'1'='1", '..%2F..%2Fetc', '%00'];

const KNOWN_PROBLEMS = Object.keys(requestProblems);
/** Bodies that are not JSON: every endpoint that reads a body answers 400 malformed-json. */
const MALFORMED = ['{', '{"email":', 'not json', '', ' ', '\u0000', '['];
/** How each state-changing endpoint treats its body: ignores it, has a required field, or only optional ones. */
const BODY_KIND: Record<string, 'ignored' | 'required' | 'optional'> = {
  'POST /totp/setup': 'ignored',
  'POST /totp/enable': 'required',
  'POST /users': 'required',
  'PATCH /users/:id': 'optional',
  'POST /devices/invites': 'required',
  'POST /devices/:id/revoke': 'ignored',
  'POST /pledges/:id/moderation': 'required',
  'POST /rights/search': 'required',
  'POST /rights/export': 'required',
  'POST /rights/erase': 'required',
  'PUT /profile': 'required',
  'PUT /profile/reference': 'required',
  'POST /events': 'required',
  'PUT /listening/summaries/:theme': 'required',
  'POST /listening/held/:id': 'required',
  'POST /outcomes': 'required',
  'POST /outcomes/:id/publish': 'ignored',
  'POST /panels': 'required',
  'PUT /panels/:id': 'required',
  'POST /panels/:id/selections': 'required',
  'POST /panels/signups/:id/stop-equality': 'ignored',
  'POST /rights/stop-equality': 'required',
};

const ROBUST_PANEL = { topic: { en: 'Robust panel' }, description: { en: 'x' }, format: 'online', startsAt: '2030-05-01T18:00:00.000Z', endsAt: '2030-05-01T20:00:00.000Z', signupDeadline: '2030-04-01T00:00:00.000Z', size: 5 };

/** A valid body for each endpoint with an id in its path (null: it reads none), so an unknown id is the only fault. */
const VALID_BODY: Record<string, unknown> = {
  'PATCH /users/:id': { role: 'coordinator' },
  'POST /devices/:id/revoke': null,
  'POST /pledges/:id/moderation': { decision: 'approve' },
  'POST /listening/held/:id': { redactedText: 'Call [number removed]' },
  'POST /outcomes/:id/publish': null,
  'PUT /panels/:id': ROBUST_PANEL,
  'POST /panels/:id/selections': { method: 'maximin', seed: 's', k: 1, quotas: [], volunteers: [], probabilities: [], panels: [[0]], weights: [1], draw: { panel: [], reserves: [] } },
  'POST /panels/signups/:id/stop-equality': null,
};

function expectHandled(res: StaffResponse, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
    expect(KNOWN_PROBLEMS, `${what}: ${res.text.slice(0, 200)}`).toContain(res.body?.error);
  }
}

for (const database of databases()) {
  describe(`staff API never answers 5xx on ${database.name}`, () => {
    const log = capturingLog();
    let server: TestServer;
    let admin: StaffMember;
    let ids: { user: string; device: string; pledge: string; panel: string };
    beforeAll(async () => {
      server = await startServer(database, { log, loginRate: { capacity: 100_000, refillPerSecond: 10_000 } });
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin' });
      const spare = await createStaff(server, { email: 'spare@example.org', role: 'coordinator' });
      const waiting = pledge({ message: 'Be kind', showMessage: true });
      await server.sync({ records: [waiting] });
      const panel = await admin.post('/panels', ROBUST_PANEL);
      ids = { user: spare.id, device: (await enrolDevice(server, admin)).deviceId, pledge: waiting.id, panel: panel.body.panel.id };
    });
    afterAll(async () => {
      await server?.close();
    });

    // Errors the server logged during the current test.
    let mark = 0;
    beforeEach(() => {
      mark = log.lines.length;
    });
    const unhandled = () => log.lines.slice(mark).filter((l) => l.includes('"level":"error"'));
    const send = (client: StaffClient, method: string, path: string, body: unknown) =>
      client.request(method, path, typeof body === 'string' ? { body, headers: { 'content-type': 'application/json' } } : { body });
    const realId = (path: string) =>
      path.startsWith('/users') ? ids.user : path.startsWith('/devices') ? ids.device : path.startsWith('/panels') ? ids.panel : ids.pledge;

    for (const endpoint of WRITES.filter((e) => e.path !== '/logout-everywhere')) {
      const name = `${endpoint.method} ${endpoint.path}`;
      it(`${name}: bad JSON, wrong shapes and wrong types are 4xx problems`, async () => {
        // An endpoint not classified yet (see the coverage test) is still held to "no 5xx".
        const kind = BODY_KIND[name];
        const path = endpoint.path.replace(/:\w+/g, endpoint.path === '/devices/:id/revoke' ? ODD_IDS[0]! : realId(endpoint.path));
        for (const body of [...RAW_BODIES, ...objectBodies()]) {
          const what = `${endpoint.method} ${path} ${JSON.stringify(body).slice(0, 80)}`;
          const res = await send(admin, endpoint.method, path, body);
          expectHandled(res, what);
          if (kind === 'ignored' || kind === undefined) continue;
          if (typeof body === 'string' && MALFORMED.includes(body)) {
            expect(res.status, what).toBe(400);
            expect(res.body, what).toEqual({ error: 'malformed-json' });
          }
          if (kind === 'required' && (body === '{}' || body === 'null' || body === '42' || body === '"text"')) {
            expect(res.status, what).toBe(400);
            expect(res.body.error, what).toBe('invalid-fields');
          }
        }
        // Not JSON at all, by content type.
        const form = await admin.request(endpoint.method, path, { body: 'email=a%40b.c', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expectHandled(form, `${name} as a form`);
        if (kind !== 'ignored' && kind !== undefined) expect(form.status, `${name} as a form`).toBe(400);
        expect(unhandled()).toEqual([]);
        expect((await admin.get('/me')).status).toBe(200);
      });
    }

    for (const endpoint of WRITES.filter((e) => e.path.includes(':'))) {
      const name = `${endpoint.method} ${endpoint.path}`;
      it(`${name}: an unknown or odd id is ${name in VALID_BODY ? '404 not-found' : 'never a 5xx'}`, async () => {
        const valid = VALID_BODY[name];
        const wrong: string[] = [];
        for (const id of ODD_IDS) {
          const path = endpoint.path.replace(/:\w+/g, id);
          const res = await admin.request(endpoint.method, path, valid === undefined || valid === null ? {} : { body: valid });
          // A control character in the address is refused as a bad request before any handler runs.
          const control = /[\u0000-\u001f\u007f]/.test(decodeURIComponent(id));
          const ok = control
            ? res.status === 400 && res.body?.error === 'invalid-request'
            : name in VALID_BODY
              ? res.status === 404 && res.body?.error === 'not-found'
              : res.status < 500;
          if (!ok) wrong.push(`${endpoint.method} ${path} → ${res.status} ${res.text}`);
        }
        expect(wrong).toEqual([]);
        expect(unhandled()).toEqual([]);
      });
    }

    it('every state-changing endpoint is classified here (BODY_KIND)', () => {
      expect(WRITES.map((e) => `${e.method} ${e.path}`).filter((n) => n !== 'POST /logout-everywhere' && !BODY_KIND[n])).toEqual([]);
    });

    it('logout-everywhere ignores whatever body it is sent', async () => {
      for (const body of ['{', 'null', '[]', { everything: 'wrong' }]) {
        const res = await send(admin, 'POST', '/logout-everywhere', body);
        expect(res.status).toBe(200);
        await admin.signIn();
      }
    });

    it('odd query strings on every GET are 2xx or 4xx problems', async () => {
      const queries = [
        '?limit=abc', '?limit=99999', '?limit=-1', '?limit=0', '?action=' + 'a'.repeat(100), '?action=%00', '?actor=%00', '?actor=%C0',
        '?from=yesterday', '?from=2026-02-30', '?to=0000-01-01', '?to=2026-13-40', '?ward=%00', '?ward=' + 'w'.repeat(50), '?format=pdf',
        '?status=%00', '?status=held&status=pending', '?from=2026-01-01&from=x', '?%00=%00', '?format[]=csv', '?ward=biscot%27%20OR%201=1',
      ];
      const failed: string[] = [];
      for (const endpoint of READS) {
        for (const query of queries) {
          const res = await admin.get(`${endpoint.path}${query}`);
          if (res.status >= 500 || (res.status >= 400 && !KNOWN_PROBLEMS.includes(res.body?.error))) failed.push(`GET ${endpoint.path}${query} → ${res.status} ${res.text}`);
        }
      }
      expect(failed).toEqual([]);
      expect(unhandled()).toEqual([]);
    });

    it('the public endpoints (setup, login, logout, setup check, enrol) answer problems, not 500s', async () => {
      const anonymous = staffClient(server);
      for (const path of ['/setup', '/login', '/logout', '/api/v1/devices/enrol']) {
        for (const body of [...RAW_BODIES, ...objectBodies()]) {
          const res = await send(anonymous, 'POST', path, body);
          expectHandled(res, `POST ${path} ${JSON.stringify(body).slice(0, 80)}`);
          if (path !== '/logout') expect(res.status, `POST ${path} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
          expect(anonymous.cookie).toBeUndefined();
        }
      }
      for (const token of ODD_IDS) expectHandled(await anonymous.get(`/setup/${token}`), `GET /setup/${token}`);
      expect(unhandled()).toEqual([]);
    }, 60_000);

    it('inviting staff with a long but valid email address (up to 254 characters) does not fail', async () => {
      const email = `${'a'.repeat(120)}@example.org`;
      const res = await admin.post('/users', { email, role: 'analyst' });
      expectHandled(res, 'POST /users with a 132-character email');
      expect([201, 400]).toContain(res.status);
      expect(unhandled()).toEqual([]);
    });

    it("a device's batch with a NUL character in a text field is answered per record, not 500", async () => {
      const device = await enrolDevice(server, admin, 'NUL tablet');
      const good = pledge();
      const odd = pledge({ pledgeVersion: '2026\u00001' });
      const res = await server.sync({ records: [good, odd] }, { headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results[0]).toEqual({ id: good.id, status: 'stored' });
      expect(unhandled()).toEqual([]);
    });

    it('unknown staff paths and methods are 404 not-found', async () => {
      for (const [method, path] of [['GET', '/nope'], ['DELETE', '/users'], ['POST', '/me'], ['GET', '/users/x/y'], ['PUT', '/users']] as const) {
        const res = await admin.request(method, path);
        expectHandled(res, `${method} ${path}`);
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    });
  });
}
