/**
 * Reports of poor translations: a public, anonymous record kind (no device, rate limited like the pledge),
 * screened for personal data, and shown to admins and analysts with the languages people answered in.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, databases, pledge, startServer, staffClient, type StaffMember, type TestServer } from './harness';

const report = (data: Record<string, unknown>, locale = 'ur') => ({
  id: uuidv7(),
  kind: 'translation-report',
  schemaVersion: 1,
  createdAt: new Date().toISOString(),
  locale,
  data,
});

for (const database of databases()) {
  describe(`translation reports on ${database.name}`, () => {
    let server: TestServer;
    let admin: StaffMember;
    let analyst: StaffMember;
    let coordinator: StaffMember;

    beforeAll(async () => {
      server = await startServer(database);
      admin = await createStaff(server, { email: 'admin@council.example', role: 'admin' });
      analyst = await createStaff(server, { email: 'analyst@council.example', role: 'analyst' });
      coordinator = await createStaff(server, { email: 'coordinator@council.example', role: 'coordinator' });
    });
    afterAll(async () => server?.close());

    it('are stored from any phone, with no device token, and their text cleaned', async () => {
      const good = report({ language: 'ur', problem: '  "عہد" کا لفظ یہاں عجیب لگتا ہے۔  ', where: 'Pledge, first page', page: '/pledge' });
      const res = await server.sync({ records: [good] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([{ id: good.id, status: 'stored' }]);
      const row = await server.db.selectFrom('translation_reports').selectAll().where('id', '=', good.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ language: 'ur', problem: '"عہد" کا لفظ یہاں عجیب لگتا ہے۔', where_text: 'Pledge, first page', page: '/pledge', locale: 'ur', review: 'clear', held_for: null });
      // Sent again (a lost acknowledgement): a duplicate, stored once.
      expect((await server.sync({ records: [good] })).body.results).toEqual([{ id: good.id, status: 'duplicate' }]);
      expect(await server.db.selectFrom('translation_reports').select('id').where('id', '=', good.id).execute()).toHaveLength(1);
    });

    it('are refused, naming the field, when the language is not offered or the text is missing or too long; nothing is stored', async () => {
      const before = await server.db.selectFrom('translation_reports').select('id').execute();
      const cases = [
        { data: { language: 'xx', problem: 'Wrong word' }, field: 'data.language', code: 'invalid-choice' },
        { data: { language: 'pl', problem: '   ' }, field: 'data.problem', code: 'required' },
        { data: { language: 'pl' }, field: 'data.problem', code: 'required' },
        { data: { language: 'pl', problem: 'x'.repeat(1001) }, field: 'data.problem', code: 'too-long' },
        { data: { language: 'pl', problem: 'Wrong word', page: 'https://elsewhere.example/' }, field: 'data.page', code: 'invalid-format' },
        { data: { language: 'pl', problem: 'Wrong word', email: 'me@example.org' }, field: 'data.email', code: 'unexpected-field' },
      ];
      const records = cases.map((c) => report(c.data));
      const res = await server.sync({ records });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual(records.map((r, i) => ({ id: r.id, status: 'rejected', reason: 'invalid-field', field: cases[i]!.field, code: cases[i]!.code })));
      expect(await server.db.selectFrom('translation_reports').select('id').execute()).toHaveLength(before.length);
    });

    it('with an email address or phone number in the text are held: admins read them, analysts see only why', async () => {
      const held = report({ language: 'pl', problem: 'Zły przekład, napisz do mnie: jan@example.org' }, 'pl');
      expect((await server.sync({ records: [held] })).body.results).toEqual([{ id: held.id, status: 'stored' }]);
      const forAdmin = await admin.get('/languages?language=pl');
      expect(forAdmin.status).toBe(200);
      expect(forAdmin.body.reports).toEqual([expect.objectContaining({ id: held.id, language: 'pl', problem: 'Zły przekład, napisz do mnie: jan@example.org', heldFor: expect.arrayContaining(['email']) })]);
      const forAnalyst = await analyst.get('/languages?language=pl');
      expect(forAnalyst.status).toBe(200);
      expect(forAnalyst.body.reports).toEqual([expect.objectContaining({ id: held.id, problem: null, where: null, heldFor: expect.arrayContaining(['email']) })]);
    });

    it('are listed for admins and analysts with counts by language and the languages records came in; coordinators and strangers are refused', async () => {
      expect((await server.sync({ records: [pledge({ name: 'Ania' }, { locale: 'pl' }), pledge({ name: 'Sam' }, { locale: 'en' })] })).status).toBe(200);
      const res = await analyst.get('/languages');
      expect(res.status).toBe(200);
      expect(res.body.reportsByLanguage).toEqual([{ language: 'pl', count: 1 }, { language: 'ur', count: 1 }]);
      expect(res.body.answeredIn).toEqual(expect.arrayContaining([
        { kind: 'pledge', locale: 'en', count: 1 },
        { kind: 'pledge', locale: 'pl', count: 1 },
        { kind: 'translation-report', locale: 'pl', count: 1 },
        { kind: 'translation-report', locale: 'ur', count: 1 },
      ]));
      expect(res.body.reports.map((r: { language: string }) => r.language)).toEqual(['pl', 'ur']);
      expect((await coordinator.get('/languages')).status).toBe(403);
      expect((await staffClient(server).get('/languages')).status).toBe(401);
      const bad = await admin.get('/languages?language=NOT%20A%20CODE');
      expect(bad.status).toBe(400);
    });

    it('are rate limited per address like pledges', async () => {
      const limited = await startServer(database, { publicRate: { capacity: 2, refillPerSecond: 0.001 } });
      try {
        const first = await limited.sync({ records: [report({ language: 'ur', problem: 'One' }), report({ language: 'ur', problem: 'Two' })] });
        expect(first.status).toBe(200);
        const third = await limited.sync({ records: [report({ language: 'ur', problem: 'Three' })] });
        expect(third.status).toBe(429);
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await limited.db.selectFrom('translation_reports').select('id').execute()).toHaveLength(2);
      } finally {
        await limited.close();
      }
    });
  });
}
