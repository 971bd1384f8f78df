import type { Kysely, Transaction } from 'kysely';
import { valuesOf, type BalanceCategory } from '../../core/panels/answers';
import type { CategoryQuotas, PanelFormat, PanelStatus, PublicPanel, StaffPanel } from '../../core/panels/panel';
import type { PanelGate } from '../../core/records/signup';
import type { Database } from '../db/schema';

/** Panel and sign-up queries. Contact columns are read only by the functions that say so (coordinator, admin). */

type Db = Kysely<Database> | Transaction<Database>;

export function staffPanelJson(row: Database['panels'], signups: number): StaffPanel {
  return {
    id: row.id,
    topic: JSON.parse(row.topic) as Record<string, string>,
    description: JSON.parse(row.description) as Record<string, string>,
    format: row.format as PanelFormat,
    place: row.place ?? undefined,
    ward: row.ward ?? undefined,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    signupDeadline: row.signup_deadline,
    size: row.size,
    reserves: row.reserves,
    minAge: row.min_age,
    categories: JSON.parse(row.categories) as BalanceCategory[],
    quotas: JSON.parse(row.quotas) as CategoryQuotas[],
    status: row.status as PanelStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signups,
  };
}

/** Sign-ups per panel. */
export async function signupCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('signup_panels')
    .select(['panel_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('panel_id')
    .execute();
  return new Map(rows.map((r) => [r.panel_id, Number(r.n)]));
}

/** What the sign-up check needs of the panels a batch names. */
export async function panelGates(db: Db, ids: string[]): Promise<PanelGate[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('panels').select(['id', 'min_age', 'signup_deadline', 'status']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, minAge: r.min_age, signupDeadline: r.signup_deadline, status: r.status as PanelStatus }));
}

/**
 * Open panels for the catalog: status open and the deadline not yet passed, soonest deadline first. (Late
 * offline sign-ups are still taken within the grace days; the list only stops offering the panel.)
 */
export async function openPanels(db: Db, now: Date): Promise<PublicPanel[]> {
  const rows = await db
    .selectFrom('panels')
    .selectAll()
    .where('status', '=', 'open')
    .where('signup_deadline', '>', now.toISOString())
    .orderBy('signup_deadline')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: JSON.parse(r.topic) as Record<string, string>,
    description: JSON.parse(r.description) as Record<string, string>,
    format: r.format as PanelFormat,
    place: r.place,
    ward: r.ward,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    signupDeadline: r.signup_deadline,
    minAge: r.min_age,
    size: r.size,
  }));
}

/**
 * Each sign-up's value in every balance category (no contact details, no own-words text): for a panel, or
 * every sign-up when `panelId` is null. Answers whose use the resident stopped are gone, so read as
 * 'prefer-not-to-say'.
 */
export async function poolValues(db: Db, panelId: string | null): Promise<{ id: string; values: Record<BalanceCategory, string> }[]> {
  let q = db
    .selectFrom('signups')
    .leftJoin('signup_equality', 'signup_equality.signup_id', 'signups.id')
    .select([
      'signups.id as id',
      'signups.age_band as ageBand',
      'signup_equality.gender as gender',
      'signup_equality.ethnicity as ethnicity',
      'signup_equality.disability as disability',
      'signup_equality.ward as ward',
      'signup_equality.religion as religion',
    ])
    .orderBy('signups.created_at')
    .orderBy('signups.id');
  if (panelId !== null) {
    q = q.innerJoin('signup_panels', 'signup_panels.signup_id', 'signups.id').where('signup_panels.panel_id', '=', panelId);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, values: valuesOf(r) }));
}

/** A panel's sign-ups with contact details and access needs: for coordinators and admins only. */
export async function panelSignupsWithContacts(db: Db, panelId: string) {
  const rows = await db
    .selectFrom('signups')
    .select([
      'id',
      'name',
      'email',
      'phone',
      'age_band',
      'preferred_language',
      'preferred_language_other',
      'access_needs',
      'access_notes',
      'locale',
      'received_at',
    ])
    .where('id', 'in', (eb) => eb.selectFrom('signup_panels').select('signup_id').where('panel_id', '=', panelId))
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    ageBand: r.age_band,
    preferredLanguage: r.preferred_language,
    preferredLanguageOther: r.preferred_language_other,
    accessNeeds: JSON.parse(r.access_needs) as string[],
    accessNotes: r.access_notes,
    locale: r.locale,
    receivedAt: r.received_at,
  }));
}
