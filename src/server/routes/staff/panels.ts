import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import { whoIsMissing } from '../../../core/panels/missing';
import { panelSchema } from '../../../core/panels/panel';
import { minimumProbability, selectionRequest, verifySelection } from '../../../core/panels/selection';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { csvDownload } from '../../http/download';
import { fieldsProblem, problem, readBody, readQuery } from '../../http/problem';
import { panelSignupsWithContacts, poolValues, signupCounts, staffPanelJson } from '../../records/panelQueries';
import { audit } from '../../staff/audit';
import type { Endpoint } from './endpoint';

const COORDINATORS = ['admin', 'coordinator'] as const;
const ID = v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
const MissingQuery = v.object({ panel: v.optional(v.pipe(v.string('invalid-type'), v.regex(/^[0-9a-f-]{36}$/, 'unknown-panel'))) });

/** Columns of the selection export: the drawn panel then the reserves in order, with what invitations need. */
const EXPORT_COLUMNS = ['role', 'order', 'reference', 'name', 'email', 'phone', 'preferred_language', 'access_needs', 'access_notes'] as const;

function selectionJson(row: Database['selections']) {
  return {
    id: row.id,
    panelId: row.panel_id,
    method: row.method,
    seed: row.seed,
    k: row.k,
    quotas: JSON.parse(row.quotas) as unknown,
    volunteers: JSON.parse(row.volunteers) as string[],
    probabilities: JSON.parse(row.probabilities) as number[],
    minProbability: row.min_probability,
    panel: JSON.parse(row.panel) as string[],
    reserves: JSON.parse(row.reserves) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Citizen panels, staff side: create and change panels (coordinator, admin); their sign-ups with contact
 * details (coordinator, admin; audited); the pool for the selection Worker; "who is missing" (every role:
 * counts only); selections posted from the console, verified here, and their export for invitations.
 */
export function panelEndpoints(ctx: AppContext): Endpoint[] {
  const db = ctx.db.db;
  const findPanel = async (id: string) => (v.is(ID, id) ? db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst() : undefined);

  return [
    {
      method: 'GET',
      path: '/panels',
      // Panels hold no personal data: analysts see them too, to choose one for "who is missing".
      roles: ['admin', 'analyst', 'coordinator'],
      handle: async (c) => {
        const [rows, counts] = await Promise.all([db.selectFrom('panels').selectAll().orderBy('starts_at', 'desc').orderBy('id').execute(), signupCounts(db)]);
        return c.json({ panels: rows.map((r) => staffPanelJson(r, counts.get(r.id) ?? 0)) });
      },
    },
    {
      method: 'POST',
      path: '/panels',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const body = await readBody(c, panelSchema(await ctx.profile()));
        if (!body.ok) return body.response;
        const now = ctx.now().toISOString();
        const row = panelRow(uuidv7(), body.value, staff.email, now, now);
        await db.insertInto('panels').values(row).execute();
        await audit(db, { actor: staff.email, action: 'panel-created', subject: row.id, detail: { status: row.status }, at: ctx.now() });
        return c.json({ panel: staffPanelJson(row, 0) }, 201);
      },
    },
    {
      method: 'PUT',
      path: '/panels/:id',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const existing = await findPanel(c.req.param('id') ?? '');
        if (!existing) return problem(c, 'not-found');
        const body = await readBody(c, panelSchema(await ctx.profile()));
        if (!body.ok) return body.response;
        const row = panelRow(existing.id, body.value, existing.created_by, existing.created_at, ctx.now().toISOString());
        await db.updateTable('panels').set(row).where('id', '=', existing.id).execute();
        await audit(db, { actor: staff.email, action: 'panel-changed', subject: row.id, detail: { status: row.status }, at: ctx.now() });
        return c.json({ panel: staffPanelJson(row, (await signupCounts(db)).get(row.id) ?? 0) });
      },
    },
    {
      method: 'GET',
      path: '/panels/missing',
      // Counts only, small groups withheld: for analysts as for coordinators. Shape: MissingAnswer in core/panels/missing.ts.
      roles: ['admin', 'analyst', 'coordinator'],
      handle: async (c) => {
        const q = readQuery(c, MissingQuery);
        if (!q.ok) return q.response;
        const panelId = q.value.panel ?? null;
        if (panelId !== null && !(await findPanel(panelId))) return fieldsProblem(c, [{ field: 'panel', code: 'unknown-panel' }]);
        const profile = await ctx.profile();
        const pool = await poolValues(db, panelId);
        return c.json(whoIsMissing({ panel: panelId, pool: pool.map((m) => m.values), wards: profile.wards, reference: profile.reference }));
      },
    },
    {
      method: 'GET',
      path: '/panels/:id/signups',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const panel = await findPanel(c.req.param('id') ?? '');
        if (!panel) return problem(c, 'not-found');
        const signups = await panelSignupsWithContacts(db, panel.id);
        await audit(db, { actor: staff.email, action: 'contact-viewed', subject: `panel:${panel.id}`, detail: { signups: signups.length }, at: ctx.now() });
        return c.json({ signups });
      },
    },
    {
      method: 'GET',
      path: '/panels/:id/pool',
      roles: COORDINATORS,
      handle: async (c) => {
        const panel = await findPanel(c.req.param('id') ?? '');
        if (!panel) return problem(c, 'not-found');
        // Sign-up ids and category values only: what the selection Worker needs, no contact details.
        return c.json({ pool: await poolValues(db, panel.id) });
      },
    },
    {
      method: 'POST',
      path: '/panels/:id/selections',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const panel = await findPanel(c.req.param('id') ?? '');
        if (!panel) return problem(c, 'not-found');
        const body = await readBody(c, selectionRequest(await ctx.profile()));
        if (!body.ok) return body.response;
        const s = body.value;
        const pool = await poolValues(db, panel.id);
        const refused = verifySelection(s, pool);
        if (refused.length > 0) return fieldsProblem(c, refused);
        const row: Database['selections'] = {
          id: uuidv7(),
          panel_id: panel.id,
          method: s.method,
          seed: s.seed,
          k: s.k,
          quotas: JSON.stringify(s.quotas),
          volunteers: JSON.stringify(s.volunteers),
          probabilities: JSON.stringify(s.probabilities),
          lottery: JSON.stringify({ panels: s.panels, weights: s.weights }),
          panel: JSON.stringify([...s.draw.panel].sort()),
          reserves: JSON.stringify(s.draw.reserves),
          min_probability: minimumProbability(s.probabilities),
          created_by: staff.email,
          created_at: ctx.now().toISOString(),
        };
        await db.insertInto('selections').values(row).execute();
        await audit(db, {
          actor: staff.email,
          action: 'selection-recorded',
          subject: `panel:${panel.id}`,
          detail: { selection: row.id, method: s.method, seed: s.seed, k: s.k, pool: s.volunteers.length, reserves: s.draw.reserves.length, minProbability: row.min_probability },
          at: ctx.now(),
        });
        return c.json({ selection: selectionJson(row) }, 201);
      },
    },
    {
      method: 'GET',
      path: '/panels/:id/selections',
      roles: COORDINATORS,
      handle: async (c) => {
        const panel = await findPanel(c.req.param('id') ?? '');
        if (!panel) return problem(c, 'not-found');
        const rows = await db.selectFrom('selections').selectAll().where('panel_id', '=', panel.id).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
        return c.json({ selections: rows.map(selectionJson) });
      },
    },
    {
      method: 'GET',
      path: '/panels/:id/selections/:sid/export.csv',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const panel = await findPanel(c.req.param('id') ?? '');
        const sid = c.req.param('sid') ?? '';
        const row = panel && v.is(ID, sid) ? await db.selectFrom('selections').selectAll().where('id', '=', sid).where('panel_id', '=', panel.id).executeTakeFirst() : undefined;
        if (!panel || !row) return problem(c, 'not-found');
        const selected = JSON.parse(row.panel) as string[];
        const reserves = JSON.parse(row.reserves) as string[];
        const ids = [...selected, ...reserves];
        const contacts = new Map<string, Database['signups']>();
        for (let i = 0; i < ids.length; i += 200) {
          for (const s of await db.selectFrom('signups').selectAll().where('id', 'in', ids.slice(i, i + 200)).execute()) contacts.set(s.id, s);
        }
        const line = (id: string, role: string, order: number) => {
          const s = contacts.get(id);
          return {
            role,
            order,
            reference: id.replace(/-/g, '').slice(-6).toUpperCase(),
            // Erased at the person's request since the draw: the row stays so the order is kept.
            name: s ? s.name : '(erased)',
            email: s?.email ?? '',
            phone: s?.phone ?? '',
            preferred_language: s ? (s.preferred_language_other ?? s.preferred_language ?? '') : '',
            access_needs: s ? (JSON.parse(s.access_needs) as string[]).join('; ') : '',
            access_notes: s?.access_notes ?? '',
          };
        };
        const rows = [...selected.map((id, i) => line(id, 'selected', i + 1)), ...reserves.map((id, i) => line(id, 'reserve', i + 1))];
        await audit(db, { actor: staff.email, action: 'export', subject: `selection:${row.id}`, detail: { panel: panel.id, rows: rows.length, contacts: true }, at: ctx.now() });
        await audit(db, { actor: staff.email, action: 'contact-viewed', subject: ids.join(',') || '(none)', at: ctx.now() });
        return csvDownload(c, `panel-selection-${ctx.now().toISOString().slice(0, 10)}.csv`, EXPORT_COLUMNS, rows);
      },
    },
    {
      method: 'POST',
      path: '/panels/signups/:id/stop-equality',
      roles: COORDINATORS,
      handle: async (c, staff) => {
        const id = c.req.param('id') ?? '';
        const signup = v.is(ID, id) ? await db.selectFrom('signups').select('id').where('id', '=', id).executeTakeFirst() : undefined;
        if (!signup) return problem(c, 'not-found');
        const stopped = await stopEqualityUse(ctx, [signup.id], staff.email);
        return c.json({ stopped });
      },
    },
  ];
}

