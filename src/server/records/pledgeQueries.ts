import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../core/staff';
import type { Database } from '../db/schema';

/** Pledges within a report filter: days are inclusive, compared on the device's creation time. */
export function pledgeQuery(db: Kysely<Database>, filter: ReportFilter) {
  let q = db.selectFrom('pledges');
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  // ISO instants sort as text; every instant of the `to` day starts with that day and is at most this.
  if (filter.to) q = q.where('created_at', '<=', `${filter.to}T23:59:59.999Z`);
  if (filter.ward) q = q.where('ward', '=', filter.ward);
  return q;
}

/** The public pledge wall: approved messages, newest first, and how many pledges each ward has. */
export async function pledgeWall(db: Kysely<Database>, limit = 60) {
  const [messages, byWard] = await Promise.all([
    db
      .selectFrom('pledges')
      .select(['id', 'name', 'ward', 'message', 'created_at', 'locale'])
      .where('moderation', '=', 'approved')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
    db.selectFrom('pledges').select(['ward', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('ward').execute(),
  ]);
  return {
    messages: messages.map((m) => ({ id: m.id, name: m.name, ward: m.ward, message: m.message ?? '', day: m.created_at.slice(0, 10), locale: m.locale })),
    byWard: byWard.map((r) => ({ ward: r.ward, count: Number(r.n) })),
  };
}

/** The day after `day` (YYYY-MM-DD), for exclusive upper bounds. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
