import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, pledge, startServer, type TestServer } from './harness';

/** Whatever a client puts in a refused record's id or field names, the refusal is answered and logged, never a 500. */
for (const database of databases()) {
  describe(`refused records with hostile ids and field names on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers each with its reason and stores the valid record beside them', async () => {
      const good = pledge();
      const longKey = 'r'.repeat(300);
      const records = [
        { ...pledge(), data: { ...pledge().data, '\u0000': { '': true } } },
        { ...pledge(), data: { ...pledge().data, [longKey]: 1 } },
        { ...pledge(), id: `bad\u0000id-${'x'.repeat(100)}` },
        good,
      ];
      const res = await server.sync({ records });
      expect(res.status).toBe(200);
      const statuses = (res.body as { results: { status: string; reason?: string }[] }).results.map((r) => [r.status, r.reason]);
      expect(statuses).toEqual([
        ['rejected', 'invalid-field'],
        ['rejected', 'invalid-field'],
        ['rejected', 'invalid-field'],
        ['stored', undefined],
      ]);
      const rejections = await server.db.selectFrom('rejections').select(['record_id', 'field']).execute();
      expect(rejections).toHaveLength(3);
      for (const r of rejections) {
        expect(r.record_id.length).toBeLessThanOrEqual(64);
        expect(r.record_id).not.toContain('\u0000');
        expect((r.field ?? '').length).toBeLessThanOrEqual(80);
      }
    });
  });
}
