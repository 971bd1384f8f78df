import { sql } from 'kysely';
import * as v from 'valibot';
import { ModerationDecision, ReportFilter } from '../../../core/staff';
import type { AppContext } from '../../context';
import { problem, readBody, readQuery } from '../../http/problem';
import { findPersonalData } from '../../../core/personalData';
import { audit } from '../../staff/audit';
import { pledgeQuery } from '../../records/pledgeQueries';
import type { Endpoint } from './endpoint';

/** The pledge overview (aggregates) and the pledge-wall moderation queue. */
export function pledgeEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  return [
    {
      method: 'GET',
      path: '/pledges/overview',
      roles: ['admin', 'analyst'],
      handle: async (c) => {
        const q = readQuery(c, ReportFilter);
        if (!q.ok) return q.response;
        const base = () => pledgeQuery(db, q.value);
        const day = sql<string>`substr(created_at, 1, 10)`;
        const [total, byDay, byWard, byLanguage, refused, waiting] = await Promise.all([
          base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
          base().select([day.as('day'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(day).orderBy(day).execute(),
          base().select(['ward', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('ward').orderBy('ward').execute(),
          base().select(['locale', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('locale').orderBy('locale').execute(),
          db.selectFrom('rejections').select(['reason', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('reason').orderBy('reason').execute(),
          db.selectFrom('pledges').select((eb) => eb.fn.countAll<number>().as('n')).where('moderation', 'in', ['pending', 'held']).executeTakeFirstOrThrow(),
        ]);
        return c.json({
          total: Number(total.n),
          byDay: byDay.map((r) => ({ day: r.day, count: Number(r.n) })),
          byWard: byWard.map((r) => ({ ward: r.ward, count: Number(r.n) })),
          byLanguage: byLanguage.map((r) => ({ locale: r.locale, count: Number(r.n) })),
          refusedByReason: refused.map((r) => ({ reason: r.reason, count: Number(r.n) })),
          awaitingModeration: Number(waiting.n),
        });
      },
    },
    {
      method: 'GET',
      path: '/pledges/moderation',
      roles: ['admin'],
      handle: async (c) => {
        const q = readQuery(c, v.object({ status: v.optional(v.picklist(['pending', 'held', 'approved', 'rejected'], 'invalid-choice')) }));
        if (!q.ok) return q.response;
        const statuses = q.value.status ? [q.value.status] : ['pending', 'held'];
        const rows = await db
          .selectFrom('pledges')
          .select(['id', 'name', 'ward', 'message', 'moderation', 'created_at', 'locale'])
          .where('moderation', 'in', statuses)
          .orderBy('received_at', 'desc')
          .limit(200)
          .execute();
        return c.json({
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            ward: r.ward,
            message: r.message,
            status: r.moderation,
            createdAt: r.created_at,
            locale: r.locale,
            // Why a message is held: the kinds of personal data it seems to contain.
            heldFor: r.moderation === 'held' && r.message ? findPersonalData(r.message) : [],
          })),
        });
      },
    },
    {
      method: 'POST',
      path: '/pledges/:id/moderation',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, ModerationDecision);
        if (!body.ok) return body.response;
        const id = c.req.param('id') ?? '';
        const status = body.value.decision === 'approve' ? 'approved' : 'rejected';
        const done = await db
          .updateTable('pledges')
          .set({ moderation: status, moderated_at: ctx.now().toISOString(), moderated_by: staff.email })
          .where('id', '=', id)
          .where('moderation', '!=', 'none')
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) return problem(c, 'not-found');
        await audit(db, { actor: staff.email, action: 'pledge-moderated', subject: id, detail: { decision: status }, at: ctx.now() });
        return c.json({ ok: true, status });
      },
    },
  ];
}
