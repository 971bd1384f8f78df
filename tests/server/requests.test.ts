import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, pledge, prng, rawRequest, startServer, type TestServer } from './harness';

/** Rows in both tables: a refused request must change neither. */
const snapshot = async (server: TestServer) => ({ records: await server.count('records'), pledges: await server.count('pledges') });

for (const database of databases()) {
  describe(`bad requests on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database);
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Send, expect `status` and a JSON `{error}` body, and check nothing was stored. */
    const refused = async (init: RequestInit & { path?: string }, status: number, error: string) => {
      const before = await snapshot(server);
      const res = await server.fetch(init.path ?? '/api/v1/sync', { method: 'POST', ...init });
      const text = await res.text();
      expect(res.status, text).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toMatchObject({ error });
      expect(await snapshot(server)).toEqual(before);
    };
    const json = { 'content-type': 'application/json' };

    it('answers malformed JSON 400 malformed-json', async () => {
      await refused({ headers: json, body: `{"records": [${JSON.stringify(pledge())}` }, 400, 'malformed-json');
      await refused({ headers: json, body: '' }, 400, 'malformed-json');
      await refused({ headers: json, body: "{'records': []}" }, 400, 'malformed-json');
    });

    it('answers a body that is not JSON by content type 415', async () => {
      const body = JSON.stringify({ records: [pledge()] });
      await refused({ headers: { 'content-type': 'text/plain' }, body }, 415, 'unsupported-media-type');
      await refused({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, 415, 'unsupported-media-type');
      await refused({ headers: { 'content-type': 'multipart/form-data; boundary=x' }, body }, 415, 'unsupported-media-type');
    });

    it('accepts application/json with a charset and in any case', async () => {
      const rec = pledge();
      const res = await server.sync({ records: [rec] }, { headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([{ id: rec.id, status: 'stored' }]);
    });

    it('answers a body that is not {records: [...]} 400 invalid-request', async () => {
      for (const body of ['{}', '{"records":"x"}', 'null', '[]', '42', '"records"', '{"records":{}}', `{"records":[],"device":"x"}`]) {
        await refused({ headers: json, body }, 400, 'invalid-request');
      }
    });

    it('answers 201 records 413 too-many-records and stores none of them', async () => {
      const records = Array.from({ length: 201 }, () => pledge());
      await refused({ headers: json, body: JSON.stringify({ records }) }, 413, 'too-many-records');
      // 200 is within the limit.
      const res = await server.sync({ records: records.slice(0, 200) });
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(200);
    });

    // Sent on a connection of their own: the server answers before reading the body, and that connection
    // cannot carry another request.
    it('answers a body over 1,000,000 bytes 413 body-too-large', async () => {
      const before = await snapshot(server);
      const padded = pledge({ name: 'Padded' });
      const body = JSON.stringify({ records: [{ ...padded, data: { ...padded.data, padding: 'x'.repeat(1_000_001) } }] });
      expect(Buffer.byteLength(body)).toBeGreaterThan(1_000_000);
      const res = await rawRequest(server.url, { method: 'POST', path: '/api/v1/sync', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body });
      expect(res.status, res.text).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'body-too-large' });
      expect(await snapshot(server)).toEqual(before);
    });

    it('answers a streamed body over 1,000,000 bytes (no Content-Length) 413 body-too-large', async () => {
      const before = await snapshot(server);
      // Each record is small and valid-looking; together they pass the byte limit but not the record limit.
      const records = Array.from({ length: 150 }, () => ({ ...pledge(), filler: 'y'.repeat(7_000) }));
      const body = Buffer.from(JSON.stringify({ records }));
      expect(body.length).toBeGreaterThan(1_000_000);
      const res = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/v1/sync',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body,
        chunkSize: 64 * 1024,
      });
      expect(res.status, res.text).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'body-too-large' });
      expect(await snapshot(server)).toEqual(before);
    });

    it('answers an unknown /api/ path 404 with JSON', async () => {
      for (const path of ['/api/nope', '/api/v1/nope', '/api/v2/sync', '/api/']) {
        const res = await server.fetch(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await res.json()).toEqual({ error: 'not-found' });
      }
      await refused({ path: '/api/v1/nope', headers: json, body: JSON.stringify({ records: [pledge()] }) }, 404, 'not-found');
    });

    it('answers the wrong method on the API with a JSON 4xx, storing nothing', async () => {
      for (const [path, method] of [['/api/v1/sync', 'GET'], ['/api/v1/sync', 'PUT'], ['/api/v1/sync', 'DELETE'], ['/api/v1/catalog', 'POST']] as const) {
        const before = await snapshot(server);
        const res = await server.fetch(path, { method, ...(method === 'GET' ? {} : { headers: json, body: JSON.stringify({ records: [pledge()] }) }) });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await snapshot(server)).toEqual(before);
      }
    });

    it('never answers 5xx to ~200 random bodies and mutated records', async () => {
      const random = prng(20260101);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const int = (n: number) => Math.floor(random() * n);
      const strings = [
        '', ' ', 'x', 'é', '\u0000', '\u202E', '\uD800', '\uFFFF', '🙂'.repeat(70), 'a'.repeat(300), 'biscot', 'pledge',
        '2026-1', 'en', 'en-GB', 'en-' + 'abcdefgh-'.repeat(5) + 'x1', 'constructor', '__proto__', 'someone@example.org',
        '2026-02-30T00:00:00Z', '2026-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999999999+23:59', '01900000-0000-7000-8000-000000000000',
        "'; DROP TABLE pledges; --", '<script>alert(1)</script>', '=HYPERLINK("http://x")',
      ];
      const scalar = (): unknown =>
        pick<() => unknown>([
          () => null,
          () => random() < 0.5,
          () => int(1000) - 500,
          () => pick([0, -0, 1, 1.5, 99, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2]),
          () => pick(strings),
          () => 'r'.repeat(int(50)),
        ])();
      const value = (depth = 0): unknown => {
        const r = random();
        if (depth > 3 || r < 0.6) return scalar();
        if (r < 0.8) return Array.from({ length: int(4) }, () => value(depth + 1));
        const obj: Record<string, unknown> = {};
        for (let i = int(4); i > 0; i--) obj[pick(['id', 'kind', 'data', 'name', 'records', '__proto__', 'constructor', pick(strings)])] = value(depth + 1);
        return obj;
      };
      const envelopeKeys = ['id', 'kind', 'schemaVersion', 'createdAt', 'locale', 'data'];
      const dataKeys = ['pledgeVersion', 'name', 'ward', 'message', 'showMessage', 'email', 'emailConsent'];
      const mutated = (): unknown => {
        const rec: Record<string, unknown> = { ...pledge({ message: 'hello', showMessage: true, email: 'fuzz@example.org', emailConsent: true }) };
        const data: Record<string, unknown> = { ...(rec['data'] as Record<string, unknown>) };
        rec['data'] = data;
        for (let i = 1 + int(3); i > 0; i--) {
          const target = random() < 0.5 ? rec : data;
          const key = pick(target === rec ? envelopeKeys : dataKeys);
          const op = int(4);
          if (op === 0) delete target[key];
          else if (op === 1) target[pick(strings) || 'extra'] = value();
          else target[key] = value();
        }
        return rec;
      };
      const bodies: { label: string; body: string }[] = [];
      for (let i = 0; i < 200; i++) {
        const r = random();
        if (r < 0.15) bodies.push({ label: 'random value', body: JSON.stringify(value()) ?? 'null' });
        else if (r < 0.2) bodies.push({ label: 'truncated', body: JSON.stringify({ records: [mutated()] }).slice(0, int(200)) });
        else if (r < 0.35) bodies.push({ label: 'records of random values', body: JSON.stringify({ records: Array.from({ length: 1 + int(4) }, () => value()) }) });
        else bodies.push({ label: 'mutated records', body: JSON.stringify({ records: Array.from({ length: 1 + int(5) }, () => (random() < 0.8 ? mutated() : pledge())) }) });
      }

      const failures: string[] = [];
      for (const [i, { label, body }] of bodies.entries()) {
        const res = await server.fetch('/api/v1/sync', { method: 'POST', headers: json, body });
        const text = await res.text();
        if (res.status >= 500) failures.push(`#${i} ${label} → ${res.status}: ${body.slice(0, 400)}`);
        else if (res.status === 200) {
          const sent = (JSON.parse(body) as { records: unknown[] }).records;
          const results = (JSON.parse(text) as { results: { status: string }[] }).results;
          if (results.length !== sent.length) failures.push(`#${i} ${label}: ${results.length} results for ${sent.length} records`);
          for (const r of results) if (!['stored', 'duplicate', 'rejected'].includes(r.status)) failures.push(`#${i} ${label}: status ${r.status}`);
        } else if (![400, 413].includes(res.status)) failures.push(`#${i} ${label} → unexpected ${res.status}: ${text}`);
      }
      expect(failures).toEqual([]);
    }, 30_000);
  });

  describe(`rate limit on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database, { publicRate: { capacity: 3, refillPerSecond: 0.001 } });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers a batch of 4 pledges over a capacity of 3 with 429, Retry-After and rate-limited, storing nothing', async () => {
      const before = await snapshot(server);
      const res = await server.sync({ records: Array.from({ length: 4 }, () => pledge()) });
      expect(res.status).toBe(429);
      const retryAfter = res.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(res.body).toMatchObject({ error: 'rate-limited' });
      expect(await snapshot(server)).toEqual(before);
    });

    it('does not charge rejected records, then stores up to the capacity and limits the next', async () => {
      const invalid = Array.from({ length: 5 }, () => pledge({ ward: 'atlantis' }));
      const rejected = await server.sync({ records: invalid });
      expect(rejected.status).toBe(200);
      for (const r of rejected.body.results) expect(r).toMatchObject({ status: 'rejected', reason: 'invalid-field' });

      const three = Array.from({ length: 3 }, () => pledge());
      const ok = await server.sync({ records: three });
      expect(ok.status).toBe(200);
      expect(ok.body.results).toEqual(three.map((r) => ({ id: r.id, status: 'stored' })));

      const before = await snapshot(server);
      const limited = await server.sync({ records: [pledge()] });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await snapshot(server)).toEqual(before);
    });
  });
}
