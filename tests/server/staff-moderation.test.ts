/**
 * The pledge wall: messages residents asked to show wait for an admin; ones that look like they hold
 * personal data are held, with the reason. Approved ones appear in the public catalog, newest first.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEntries, createStaff, databases, pledge, startServer, type RecordInput, type StaffMember, type TestServer } from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

interface WallMessage {
  id: string;
  name: string;
  ward: string | null;
  message: string;
  day: string;
  locale: string;
}

for (const database of databases()) {
  describe(`pledge wall moderation on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    const at = (day: number) => ({ createdAt: `2026-05-${String(day).padStart(2, '0')}T10:00:00.000Z` });
    const p = {
      clean: pledge({ name: 'Amira', ward: 'biscot', message: 'Together we are Luton', showMessage: true }, at(3)),
      older: pledge({ name: 'Bogdan', ward: 'dallow', message: 'Good neighbours make a good town', showMessage: true }, at(1)),
      phone: pledge({ name: 'Chidi', ward: 'biscot', message: 'Call me on 07700 900123 to help', showMessage: true }, at(4)),
      email: pledge({ name: 'Dorota', ward: 'saints', message: 'Write to dorota@example.org', showMessage: true }, at(5)),
      postcode: pledge({ name: 'Ewan', ward: 'saints', message: 'Street party at LU1 3AB', showMessage: true }, at(6)),
      link: pledge({ name: 'Fatima', ward: 'biscot', message: 'See https://example.net/party', showMessage: true }, at(7)),
      hidden: pledge({ name: 'Gareth', ward: 'biscot', message: 'Only for the council', showMessage: false }, at(8)),
      noWard: pledge({ name: 'Hina', ward: undefined }, at(9)),
    } satisfies Record<string, RecordInput>;

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'moderator@example.org', role: 'admin' });
      const res = await server.sync({ records: Object.values(p) });
      expect(res.body.results.every((r: { status: string }) => r.status === 'stored'), JSON.stringify(res.body)).toBe(true);
    });
    afterAll(async () => {
      await server?.close();
    });

    const queue = async (status?: string) => {
      const res = await admin.get(`/pledges/moderation${status ? `?status=${status}` : ''}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items as { id: string; name: string; message: string; status: string; heldFor: string[]; ward: string | null }[];
    };
    const decide = (id: string, decision: string) => admin.post(`/pledges/${id}/moderation`, { decision });
    const wall = async () => {
      const res = await server.fetch('/api/v1/catalog');
      expect(res.status).toBe(200);
      return ((await res.json()) as { wall: { messages: WallMessage[]; byWard: { ward: string | null; count: number }[] } }).wall;
    };

    it('lists shown messages as pending, or held with what they seem to contain; unshown ones not at all', async () => {
      const items = await queue();
      const byId = new Map(items.map((i) => [i.id, i]));
      expect(byId.get(p.clean.id)).toMatchObject({ status: 'pending', heldFor: [], name: 'Amira', message: 'Together we are Luton', ward: 'biscot' });
      expect(byId.get(p.older.id)).toMatchObject({ status: 'pending', heldFor: [] });
      expect(byId.get(p.phone.id)).toMatchObject({ status: 'held', heldFor: ['phone'] });
      expect(byId.get(p.email.id)?.status).toBe('held');
      expect(byId.get(p.email.id)?.heldFor).toContain('email');
      expect(byId.get(p.postcode.id)).toMatchObject({ status: 'held', heldFor: ['postcode'] });
      expect(byId.get(p.link.id)).toMatchObject({ status: 'held', heldFor: ['link'] });
      expect(byId.has(p.hidden.id)).toBe(false);
      expect(byId.has(p.noWard.id)).toBe(false);
      expect(items).toHaveLength(6);
      expect((await queue('held')).map((i) => i.id).sort()).toEqual([p.phone.id, p.email.id, p.postcode.id, p.link.id].sort());
      // Nothing is on the wall before an admin says so.
      expect((await wall()).messages).toEqual([]);
    });

    it('approve puts a message on the public wall, newest first; reject keeps it off', async () => {
      for (const id of [p.older.id, p.clean.id, p.postcode.id]) {
        const res = await decide(id, 'approve');
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ ok: true, status: 'approved' });
      }
      for (const id of [p.phone.id, p.email.id]) {
        const res = await decide(id, 'reject');
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ ok: true, status: 'rejected' });
      }
      const { messages } = await wall();
      expect(messages.map((m) => m.id)).toEqual([p.postcode.id, p.clean.id, p.older.id]);
      expect(messages[1]).toEqual({ id: p.clean.id, name: 'Amira', ward: 'biscot', message: 'Together we are Luton', day: '2026-05-03', locale: 'en' });
      const text = JSON.stringify(messages);
      expect(text).not.toContain('07700');
      expect(text).not.toContain('dorota@example.org');
      // The queue now holds only the undecided one.
      expect((await queue()).map((i) => i.id)).toEqual([p.link.id]);
      expect((await queue('approved')).map((i) => i.id).sort()).toEqual([p.older.id, p.clean.id, p.postcode.id].sort());
      expect((await queue('rejected')).map((i) => i.id).sort()).toEqual([p.phone.id, p.email.id].sort());
      const row = await server.db.selectFrom('pledges').select(['moderation', 'moderated_by', 'moderated_at']).where('id', '=', p.clean.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ moderation: 'approved', moderated_by: 'moderator@example.org', moderated_at: expect.any(String) });
    });

    it('a decision can be changed: rejecting an approved message takes it off the wall', async () => {
      expect((await decide(p.postcode.id, 'reject')).status).toBe(200);
      expect((await wall()).messages.map((m) => m.id)).toEqual([p.clean.id, p.older.id]);
    });

    it('wall.byWard counts every pledge per ward', async () => {
      const { byWard } = await wall();
      const counts = Object.fromEntries(byWard.map((w) => [String(w.ward), w.count]));
      expect(counts).toEqual({ biscot: 4, dallow: 1, saints: 2, null: 1 });
    });

    it('refuses a pledge with nothing to show, an unknown id and a bad decision, without a 500', async () => {
      for (const id of [p.hidden.id, p.noWard.id, '00000000-0000-7000-8000-000000000000', 'not-an-id']) {
        const res = await decide(id, 'approve');
        expect(res.status, id).toBe(404);
        expect(res.body).toEqual({ error: 'not-found' });
      }
      const bad = await decide(p.link.id, 'maybe');
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error: 'invalid-fields', fields: [{ field: 'decision', code: 'invalid-choice' }] });
      expect((await admin.get('/pledges/moderation?status=everything')).status).toBe(400);
      expect((await server.db.selectFrom('pledges').select('moderation').where('id', '=', p.hidden.id).executeTakeFirstOrThrow()).moderation).toBe('none');
    });

    it('every decision is in the audit log: who, which pledge, what', async () => {
      const entries = await auditEntries(server, 'pledge-moderated');
      expect(entries.map((e) => [e.subject, e.detail?.['decision']])).toEqual([
        [p.older.id, 'approved'],
        [p.clean.id, 'approved'],
        [p.postcode.id, 'approved'],
        [p.phone.id, 'rejected'],
        [p.email.id, 'rejected'],
        [p.postcode.id, 'rejected'],
      ]);
      for (const e of entries) expect(e.actor).toBe('moderator@example.org');
      // And the admin can read them back through the API.
      const res = await admin.get('/audit?action=pledge-moderated');
      expect(res.status).toBe(200);
      expect(res.body.entries).toHaveLength(6);
    });
  });
}
