/**
 * A person's rights: find what is held for an email address (any case), export it, erase it; an erased
 * record never comes back, even when a device sends it again. Every step is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEntries, createStaff, databases, pledge, startServer, type StaffMember, type TestServer } from './harness';

// Each staff account costs an scrypt hash and wrong sign-ins are slowed on purpose: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

for (const database of databases()) {
  describe(`rights requests on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    const mine = [
      pledge({ name: 'Rahel One', email: 'Rahel.Person@Example.org', emailConsent: true, message: 'First pledge' }, { createdAt: '2026-01-01T10:00:00.000Z' }),
      pledge({ name: 'Rahel Two', email: 'rahel.person@example.org', emailConsent: true }, { createdAt: '2026-01-02T10:00:00.000Z' }),
    ];
    const someoneElse = pledge({ name: 'Someone Else', email: 'someone.else@example.org', emailConsent: true });
    const noEmail = pledge({ name: 'Rahel Person' });

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'dpo@example.org', role: 'admin' });
      const res = await server.sync({ records: [...mine, someoneElse, noEmail] });
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('search finds every pledge for the email, whatever its case, and nobody else’s', async () => {
      const res = await admin.post('/rights/search', { email: '  RAHEL.person@EXAMPLE.ORG ' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.email).toBe('rahel.person@example.org');
      expect(res.body.pledges.map((p: { id: string }) => p.id)).toEqual(mine.map((p) => p.id));
      expect(res.body.pledges[0]).toMatchObject({ name: 'Rahel One', email: 'rahel.person@example.org', message: 'First pledge', email_consent: 1 });
      expect(res.body.pledges[0]).not.toHaveProperty('person_key');
      expect(res.text).not.toContain('someone.else');

      const entries = await auditEntries(server);
      const search = entries.find((e) => e.action === 'rights-search');
      expect(search).toMatchObject({ actor: 'dpo@example.org', detail: { found: 2 } });
      // The searched address itself is not written to the log.
      expect(JSON.stringify(entries.filter((e) => e.action === 'rights-search'))).not.toContain('rahel');
      const viewed = entries.find((e) => e.action === 'contact-viewed');
      expect(viewed?.actor).toBe('dpo@example.org');
      expect(viewed?.subject?.split(',').sort()).toEqual(mine.map((p) => p.id).sort());

      const none = await admin.post('/rights/search', { email: 'never.pledged@example.org' });
      expect(none.body).toEqual({ email: 'never.pledged@example.org', phone: null, pledges: [], signups: [] });
    });

    it('export gives them as a JSON attachment with the controller named', async () => {
      const res = await admin.post('/rights/export', { email: 'Rahel.Person@example.org' });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="subject-access.json"');
      expect(res.body).toMatchObject({ email: 'rahel.person@example.org', exportedAt: expect.any(String), controller: expect.anything() });
      expect(res.body.pledges.map((p: { name: string }) => p.name)).toEqual(['Rahel One', 'Rahel Two']);
      const entry = (await auditEntries(server, 'rights-export')).at(-1);
      expect(entry?.actor).toBe('dpo@example.org');
      expect(entry?.subject?.split(',').sort()).toEqual(mine.map((p) => p.id).sort());
    });

    it('erase deletes them; the same record sent again is rejected as erased and stays gone', async () => {
      const before = await server.count('pledges');
      const res = await admin.post('/rights/erase', { email: 'RAHEL.PERSON@example.org' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ erased: 2 });
      expect(await server.count('pledges')).toBe(before - 2);
      const ids = mine.map((p) => p.id);
      expect(await server.db.selectFrom('pledges').select('id').where('id', 'in', ids).execute()).toEqual([]);
      expect(await server.db.selectFrom('records').select('id').where('id', 'in', ids).execute()).toEqual([]);
      expect((await server.db.selectFrom('erased_ids').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort()).toEqual([...ids].sort());
      // Nothing of the person is left in any table.
      for (const table of ['pledges', 'records', 'audit_log', 'rejections'] as const) {
        const rows = await server.db.selectFrom(table).selectAll().execute();
        const text = JSON.stringify(rows).toLowerCase();
        for (const trace of ['rahel.person', 'rahel one', 'rahel two', 'first pledge']) expect(text, `${table}: ${trace}`).not.toContain(trace);
      }
      // Others are untouched.
      expect((await admin.post('/rights/search', { email: 'someone.else@example.org' })).body.pledges).toHaveLength(1);
      expect(await server.db.selectFrom('pledges').select('name').where('id', '=', noEmail.id).executeTakeFirst()).toEqual({ name: 'Rahel Person' });

      // A device that never heard back sends them again: refused as erased, not stored.
      const again = await server.sync({ records: mine });
      expect(again.status).toBe(200);
      expect(again.body.results).toEqual(mine.map((p) => ({ id: p.id, status: 'rejected', reason: 'erased' })));
      expect(await server.count('pledges')).toBe(before - 2);
      expect((await admin.post('/rights/search', { email: 'rahel.person@example.org' })).body.pledges).toEqual([]);

      const erasure = (await auditEntries(server, 'erasure')).at(-1);
      expect(erasure).toMatchObject({ actor: 'dpo@example.org', detail: { count: 2 } });
      expect(erasure?.subject?.split(',').sort()).toEqual([...ids].sort());
    });

    it('erasing an address with nothing held erases nothing, and says so in the log', async () => {
      const res = await admin.post('/rights/erase', { email: 'never.pledged@example.org' });
      expect(res.body).toEqual({ erased: 0 });
      expect((await auditEntries(server, 'erasure')).at(-1)).toMatchObject({ subject: '(none)', detail: { count: 0 } });
    });

    it('refuses a missing or malformed email with a field problem', async () => {
      for (const body of [{}, { email: 'not-an-email' }, { email: 42 }, { email: '' }]) {
        for (const path of ['/rights/search', '/rights/export', '/rights/erase']) {
          const res = await admin.post(path, body);
          expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
          expect(res.body.error).toBe('invalid-fields');
          expect(res.body.fields[0].field).toBe('email');
        }
      }
    });
  });
}
