/**
 * Staff sign-in: setup links, password rules, wrong passwords and lockout, session timeouts, signing out
 * everywhere, disabling, cross-site requests, cookie flags and two-step sign-in (TOTP).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSetupLink } from '../../src/server/staff/firstAdmin';
import {
  auditEntries,
  createStaff,
  databases,
  DAY_MS,
  HOUR_MS,
  linkToken,
  MINUTE_MS,
  STAFF_PASSWORD,
  staffClient,
  startServer,
  testClock,
  totpCode,
  type StaffMember,
  type TestServer,
} from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const generousLogins = { capacity: 10_000, refillPerSecond: 1_000 };
/** A Set-Cookie line's attributes, lower-cased. */
const flags = (line: string) => line.split(';').slice(1).map((p) => p.trim().toLowerCase());

for (const database of databases()) {
  describe(`staff sign-in on ${database.name}`, () => {
    const clock = testClock('2026-03-02T09:00:00.000Z');
    let server: TestServer;
    let admin: StaffMember;
    beforeAll(async () => {
      server = await startServer(database, { now: clock.now, loginRate: generousLogins });
      admin = await createStaff(server, { email: 'admin@example.org', role: 'admin', now: clock.now });
    });
    afterAll(async () => {
      await server?.close();
    });
    // Tests move the clock by hours: the admin signs in again whenever their session has timed out.
    beforeEach(async () => {
      if ((await admin.get('/me')).status !== 200) await admin.signIn();
    });

    const setupLink = (email: string, role: 'admin' | 'analyst' | 'coordinator' = 'analyst') =>
      createSetupLink(server.db, server.url, clock.now(), { email, role });
    const userByEmail = (email: string) => server.db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
    const login = (body: Record<string, unknown>) => staffClient(server).post('/login', body);

    describe('setup links and passwords', () => {
      it('refuses a guessable password (weak-password) and a short one (too-short), and the link still works after', async () => {
        const token = linkToken(await setupLink('new.person@example.org'));
        const client = staffClient(server);
        for (const weak of ['password1234', 'qwertyuiop12', 'aaaaaaaaaaaa', 'new.person@example.org', 'manyvoices2026']) {
          const res = await client.post('/setup', { token, password: weak });
          expect(res.status, weak).toBe(400);
          expect(res.body, weak).toEqual({ error: 'invalid-fields', fields: [{ field: 'password', code: 'weak-password' }] });
        }
        const short = await client.post('/setup', { token, password: 'Xk9#vq2!' });
        expect(short.status).toBe(400);
        expect(short.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'password', code: 'too-short' }] });
        expect(client.cookie).toBeUndefined();
        expect(await userByEmail('new.person@example.org')).toBeUndefined();

        // Nothing was used up: the link is still good, and a good password creates the account.
        expect((await client.get(`/setup/${token}`)).body).toEqual({ email: 'new.person@example.org', role: 'analyst' });
        const ok = await client.post('/setup', { token, password: STAFF_PASSWORD });
        expect(ok.status, ok.text).toBe(201);
        expect(ok.body.user).toMatchObject({ email: 'new.person@example.org', role: 'analyst', totpEnabled: false });
        expect(client.cookie).toBeDefined();
        expect((await client.get('/me')).body.user).toMatchObject({ email: 'new.person@example.org', role: 'analyst' });
        const user = await userByEmail('new.person@example.org');
        expect(user?.password_hash).toMatch(/^scrypt\$/);
        expect(user?.password_hash).not.toContain(STAFF_PASSWORD);
      });

      it('works once: a second use is 410 link-invalid and creates nobody', async () => {
        const token = linkToken(await setupLink('once@example.org'));
        const first = await staffClient(server).post('/setup', { token, password: STAFF_PASSWORD });
        expect(first.status).toBe(201);
        const again = staffClient(server);
        const second = await again.post('/setup', { token, password: 'another-violet-harbour-93' });
        expect(second.status).toBe(410);
        expect(second.body).toEqual({ error: 'link-invalid' });
        expect(again.cookie).toBeUndefined();
        expect((await again.get(`/setup/${token}`)).status).toBe(410);
        expect(await server.db.selectFrom('staff_users').select('id').where('email', '=', 'once@example.org').execute()).toHaveLength(1);
        // The first password is still the one that works.
        expect((await login({ email: 'once@example.org', password: STAFF_PASSWORD })).status).toBe(200);
      });

      it('expires after 24 hours', async () => {
        const token = linkToken(await setupLink('late@example.org'));
        clock.advance(24 * HOUR_MS - MINUTE_MS);
        expect((await staffClient(server).get(`/setup/${token}`)).status).toBe(200);
        clock.advance(2 * MINUTE_MS);
        const client = staffClient(server);
        expect((await client.get(`/setup/${token}`)).body).toEqual({ error: 'link-invalid' });
        const res = await client.post('/setup', { token, password: STAFF_PASSWORD });
        expect(res.status).toBe(410);
        expect(res.body).toEqual({ error: 'link-invalid' });
        expect(await userByEmail('late@example.org')).toBeUndefined();
        expect(client.cookie).toBeUndefined();
      });

      it('an unknown or malformed token is link-invalid or a field problem, never a session', async () => {
        const client = staffClient(server);
        const unknown = await client.post('/setup', { token: 'A'.repeat(32), password: STAFF_PASSWORD });
        expect(unknown.status).toBe(410);
        const short = await client.post('/setup', { token: 'abc', password: STAFF_PASSWORD });
        expect(short.status).toBe(400);
        expect(short.body.fields).toEqual([{ field: 'token', code: 'invalid-format' }]);
        expect(client.cookie).toBeUndefined();
      });
    });

    describe('wrong passwords', () => {
      it('answer 401 invalid-credentials, and an unknown email gets exactly the same answer', async () => {
        const wrong = await login({ email: 'admin@example.org', password: 'not-the-password-at-all' });
        const unknown = await login({ email: 'nobody-here@example.org', password: 'not-the-password-at-all' });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.body).toEqual({ error: 'invalid-credentials' });
        expect(unknown.text).toBe(wrong.text);
        for (const h of ['content-type', 'retry-after', 'set-cookie']) expect(unknown.headers.get(h), h).toBe(wrong.headers.get(h));
        expect(wrong.headers.get('set-cookie')).toBeNull();
        // Email case does not matter; the right password still works (and clears the failure count).
        const ok = await login({ email: 'ADMIN@Example.org', password: STAFF_PASSWORD });
        expect(ok.status, ok.text).toBe(200);
        expect(ok.body.user).toMatchObject({ email: 'admin@example.org', role: 'admin' });
        expect(await server.db.selectFrom('login_failures').selectAll().where('email', '=', 'admin@example.org').execute()).toEqual([]);
        const failed = await auditEntries(server, 'sign-in-failed');
        expect(failed.map((e) => e.actor)).toEqual(expect.arrayContaining(['admin@example.org', 'nobody-here@example.org']));
      });

      it('5 failures lock the account: 429 account-locked with Retry-After, even with the right password, for 15 minutes', async () => {
        await createStaff(server, { email: 'locked@example.org', role: 'coordinator', now: clock.now });
        for (let i = 1; i <= 5; i++) {
          const res = await login({ email: 'locked@example.org', password: `wrong-guess-number-${i}` });
          expect(res.status, `attempt ${i}`).toBe(401);
          expect(res.body).toEqual({ error: 'invalid-credentials' });
        }
        const locked = await login({ email: 'locked@example.org', password: STAFF_PASSWORD });
        expect(locked.status).toBe(429);
        expect(locked.body).toEqual({ error: 'account-locked' });
        expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
        expect(locked.headers.get('set-cookie')).toBeNull();

        clock.advance(14 * MINUTE_MS);
        const still = await login({ email: 'locked@example.org', password: STAFF_PASSWORD });
        expect(still.status).toBe(429);
        expect(Number(still.headers.get('retry-after'))).toBe(60);

        clock.advance(MINUTE_MS + 1_000);
        const after = await login({ email: 'locked@example.org', password: STAFF_PASSWORD });
        expect(after.status, after.text).toBe(200);
        expect(after.body.user.email).toBe('locked@example.org');
      }, 30_000);

      it('an unknown email locks the same way, so the lock does not tell who has an account', async () => {
        for (let i = 1; i <= 5; i++) expect((await login({ email: 'ghost@example.org', password: `guess-${i}-xyz` })).status).toBe(401);
        const res = await login({ email: 'ghost@example.org', password: STAFF_PASSWORD });
        expect(res.status).toBe(429);
        expect(res.body).toEqual({ error: 'account-locked' });
        expect(Number(res.headers.get('retry-after'))).toBe(15 * 60);
      }, 30_000);

      it('parallel wrong guesses count one by one: 10 at once lock the account', async () => {
        await createStaff(server, { email: 'parallel@example.org', role: 'coordinator', now: clock.now });
        const guesses = await Promise.all(
          Array.from({ length: 10 }, (_, i) => login({ email: 'parallel@example.org', password: `parallel-guess-${i}-q` })),
        );
        for (const g of guesses) expect([401, 429]).toContain(g.status);
        const row = await server.db.selectFrom('login_failures').selectAll().where('email', '=', 'parallel@example.org').executeTakeFirst();
        // The count restarts once the account is locked; the lock is what matters.
        expect(row?.locked_until, 'locked after 10 wrong guesses').not.toBeNull();
        const res = await login({ email: 'parallel@example.org', password: STAFF_PASSWORD });
        expect(res.status, `the right password after 10 parallel wrong guesses: ${res.text}`).toBe(429);
        expect(res.body).toEqual({ error: 'account-locked' });
      }, 30_000);
    });

    describe('sessions', () => {
      it('end after 30 minutes without a request', async () => {
        const client = staffClient(server);
        expect((await client.post('/login', { email: 'admin@example.org', password: STAFF_PASSWORD })).status).toBe(200);
        for (let i = 0; i < 3; i++) {
          clock.advance(29 * MINUTE_MS);
          expect((await client.get('/me')).status, `after ${(i + 1) * 29} minutes of activity`).toBe(200);
        }
        clock.advance(31 * MINUTE_MS);
        const res = await client.get('/me');
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'unauthenticated' });
        // And the session is gone for good, even if the clock went back.
        clock.advance(-31 * MINUTE_MS);
        expect((await client.get('/me')).status).toBe(401);
        clock.advance(31 * MINUTE_MS);
      });

      it('end 12 hours after sign-in, however active', async () => {
        const client = staffClient(server);
        expect((await client.post('/login', { email: 'admin@example.org', password: STAFF_PASSWORD })).status).toBe(200);
        const start = clock.now().getTime();
        while (clock.now().getTime() - start < 12 * HOUR_MS - 25 * MINUTE_MS) {
          clock.advance(25 * MINUTE_MS);
          const res = await client.get('/me');
          expect(res.status, `${(clock.now().getTime() - start) / MINUTE_MS} minutes in`).toBe(200);
        }
        clock.set(start + 12 * HOUR_MS + MINUTE_MS);
        const res = await client.get('/me');
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'unauthenticated' });
      });

      it('logout ends this session only; logout-everywhere ends every session of the user', async () => {
        const member = await createStaff(server, { email: 'two.devices@example.org', role: 'analyst', now: clock.now });
        const laptop = staffClient(server);
        const phone = staffClient(server);
        const other = staffClient(server);
        for (const jar of [laptop, phone, other]) expect((await jar.post('/login', { email: member.email, password: STAFF_PASSWORD })).status).toBe(200);
        expect((await admin.get('/me')).status).toBe(200);

        const old = other.cookie;
        const out = await other.post('/logout');
        expect(out.status).toBe(200);
        expect(out.headers.get('set-cookie')).toMatch(/^mv_session=;/);
        // The server forgot it: the old cookie, sent again, is no session.
        other.cookie = old;
        expect((await other.get('/me')).status).toBe(401);
        expect((await laptop.get('/me')).status).toBe(200);

        const everywhere = await laptop.post('/logout-everywhere');
        expect(everywhere.status).toBe(200);
        for (const [name, jar] of Object.entries({ member, laptop, phone })) {
          const res = await jar.get('/me');
          expect(res.status, name).toBe(401);
        }
        // Other people's sessions are untouched.
        expect((await admin.get('/me')).status).toBe(200);
        const sessions = await server.db.selectFrom('staff_sessions').select('id_hash').where('user_id', '=', member.id).execute();
        expect(sessions).toEqual([]);
        expect((await auditEntries(server, 'sign-out-everywhere')).map((e) => e.subject)).toContain(member.id);
      });

      it('an admin disabling a user ends their sessions at once, and they cannot sign in', async () => {
        const invite = await admin.post('/users', { email: 'Soon.Disabled@example.org', role: 'coordinator' });
        expect(invite.status, invite.text).toBe(201);
        expect(invite.body.link).toMatch(new RegExp(`^${server.url}/admin/setup#[A-Za-z0-9_-]+$`));
        const user = staffClient(server);
        const setup = await user.post('/setup', { token: linkToken(invite.body.link), password: STAFF_PASSWORD });
        expect(setup.status, setup.text).toBe(201);
        expect(setup.body.user).toMatchObject({ email: 'soon.disabled@example.org', role: 'coordinator' });
        const second = staffClient(server);
        expect((await second.post('/login', { email: 'soon.disabled@example.org', password: STAFF_PASSWORD })).status).toBe(200);
        expect((await user.get('/me')).status).toBe(200);

        const id = setup.body.user.id as string;
        const res = await admin.request('PATCH', `/users/${id}`, { body: { disabled: true } });
        expect(res.status, res.text).toBe(200);
        expect((await user.get('/me')).status).toBe(401);
        expect((await second.get('/me')).status).toBe(401);
        const again = await login({ email: 'soon.disabled@example.org', password: STAFF_PASSWORD });
        expect(again.status).toBe(401);
        expect(again.body).toEqual({ error: 'invalid-credentials' });
        expect((await admin.get('/users')).body.users).toContainEqual(expect.objectContaining({ id, disabled: true }));
        expect((await auditEntries(server, 'staff-changed')).at(-1)).toMatchObject({ actor: 'admin@example.org', subject: 'soon.disabled@example.org', detail: { disabled: true } });

        // An admin cannot disable themself.
        const self = await admin.request('PATCH', `/users/${admin.id}`, { body: { disabled: true } });
        expect(self.status).toBe(403);
        expect((await admin.get('/me')).status).toBe(200);
      });
    });

    describe('cross-site requests', () => {
      const tokens = () => server.db.selectFrom('one_time_tokens').selectAll().execute();

      it('are refused with 403 cross-site-request and change nothing', async () => {
        const target = await createStaff(server, { email: 'target@example.org', role: 'analyst', now: clock.now });
        const before = { tokens: await tokens(), audit: await auditEntries(server), users: await admin.get('/users') };
        const attempts: { name: string; headers: Record<string, string> }[] = [
          { name: 'Sec-Fetch-Site: cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
          { name: 'Sec-Fetch-Site: same-site', headers: { 'sec-fetch-site': 'same-site' } },
          { name: 'foreign Origin', headers: { origin: 'https://evil.example' } },
          { name: 'foreign Origin with null', headers: { origin: 'null' } },
        ];
        for (const { name, headers } of attempts) {
          const invite = await admin.request('POST', '/users', { body: { email: 'csrf@example.org', role: 'admin' }, headers, crossSite: true });
          expect(invite.status, name).toBe(403);
          expect(invite.body, name).toEqual({ error: 'cross-site-request' });
          const disable = await admin.request('PATCH', `/users/${target.id}`, { body: { disabled: true }, headers, crossSite: true });
          expect(disable.status, name).toBe(403);
          expect(disable.body, name).toEqual({ error: 'cross-site-request' });
          const everywhere = await target.request('POST', '/logout-everywhere', { headers, crossSite: true });
          expect(everywhere.status, name).toBe(403);
          const signIn = staffClient(server);
          const res = await signIn.request('POST', '/login', { body: { email: 'admin@example.org', password: STAFF_PASSWORD }, headers, crossSite: true });
          expect(res.status, name).toBe(403);
          expect(signIn.cookie, name).toBeUndefined();
        }
        expect(await tokens()).toEqual(before.tokens);
        expect(await auditEntries(server)).toEqual(before.audit);
        expect((await admin.get('/users')).body).toEqual(before.users.body);
        expect((await target.get('/me')).status).toBe(200);
      });

      it('our own pages are let through: a matching Origin, or Sec-Fetch-Site same-origin or none', async () => {
        const viaOrigin = await admin.request('POST', '/devices/invites', { body: { name: 'Origin tablet' }, headers: { origin: server.url }, crossSite: true });
        expect(viaOrigin.status, viaOrigin.text).toBe(201);
        const viaNone = await admin.request('POST', '/devices/invites', { body: { name: 'Typed tablet' }, headers: { 'sec-fetch-site': 'none' }, crossSite: true });
        expect(viaNone.status, viaNone.text).toBe(201);
        // Sec-Fetch-Site wins over Origin when a browser sends both.
        const both = await admin.request('POST', '/devices/invites', { body: { name: 'Both tablet' }, headers: { origin: server.url, 'sec-fetch-site': 'cross-site' }, crossSite: true });
        expect(both.status).toBe(403);
      });
    });

    describe('the session cookie', () => {

      it('is HttpOnly, SameSite=Strict, Path=/, 12 hours, and not Secure over plain HTTP', async () => {
        const client = staffClient(server);
        const res = await client.post('/login', { email: 'admin@example.org', password: STAFF_PASSWORD });
        expect(res.status).toBe(200);
        const line = res.headers.get('set-cookie') ?? '';
        expect(line).toMatch(/^mv_session=[A-Za-z0-9_-]{43};/);
        const f = flags(line);
        expect(f).toContain('httponly');
        expect(f).toContain('samesite=strict');
        expect(f).toContain('path=/');
        expect(f).toContain(`max-age=${12 * 60 * 60}`);
        expect(f).not.toContain('secure');
        // The setup answer sets the same kind of cookie.
        expect(flags(admin.setCookies[0] ?? '')).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
        expect(flags(admin.setCookies[0] ?? '')).not.toContain('secure');
        // The database holds only a hash of the session id.
        const id = client.cookie ?? '';
        const rows = await server.db.selectFrom('staff_sessions').selectAll().execute();
        expect(JSON.stringify(rows)).not.toContain(id);
      });
    });

    describe('two-step sign-in (TOTP)', () => {
      it('setup then enable with a code; then sign-in needs the code: missing → totp-required, wrong → invalid-totp, right → 200', async () => {
        const member = await createStaff(server, { email: 'totp.user@example.org', role: 'analyst', now: clock.now });
        const setup = await member.post('/totp/setup');
        expect(setup.status, setup.text).toBe(200);
        const secret = setup.body.secret as string;
        expect(secret).toMatch(/^[A-Z2-7]{32}$/);
        expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Many%20Voices:totp\.user%40example\.org\?/);
        expect(setup.body.uri).toContain(`secret=${secret}`);

        // Before it is enabled, sign-in needs no code, and a wrong code does not enable it.
        const wrongEnable = await member.post('/totp/enable', { code: totpCode(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS)) });
        expect(wrongEnable.status).toBe(401);
        expect(wrongEnable.body).toEqual({ error: 'invalid-totp' });
        expect((await login({ email: member.email, password: STAFF_PASSWORD })).status).toBe(200);

        const enable = await member.post('/totp/enable', { code: totpCode(secret, clock.now()) });
        expect(enable.status, enable.text).toBe(200);
        expect((await member.get('/me')).body.user).toMatchObject({ totpEnabled: true });
        expect((await auditEntries(server, 'totp-enabled')).map((e) => e.subject)).toContain(member.id);
        // It cannot be set up again over the top of itself.
        expect((await member.post('/totp/setup')).status).toBe(409);

        const missing = await login({ email: member.email, password: STAFF_PASSWORD });
        expect(missing.status).toBe(401);
        expect(missing.body).toEqual({ error: 'totp-required' });
        expect(missing.headers.get('set-cookie')).toBeNull();
        const wrong = await login({ email: member.email, password: STAFF_PASSWORD, totp: totpCode(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS)) });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toEqual({ error: 'invalid-totp' });
        expect(wrong.headers.get('set-cookie')).toBeNull();
        // The code does not rescue a wrong password.
        const badPassword = await login({ email: member.email, password: 'not-the-password-at-all', totp: totpCode(secret, clock.now()) });
        expect(badPassword.body).toEqual({ error: 'invalid-credentials' });

        const client = staffClient(server);
        const right = await client.post('/login', { email: member.email, password: STAFF_PASSWORD, totp: totpCode(secret, clock.now()) });
        expect(right.status, right.text).toBe(200);
        expect(right.body.user).toMatchObject({ email: member.email, totpEnabled: true });
        expect((await client.get('/me')).status).toBe(200);
      });

      it('wrong codes count towards the lockout like wrong passwords, so the 6 digits cannot be guessed at leisure', async () => {
        const member = await createStaff(server, { email: 'totp.guessed@example.org', role: 'analyst', now: clock.now });
        const secret = (await member.post('/totp/setup')).body.secret as string;
        expect((await member.post('/totp/enable', { code: totpCode(secret, clock.now()) })).status).toBe(200);
        const wrongCode = totpCode(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS));
        for (let i = 1; i <= 5; i++) {
          const res = await login({ email: member.email, password: STAFF_PASSWORD, totp: wrongCode });
          expect([401, 429], `guess ${i}`).toContain(res.status);
        }
        const res = await login({ email: member.email, password: STAFF_PASSWORD, totp: totpCode(secret, clock.now()) });
        expect(res.status, `the right code after 5 wrong ones: ${res.text}`).toBe(429);
        expect(res.body).toEqual({ error: 'account-locked' });
      }, 30_000);
    });
  });

  // A server of its own, after the one above has closed (two test schemas at once confuse the PG migrator).
  describe(`staff session cookie over HTTPS on ${database.name}`, () => {
    it('is Secure when served over HTTPS', async () => {
      const clock = testClock();
      const secure = await startServer(database, { https: true, now: clock.now, loginRate: generousLogins });
      try {
        const member = await createStaff(secure, { email: 'https.admin@example.org', role: 'admin', now: clock.now });
        expect(flags(member.setCookies[0] ?? '')).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
        const res = await staffClient(secure).post('/login', { email: 'https.admin@example.org', password: STAFF_PASSWORD });
        expect(res.status).toBe(200);
        expect(flags(res.headers.get('set-cookie') ?? '')).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      } finally {
        await secure.close();
      }
    });
  });
}