/**
 * The resident asked to stop the use of their equality answers: the answers are deleted (so no count, pool
 * or export can use them again) and the request is recorded. Returns how many sign-ups had answers.
 */
export async function stopEqualityUse(ctx: AppContext, signupIds: string[], actor: string): Promise<number> {
  const db = ctx.db.db;
  if (signupIds.length === 0) return 0;
  const at = ctx.now().toISOString();
  const removed = await db.transaction().execute(async (tx) => {
    const had = await tx.selectFrom('signup_equality').select('signup_id').where('signup_id', 'in', signupIds).execute();
    await tx.deleteFrom('signup_equality').where('signup_id', 'in', signupIds).execute();
    await tx
      .insertInto('equality_withdrawals')
      .values(signupIds.map((signup_id) => ({ signup_id, withdrawn_at: at, recorded_by: actor })))
      .onConflict((oc) => oc.column('signup_id').doNothing())
      .execute();
    return had.length;
  });
  await audit(db, { actor, action: 'equality-withdrawn', subject: signupIds.join(','), detail: { answers: removed }, at: ctx.now() });
  return removed;
}

function panelRow(id: string, p: v.InferOutput<ReturnType<typeof panelSchema>>, createdBy: string, createdAt: string, updatedAt: string): Database['panels'] {
  return {
    id,
    topic: JSON.stringify(p.topic),
    description: JSON.stringify(p.description),
    format: p.format,
    place: p.place ?? null,
    ward: p.ward ?? null,
    starts_at: p.startsAt,
    ends_at: p.endsAt,
    signup_deadline: p.signupDeadline,
    size: p.size,
    reserves: p.reserves,
    min_age: p.minAge,
    categories: JSON.stringify(p.categories),
    quotas: JSON.stringify(p.quotas),
    status: p.status,
    created_by: createdBy,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}
