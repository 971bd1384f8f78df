import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, pledge, startServer, type TestServer } from './harness';

interface CatalogBody {
  apiVersion: number;
  profile: { id: string; pledge: { version: string }; wards: { id: string; name: string }[]; languages: { code: string }[] };
  counts: { pledges: number };
}

/** An entity tag without its weakness marker. */
const strong = (etag: string | null) => (etag ?? '').replace(/^W\//, '');

for (const database of databases()) {
  describe(`catalog on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database);
    });
    afterAll(async () => {
      await server?.close();
    });

    const getCatalog = async (headers: Record<string, string> = {}) => {
      const res = await server.fetch('/api/v1/catalog', { headers });
      const text = await res.text();
      return { res, text, etag: res.headers.get('etag') };
    };

    it('answers 200 with an ETag, apiVersion 1, the default profile and the pledge count', async () => {
      const { res, text, etag } = await getCatalog();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      // Strong, or weak when the response was compressed on the way out.
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const body = JSON.parse(text) as CatalogBody;
      expect(body.apiVersion).toBe(1);
      expect(body.profile.id).toBe('luton');
      expect(body.profile.pledge.version).toBe('2026-1');
      expect(body.profile.wards).toContainEqual({ id: 'biscot', name: 'Biscot' });
      expect(body.profile.languages.map((l) => l.code)).toContain('en');
      expect(body.counts).toEqual({ pledges: 0 });
    });

    it('answers the same catalog with the same ETag, and If-None-Match with it 304 and no body', async () => {
      const first = await getCatalog();
      const second = await getCatalog();
      expect(second.etag).toBe(first.etag);
      expect(second.text).toBe(first.text);

      const etag = first.etag ?? '';
      for (const header of [etag, `W/${strong(etag)}`, strong(etag), `"something-else", ${etag}`]) {
        const { res, text } = await getCatalog({ 'if-none-match': header });
        expect(res.status, header).toBe(304);
        expect(text).toBe('');
        // The 304 names the same representation (a compressed 200 may have weakened the tag).
        expect(strong(res.headers.get('etag'))).toBe(strong(etag));
      }
      const stale = await getCatalog({ 'if-none-match': '"not-the-etag"' });
      expect(stale.res.status).toBe(200);
    });

    it('changes the ETag and counts up after a new pledge, and the old ETag then gets the full catalog', async () => {
      const before = await getCatalog();
      const countBefore = (JSON.parse(before.text) as CatalogBody).counts.pledges;

      const rec = pledge({ name: 'Catalog Counter' });
      const sync = await server.sync({ records: [rec] });
      expect(sync.body.results).toEqual([{ id: rec.id, status: 'stored' }]);

      const after = await getCatalog({ 'if-none-match': before.etag ?? '' });
      expect(after.res.status).toBe(200);
      expect(after.etag).not.toBe(before.etag);
      expect((JSON.parse(after.text) as CatalogBody).counts.pledges).toBe(countBefore + 1);
    });

    it('does not count a rejected record, a re-sent record or the same person twice', async () => {
      const { text } = await getCatalog();
      const countBefore = (JSON.parse(text) as CatalogBody).counts.pledges;
      const rec = pledge({ name: 'Once Only', email: 'once.only@example.org', emailConsent: true });
      const samePerson = pledge({ name: 'once only', email: 'ONCE.ONLY@example.org', emailConsent: true });
      await server.sync({ records: [rec, pledge({ ward: 'atlantis' })] });
      await server.sync({ records: [rec, samePerson] });
      const after = JSON.parse((await getCatalog()).text) as CatalogBody;
      expect(after.counts.pledges).toBe(countBefore + 1);
      // What the public sees is what the council's table holds.
      expect(after.counts.pledges).toBe(await server.count('pledges'));
    });
  });
}
