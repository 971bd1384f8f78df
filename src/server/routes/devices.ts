import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { EnrolRequest } from '../../core/staff';
import type { AppContext } from '../context';
import { problem, readBody } from '../http/problem';
import { audit } from '../staff/audit';
import { newToken, tokenHash } from '../staff/sessions';

/** POST /api/v1/devices/enrol: a one-time invite code becomes a device token (shown once, stored hashed). */
export function deviceRoutes(ctx: AppContext) {
  const app = new Hono();
  const db = ctx.db.db;
  app.post('/enrol', async (c) => {
    const limited = ctx.loginLimiter.take(ctx.clientAddress(c), 1);
    if (!limited.ok) {
      c.header('Retry-After', String(limited.retryAfter));
      return problem(c, 'rate-limited');
    }
    const body = await readBody(c, EnrolRequest);
    if (!body.ok) return body.response;
    const now = ctx.now();
    const token = newToken();
    const id = uuidv7();
    const outcome = await db.transaction().execute(async (tx) => {
      const invite = await tx.selectFrom('one_time_tokens').selectAll().where('token_hash', '=', tokenHash(body.value.code)).where('purpose', '=', 'device-invite').executeTakeFirst();
      if (!invite || invite.used_at || Date.parse(invite.expires_at) < now.getTime()) return undefined;
      const used = await tx.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('token_hash', '=', invite.token_hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return undefined;
      const name = invite.label ?? 'Outreach device';
      await tx.insertInto('devices').values({ id, name, token_hash: tokenHash(token), enrolled_by: invite.created_by, enrolled_at: now.toISOString(), revoked_at: null, last_sync_at: null }).execute();
      return { name };
    });
    if (!outcome) return problem(c, 'link-invalid');
    await audit(db, { actor: `device:${id}`, action: 'device-enrolled', subject: outcome.name, at: now });
    return c.json({ deviceId: id, name: outcome.name, token }, 201);
  });
  return app;
}
