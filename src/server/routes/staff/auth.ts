import { Hono } from 'hono';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { v7 as uuidv7 } from 'uuid';
import { LoginRequest, SetupRequest, TotpCode, type StaffRole } from '../../../core/staff';
import type { AppContext } from '../../context';
import { fieldsProblem, problem, readBody } from '../../http/problem';
import { audit } from '../../staff/audit';
import { DUMMY_HASH, hashPassword, isWeakPassword, verifyPassword } from '../../staff/passwords';
import { endAllSessions, endSession, startSession, tokenHash } from '../../staff/sessions';
import type { Endpoint } from './endpoint';
import { ALL_ROLES } from './endpoint';

const LOCK_AFTER = 5;
const LOCK_MS = 15 * 60_000;

const totpFor = (email: string, secret: string) =>
  new OTPAuth.TOTP({ issuer: 'Many Voices', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });

/** Sign-in, first-admin setup and invitation links: reachable without a session. */
export function publicStaffRoutes(ctx: AppContext) {
  const app = new Hono();
  const db = ctx.db.db;

  // Is this one-time link still good? (So the setup page can say so before a password is typed.)
  app.get('/setup/:token', async (c) => {
    const row = await db.selectFrom('one_time_tokens').selectAll().where('token_hash', '=', tokenHash(c.req.param('token'))).where('purpose', '=', 'setup').executeTakeFirst();
    if (!row || row.used_at || Date.parse(row.expires_at) < ctx.now().getTime()) return problem(c, 'link-invalid');
    const invited = row.label ? (JSON.parse(row.label) as { email?: string; role?: string }) : {};
    return c.json({ email: invited.email ?? null, role: invited.role ?? 'admin' });
  });

  app.post('/setup', async (c) => {
    const body = await readBody(c, SetupRequest);
    if (!body.ok) return body.response;
    const { token, password } = body.value;
    const now = ctx.now();
    const row = await db.selectFrom('one_time_tokens').selectAll().where('token_hash', '=', tokenHash(token)).where('purpose', '=', 'setup').executeTakeFirst();
    if (!row || row.used_at || Date.parse(row.expires_at) < now.getTime()) return problem(c, 'link-invalid');
    const invited = row.label ? (JSON.parse(row.label) as { email?: string; role?: StaffRole }) : {};
    const email = invited.email ?? body.value.email;
    if (!email) return fieldsProblem(c, [{ field: 'email', code: 'required' }]);
    if (isWeakPassword(password, [email, ...email.split(/[@.]/)])) return fieldsProblem(c, [{ field: 'password', code: 'weak-password' }]);
    const role: StaffRole = invited.role ?? 'admin';
    const passwordHash = await hashPassword(password);
    const id = uuidv7();
    const created = await db.transaction().execute(async (tx) => {
      // Used once: the update only succeeds for the first request that gets here.
      const used = await tx.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('token_hash', '=', row.token_hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return 'used' as const;
      const existing = await tx.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirst();
      if (existing) return 'exists' as const;
      await tx.insertInto('staff_users').values({ id, email, role, password_hash: passwordHash, totp_secret: null, totp_enabled: 0, disabled: 0, created_at: now.toISOString() }).execute();
      return 'ok' as const;
    });
    if (created === 'used') return problem(c, 'link-invalid');
    if (created === 'exists') return problem(c, 'already-exists', 'A staff account with this email exists.');
    await audit(db, { actor: email, action: 'staff-created', subject: id, detail: { role }, at: now });
    await startSession(db, c, id, now, ctx.https);
    return c.json({ user: { id, email, role, totpEnabled: false } }, 201);
  });

  app.post('/login', async (c) => {
    const limited = ctx.loginLimiter.take(ctx.clientAddress(c), 1);
    if (!limited.ok) {
      c.header('Retry-After', String(limited.retryAfter));
      return problem(c, 'rate-limited');
    }
    const body = await readBody(c, LoginRequest);
    if (!body.ok) return body.response;
    const { email, password, totp } = body.value;
    const now = ctx.now();
    const failures = await db.selectFrom('login_failures').selectAll().where('email', '=', email).executeTakeFirst();
    if (failures?.locked_until && Date.parse(failures.locked_until) > now.getTime()) {
      c.header('Retry-After', String(Math.ceil((Date.parse(failures.locked_until) - now.getTime()) / 1000)));
      return problem(c, 'account-locked');
    }
    const user = await db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
    const passwordOk = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !passwordOk || user.disabled) {
      await recordFailure(email, now);
      return problem(c, 'invalid-credentials');
    }
    if (user.totp_enabled && user.totp_secret) {
      if (!totp) return problem(c, 'totp-required');
      if (totpFor(user.email, user.totp_secret).validate({ token: totp, window: 1, timestamp: now.getTime() }) === null) {
        // A wrong code counts like a wrong password: the six digits cannot be guessed at leisure.
        await recordFailure(email, now);
        return problem(c, 'invalid-totp');
      }
    }
    await db.deleteFrom('login_failures').where('email', '=', email).execute();
    await startSession(db, c, user.id, now, ctx.https);
    await audit(db, { actor: user.email, action: 'sign-in', subject: user.id, at: now });
    return c.json({ user: { id: user.id, email: user.email, role: user.role, totpEnabled: user.totp_enabled === 1 } });
  });

  /** Count a failed attempt atomically (parallel guesses each count), lock after LOCK_AFTER, then slow the answer. */
  async function recordFailure(email: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await db
      .insertInto('login_failures')
      .values({ email, failures: 1, locked_until: null, updated_at: at })
      .onConflict((oc) => oc.column('email').doUpdateSet({ failures: sql<number>`login_failures.failures + 1`, updated_at: at }))
      .execute();
    const lockedUntil = new Date(now.getTime() + LOCK_MS).toISOString();
    await db.updateTable('login_failures').set({ locked_until: lockedUntil, failures: 0 }).where('email', '=', email).where('failures', '>=', LOCK_AFTER).execute();
    const row = await db.selectFrom('login_failures').select('failures').where('email', '=', email).executeTakeFirst();
    await audit(db, { actor: email, action: 'sign-in-failed', at: now, detail: { failures: row?.failures ?? 0 } });
    await new Promise((r) => setTimeout(r, Math.min(2000, 200 * Math.max(1, row?.failures ?? 1))));
  }

  app.post('/logout', async (c) => {
    await endSession(db, c);
    return c.json({ ok: true });
  });
  return app;
}

