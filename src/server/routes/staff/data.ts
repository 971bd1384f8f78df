import * as v from 'valibot';
import { ReportFilter, RightsRequest } from '../../../core/staff';
import { ReferenceFigures } from '../../../core/profile/reference';
import { canonicalEmail } from '../../../core/text';
import { TownProfile } from '../../../core/profile/schema';
import type { AppContext } from '../../context';
import { csvDownload } from '../../http/download';
import { fieldsProblem, problem, readBody, readQuery } from '../../http/problem';
import { pledgeQuery } from '../../records/pledgeQueries';
import { audit } from '../../staff/audit';
import type { StaffUser } from '../../staff/sessions';
import { toFieldErrors } from '../../../core/validation';
import type { Endpoint } from './endpoint';
import { stopEqualityUse } from './panels';

/** Columns of a pledge export; contact columns go only to roles that may see contact details. */
const PLEDGE_COLUMNS = ['id', 'reference', 'created_at', 'received_at', 'locale', 'ward', 'moderation'] as const;
const PLEDGE_CONTACT_COLUMNS = ['name', 'message', 'show_message', 'email', 'email_consent'] as const;

const canSeeContacts = (staff: StaffUser) => staff.role === 'admin';


/** Exports, a person's rights (find, export, erase) and the town profile. */
export function dataEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  return [
    {
      method: 'GET',
      path: '/exports/pledges',
      roles: ['admin', 'analyst'],
      handle: async (c, staff) => {
        const q = readQuery(c, v.object({ ...ReportFilter.entries, format: v.optional(v.picklist(['csv', 'json'], 'invalid-choice')) }));
        if (!q.ok) return q.response;
        const columns: string[] = [...PLEDGE_COLUMNS, ...(canSeeContacts(staff) ? PLEDGE_CONTACT_COLUMNS : [])];
        const rows = await pledgeQuery(db, q.value).selectAll().orderBy('created_at').execute();
        const shaped = rows.map((r) => {
          const full: Record<string, unknown> = { ...r, reference: r.id.replace(/-/g, '').slice(-6).toUpperCase() };
          return Object.fromEntries(columns.map((col) => [col, full[col] ?? null]));
        });
        await audit(db, { actor: staff.email, action: 'export', subject: 'pledges', detail: { ...q.value, rows: shaped.length, contacts: canSeeContacts(staff) }, at: ctx.now() });
        const stamp = ctx.now().toISOString().slice(0, 10);
        if (q.value.format === 'json') {
          c.header('Content-Disposition', `attachment; filename="pledges-${stamp}.json"`);
          return c.json({ kind: 'pledge', exportedAt: ctx.now().toISOString(), filter: q.value, records: shaped });
        }
        return csvDownload(c, `pledges-${stamp}.csv`, columns, shaped);
      },
    },
    {
      method: 'POST',
      path: '/rights/search',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, RightsRequest);
        if (!body.ok) return body.response;
        const held = await heldFor(body.value);
        // Which kinds of contact were searched, never the contact itself.
        const subject = [body.value.email ? 'email' : '', body.value.phone ? 'phone' : ''].filter(Boolean).join('+');
        await audit(db, { actor: staff.email, action: 'rights-search', subject, detail: { found: held.pledges.length, signups: held.signups.length }, at: ctx.now() });
        await audit(db, { actor: staff.email, action: 'contact-viewed', subject: heldIds(held).join(',') || '(none)', at: ctx.now() });
        return c.json(held);
      },
    },
    {
      method: 'POST',
      path: '/rights/export',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, RightsRequest);
        if (!body.ok) return body.response;
        const held = await heldFor(body.value);
        await audit(db, { actor: staff.email, action: 'rights-export', subject: heldIds(held).join(',') || '(none)', at: ctx.now() });
        c.header('Content-Disposition', 'attachment; filename="subject-access.json"');
        return c.json({ exportedAt: ctx.now().toISOString(), controller: (await ctx.profile()).privacy.controller, ...held });
      },
    },
    {
      method: 'POST',
      path: '/rights/erase',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, RightsRequest);
        if (!body.ok) return body.response;
        const held = await heldFor(body.value);
        const ids = heldIds(held);
        const signupIds = held.signups.map((s) => s.id);
        const now = ctx.now().toISOString();
        if (ids.length) {
          await db.transaction().execute(async (tx) => {
            // The id is remembered as erased, so a device re-sending it gets `erased`, and it never comes back.
            await tx.insertInto('erased_ids').values(ids.map((id) => ({ id, erased_at: now }))).onConflict((oc) => oc.column('id').doNothing()).execute();
            await tx.deleteFrom('pledges').where('id', 'in', ids).execute();
            if (signupIds.length) {
              // A sign-up goes with its panel links, equality answers and any record of their withdrawal.
              await tx.deleteFrom('signup_panels').where('signup_id', 'in', signupIds).execute();
              await tx.deleteFrom('signup_equality').where('signup_id', 'in', signupIds).execute();
              await tx.deleteFrom('equality_withdrawals').where('signup_id', 'in', signupIds).execute();
              await tx.deleteFrom('signups').where('id', 'in', signupIds).execute();
            }
            await tx.deleteFrom('records').where('id', 'in', ids).execute();
          });
        }
        await audit(db, { actor: staff.email, action: 'erasure', subject: ids.join(',') || '(none)', detail: { count: ids.length }, at: ctx.now() });
        return c.json({ erased: ids.length });
      },
    },
    {
      method: 'POST',
      path: '/rights/stop-equality',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, RightsRequest);
        if (!body.ok) return body.response;
        const held = await heldFor(body.value);
        const stopped = await stopEqualityUse(ctx, held.signups.map((s) => s.id), staff.email);
        return c.json({ signups: held.signups.length, stopped });
      },
    },
    {
      // The town's reference figures alone, so the console's "Town figures" page cannot touch the rest.
      method: 'PUT',
      path: '/profile/reference',
      roles: ['admin'],
      handle: async (c, staff) => {
        const body = await readBody(c, v.object({ reference: v.nullable(ReferenceFigures) }));
        if (!body.ok) return body.response;
        const figures = body.value.reference;
        const { reference: _old, ...rest } = await ctx.profile();
        const profile: TownProfile = figures && Object.keys(figures.categories).length ? { ...rest, reference: figures } : rest;
        // The whole profile is checked again, as PUT /profile would.
        const parsed = v.safeParse(TownProfile, profile);
        if (!parsed.success) return fieldsProblem(c, toFieldErrors(parsed.issues));
        await saveProfile(parsed.output);
        await audit(db, { actor: staff.email, action: 'profile-changed', subject: 'reference', detail: { categories: Object.keys(parsed.output.reference?.categories ?? {}) }, at: ctx.now() });
        return c.json({ profile: parsed.output });
      },
    },
    {
      method: 'GET',
      path: '/profile',
      roles: ['admin', 'analyst', 'coordinator'],
      handle: async (c) => c.json({ profile: await ctx.profile() }),
    },
    {
      method: 'PUT',
      path: '/profile',
      roles: ['admin'],
      handle: async (c, staff) => {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          return problem(c, 'malformed-json');
        }
        const parsed = v.safeParse(TownProfile, (raw as { profile?: unknown } | null)?.profile);
        if (!parsed.success) return fieldsProblem(c, toFieldErrors(parsed.issues));
        await saveProfile(parsed.output);
        await audit(db, { actor: staff.email, action: 'profile-changed', at: ctx.now() });
        return c.json({ profile: parsed.output });
      },
    },
  ];

  async function saveProfile(profile: TownProfile) {
    const now = ctx.now().toISOString();
    const value = JSON.stringify(profile);
    await db
      .insertInto('settings')
      .values({ key: 'profile', value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }

  function heldIds(held: { pledges: { id: string }[]; signups: { id: string }[] }): string[] {
    return [...held.pledges.map((p) => p.id), ...held.signups.map((s) => s.id)];
  }

  /** Everything held for an email address or a phone number, across every kind that stores one. */
  async function heldFor(who: RightsRequest) {
    const canonical = who.email === undefined ? null : canonicalEmail(who.email);
    const phone = who.phone ?? null;
    // Emails are stored in canonical form (the pledge schema lower-cases them), so equality finds them all;
    // pledges hold no phone number.
    const pledges = canonical === null ? [] : await db.selectFrom('pledges').selectAll().where('email', '=', canonical).orderBy('created_at').execute();
    // Panel sign-ups too, by email or by phone (both stored normalised: lower case, E.164): contact details,
    // access needs, the panels chosen and any equality answers.
    const signupRows = await db
      .selectFrom('signups')
      .selectAll()
      .where((eb) => eb.or([...(canonical === null ? [] : [eb('email', '=', canonical)]), ...(phone === null ? [] : [eb('phone', '=', phone)])]))
      .orderBy('created_at')
      .execute();
    const ids = signupRows.map((s) => s.id);
    const links = ids.length ? await db.selectFrom('signup_panels').select(['signup_id', 'panel_id']).where('signup_id', 'in', ids).execute() : [];
    const equality = ids.length ? await db.selectFrom('signup_equality').selectAll().where('signup_id', 'in', ids).execute() : [];
    const withdrawn = ids.length ? await db.selectFrom('equality_withdrawals').selectAll().where('signup_id', 'in', ids).execute() : [];
    const signups = signupRows.map(({ person_key: _k, access_needs, ...rest }) => {
      const { signup_id: _s, ...answers } = equality.find((e) => e.signup_id === rest.id) ?? { signup_id: '' };
      return {
        ...rest,
        access_needs: JSON.parse(access_needs) as string[],
        panels: links.filter((l) => l.signup_id === rest.id).map((l) => l.panel_id),
        equality: equality.some((e) => e.signup_id === rest.id) ? answers : null,
        equality_withdrawn_at: withdrawn.find((w) => w.signup_id === rest.id)?.withdrawn_at ?? null,
      };
    });
    return { email: canonical, phone, pledges: pledges.map(({ person_key: _k, ...rest }) => rest), signups };
  }
}
