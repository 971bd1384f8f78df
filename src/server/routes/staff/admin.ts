import * as v from 'valibot';
import { renderSVG } from 'uqr';
import { DeviceInviteRequest, InviteStaffRequest, UpdateStaffRequest } from '../../../core/staff';
import type { AppContext } from '../../context';
import { problem, readBody, readQuery } from '../../http/problem';
import { audit } from '../../staff/audit';
import { endAllSessions, newToken, tokenHash } from '../../staff/sessions';
import type { Endpoint } from './endpoint';

const DAY_MS = 24 * 60 * 60_000;

/** Users, devices and the audit log: admins only. */
export function adminEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  const admin = ['admin'] as const;
  const origin = (c: Parameters<Endpoint['handle']>[0]) => ctx.publicOrigin ?? new URL(c.req.url).origin;

  return [
    {
      method: 'GET',
      path: '/users',
      roles: admin,
      handle: async (c) => {
        const users = await db.selectFrom('staff_users').select(['id', 'email', 'role', 'disabled', 'totp_enabled', 'created_at']).orderBy('email').execute();
        return c.json({ users: users.map((u) => ({ id: u.id, email: u.email, role: u.role, disabled: u.disabled === 1, totpEnabled: u.totp_enabled === 1, createdAt: u.created_at })) });
      },
    },
    {
      // Staff are invited by a one-time link; nobody else ever sees or sets their password.
      method: 'POST',
      path: '/users',
      roles: admin,
      handle: async (c, staff) => {
        const body = await readBody(c, InviteStaffRequest);
        if (!body.ok) return body.response;
        const exists = await db.selectFrom('staff_users').select('id').where('email', '=', body.value.email).executeTakeFirst();
        if (exists) return problem(c, 'already-exists', 'A staff account with this email exists.');
        const token = newToken();
        const expiresAt = new Date(ctx.now().getTime() + 7 * DAY_MS).toISOString();
        await db.insertInto('one_time_tokens').values({ token_hash: tokenHash(token), purpose: 'setup', label: JSON.stringify(body.value), created_by: staff.id, expires_at: expiresAt, used_at: null }).execute();
        await audit(db, { actor: staff.email, action: 'staff-invited', subject: body.value.email, detail: { role: body.value.role }, at: ctx.now() });
        return c.json({ link: `${origin(c)}/admin/setup#${token}`, expiresAt }, 201);
      },
    },
    {
      method: 'PATCH',
      path: '/users/:id',
      roles: admin,
      handle: async (c, staff) => {
        const body = await readBody(c, UpdateStaffRequest);
        if (!body.ok) return body.response;
        const id = c.req.param('id') ?? '';
        const user = await db.selectFrom('staff_users').select(['id', 'email']).where('id', '=', id).executeTakeFirst();
        if (!user) return problem(c, 'not-found');
        if (id === staff.id && (body.value.disabled || (body.value.role && body.value.role !== 'admin'))) {
          return problem(c, 'forbidden', 'You cannot disable yourself or remove your own admin role.');
        }
        const changes: { role?: string; disabled?: number } = {};
        if (body.value.role) changes.role = body.value.role;
        if (body.value.disabled !== undefined) changes.disabled = body.value.disabled ? 1 : 0;
        if (Object.keys(changes).length) await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
        // Disabling a user, or changing what they may see, ends their sessions at once.
        await endAllSessions(db, id);
        await audit(db, { actor: staff.email, action: 'staff-changed', subject: user.email, detail: body.value, at: ctx.now() });
        return c.json({ ok: true });
      },
    },
    {
      method: 'GET',
      path: '/audit',
      roles: admin,
      handle: async (c) => {
        const q = readQuery(c, v.object({ action: v.optional(v.pipe(v.string(), v.maxLength(60))), actor: v.optional(v.pipe(v.string(), v.maxLength(254))), limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/))) }));
        if (!q.ok) return q.response;
        let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').limit(Math.min(1000, Number(q.value.limit ?? 200)));
        if (q.value.action) query = query.where('action', '=', q.value.action);
        if (q.value.actor) query = query.where('actor', '=', q.value.actor.toLowerCase());
        const rows = await query.execute();
        return c.json({ entries: rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null })) });
      },
    },
    {
      method: 'GET',
      path: '/devices',
      roles: admin,
      handle: async (c) => {
        const devices = await db.selectFrom('devices').leftJoin('staff_users', 'staff_users.id', 'devices.enrolled_by').select(['devices.id', 'devices.name', 'devices.enrolled_at', 'devices.revoked_at', 'devices.last_sync_at', 'staff_users.email as enrolled_by']).orderBy('devices.enrolled_at', 'desc').execute();
        const received = await db.selectFrom('records').select(['device_id', (eb) => eb.fn.countAll<number>().as('n')]).where('device_id', 'is not', null).groupBy('device_id').execute();
        const refused = await db.selectFrom('rejections').select(['device_id', 'reason', (eb) => eb.fn.countAll<number>().as('n')]).where('device_id', 'is not', null).groupBy(['device_id', 'reason']).execute();
        return c.json({
          devices: devices.map((d) => ({
            id: d.id,
            name: d.name,
            enrolledBy: d.enrolled_by,
            enrolledAt: d.enrolled_at,
            revokedAt: d.revoked_at,
            lastSyncAt: d.last_sync_at,
            received: Number(received.find((r) => r.device_id === d.id)?.n ?? 0),
            refused: refused.filter((r) => r.device_id === d.id).map((r) => ({ reason: r.reason, count: Number(r.n) })),
          })),
        });
      },
    },
    {
      method: 'POST',
      path: '/devices/invites',
      roles: admin,
      handle: async (c, staff) => {
        const body = await readBody(c, DeviceInviteRequest);
        if (!body.ok) return body.response;
        const code = newToken();
        const expiresAt = new Date(ctx.now().getTime() + DAY_MS).toISOString();
        await db.insertInto('one_time_tokens').values({ token_hash: tokenHash(code), purpose: 'device-invite', label: body.value.name, created_by: staff.id, expires_at: expiresAt, used_at: null }).execute();
        await audit(db, { actor: staff.email, action: 'device-invited', subject: body.value.name, at: ctx.now() });
        const link = `${origin(c)}/enrol#${code}`;
        return c.json({ code, link, qrSvg: renderSVG(link, { border: 2 }), expiresAt }, 201);
      },
    },
    {
      method: 'POST',
      path: '/devices/:id/revoke',
      roles: admin,
      handle: async (c, staff) => {
        const id = c.req.param('id') ?? '';
        const done = await db.updateTable('devices').set({ revoked_at: ctx.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) return problem(c, 'not-found');
        await audit(db, { actor: staff.email, action: 'device-revoked', subject: id, at: ctx.now() });
        return c.json({ ok: true });
      },
    },
    {
      method: 'GET',
      path: '/retention/runs',
      roles: admin,
      handle: async (c) => c.json({ runs: await db.selectFrom('retention_runs').selectAll().orderBy('at', 'desc').limit(100).execute() }),
    },
  ];
}