/** Session endpoints every signed-in staff member has. */
export function accountEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  return [
    { method: 'GET', path: '/me', roles: ALL_ROLES, handle: (c, staff) => c.json({ user: staff }) },
    {
      method: 'POST',
      path: '/logout-everywhere',
      roles: ALL_ROLES,
      handle: async (c, staff) => {
        await endAllSessions(db, staff.id);
        await audit(db, { actor: staff.email, action: 'sign-out-everywhere', subject: staff.id, at: ctx.now() });
        return c.json({ ok: true });
      },
    },
    {
      method: 'POST',
      path: '/totp/setup',
      roles: ALL_ROLES,
      handle: async (c, staff) => {
        if (staff.totpEnabled) return problem(c, 'already-exists', 'Two-step sign-in is already on.');
        const secret = new OTPAuth.Secret({ size: 20 }).base32;
        await db.updateTable('staff_users').set({ totp_secret: secret }).where('id', '=', staff.id).execute();
        return c.json({ secret, uri: totpFor(staff.email, secret).toString() });
      },
    },
    {
      method: 'POST',
      path: '/totp/enable',
      roles: ALL_ROLES,
      handle: async (c, staff) => {
        const body = await readBody(c, TotpCode);
        if (!body.ok) return body.response;
        const row = await db.selectFrom('staff_users').select('totp_secret').where('id', '=', staff.id).executeTakeFirst();
        if (!row?.totp_secret) return fieldsProblem(c, [{ field: 'code', code: 'invalid-format' }]);
        if (totpFor(staff.email, row.totp_secret).validate({ token: body.value.code, window: 1, timestamp: ctx.now().getTime() }) === null) {
          return problem(c, 'invalid-totp');
        }
        await db.updateTable('staff_users').set({ totp_enabled: 1 }).where('id', '=', staff.id).execute();
        await audit(db, { actor: staff.email, action: 'totp-enabled', subject: staff.id, at: ctx.now() });
        return c.json({ ok: true });
      },
    },
  ];
}
