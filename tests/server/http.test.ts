import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLog, databases, pledge, rawRequest, startServer, type TestServer } from './harness';

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body>Many Voices test shell</body></html>';
const SW_JS = 'self.addEventListener("fetch", () => {}); // test service worker';
const APP_JS = 'console.log("test app bundle abc123");';
const SECRET = 'this file is outside the static folder';

/** A tiny stand-in for vite's dist, so these tests never depend on a build. */
function makeStaticDir(parent: string): string {
  const dir = join(parent, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'sw.js'), SW_JS);
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), APP_JS);
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Many Voices' }));
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  return dir;
}

/** The security headers every response must carry, whatever it is. */
function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(/(^|;)\s*script-src 'self'/);
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).toMatch(/default-src 'self'/);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  const frameOptions = headers.get('x-frame-options');
  expect(frameOptions === 'DENY' || frameOptions === 'SAMEORIGIN' || /frame-ancestors '(none|self)'/.test(csp), what).toBe(true);
  expect(headers.get('referrer-policy'), what).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
}

for (const database of databases()) {
  describe(`HTTP surface on ${database.name}`, () => {
    let server: TestServer;
    let tmp: string;
    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'mv-'));
      server = await startServer(database, { staticDir: makeStaticDir(tmp) });
    });
    afterAll(async () => {
      await server?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('answers /healthz 200 {ok: true}', async () => {
      const res = await server.fetch('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, database: database.name });
    });

    it('sends the security headers on API, error and page responses', async () => {
      const responses: [string, Response][] = [
        ['healthz', await server.fetch('/healthz')],
        ['catalog', await server.fetch('/api/v1/catalog')],
        ['sync', await server.fetch('/api/v1/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records: [] }) })],
        ['sync 400', await server.fetch('/api/v1/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
        ['api 404', await server.fetch('/api/nope')],
        ['page', await server.fetch('/')],
        ['deep page', await server.fetch('/pledge/name')],
        ['asset', await server.fetch('/assets/app-abc123.js')],
      ];
      for (const [what, res] of responses) {
        await res.arrayBuffer();
        expectSecurityHeaders(res.headers, what);
        // Plain HTTP here: no HSTS, which would lock a misconfigured deployment out.
        expect(res.headers.get('strict-transport-security'), what).toBeNull();
      }
    });

    it('never lets a cache keep an API answer', async () => {
      const sync = await server.fetch('/api/v1/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records: [pledge()] }) });
      expect(sync.headers.get('cache-control')).toBe('no-store');
      const notFound = await server.fetch('/api/nope');
      expect(notFound.headers.get('cache-control')).toBe('no-store');
    });

    it('serves hashed assets as immutable, and the shell and service worker as no-cache', async () => {
      const asset = await server.fetch('/assets/app-abc123.js');
      expect(asset.status).toBe(200);
      expect(await asset.text()).toBe(APP_JS);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);

      for (const path of ['/', '/index.html']) {
        const res = await server.fetch(path);
        expect(res.status, path).toBe(200);
        expect(await res.text()).toBe(INDEX_HTML);
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      }

      const sw = await server.fetch('/sw.js');
      expect(sw.status).toBe(200);
      expect(await sw.text()).toBe(SW_JS);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      expect(sw.headers.get('cache-control')).not.toContain('immutable');

      const manifest = await server.fetch('/manifest.webmanifest');
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
      expect(manifest.headers.get('cache-control')).toBe('no-cache');
    });

    it('answers an unknown page path with the app shell, and an unknown /api/ path with 404 JSON', async () => {
      for (const path of ['/pledge/name', '/wall', '/pledge/some-one?lang=ur']) {
        const res = await server.fetch(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
        expect(await res.text(), path).toBe(INDEX_HTML);
      }
      for (const path of ['/api/nope', '/api/v1/pledges/123']) {
        const res = await server.fetch(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
        expect(await res.json()).toEqual({ error: 'not-found' });
      }
    });

    it('answers a missing hashed asset 404, not the app shell as JavaScript', async () => {
      // After a deploy, an old tab asks for the previous build's chunk: HTML with 200 breaks it confusingly.
      const res = await server.fetch('/assets/app-old999.js');
      expect(res.status).toBe(404);
      expect(await res.text()).not.toBe(INDEX_HTML);
    });

    it('serves nothing from outside the static folder', async () => {
      for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt']) {
        const res = await rawRequest(server.url, { path });
        expect(res.status, path).toBeLessThan(500);
        expect(res.text, path).not.toContain(SECRET);
      }
    });
  });

  describe(`static cache headers with the app under a folder named "assets" on ${database.name}`, () => {
    let server: TestServer;
    let tmp: string;
    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'mv-'));
      // e.g. deployed to /srv/assets/many-voices/dist: the cache decision must look at the URL, not the disk path.
      const parent = join(tmp, 'assets', 'many-voices');
      mkdirSync(parent, { recursive: true });
      server = await startServer(database, { staticDir: makeStaticDir(parent) });
    });
    afterAll(async () => {
      await server?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('still serves the service worker and the shell no-cache, so updates reach devices', async () => {
      for (const path of ['/sw.js', '/', '/index.html']) {
        const res = await server.fetch(path);
        expect(res.status, path).toBe(200);
        await res.arrayBuffer();
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
      }
      const asset = await server.fetch('/assets/app-abc123.js');
      await asset.arrayBuffer();
      expect(asset.headers.get('cache-control')).toContain('immutable');
    });
  });

  describe(`HTTPS deployment headers on ${database.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database, { https: true });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('adds HSTS and upgrade-insecure-requests, keeping the strict CSP', async () => {
      const res = await server.fetch('/healthz');
      await res.arrayBuffer();
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      expectSecurityHeaders(res.headers, 'https healthz');
    });
  });

  describe(`logging on ${database.name}`, () => {
    const log = capturingLog();
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(database, { log });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('logs no name, email or message of the records it handles', async () => {
      const name = 'Quintessa Vandermolen-Okafor';
      const email = 'quintessa.vdm.7731@example.org';
      const message = 'Call Quintessa on 07700 900461';
      const rec = pledge({ name, email, emailConsent: true, message, showMessage: true });
      const first = await server.sync({ records: [rec] });
      expect(first.body.results).toEqual([{ id: rec.id, status: 'stored' }]);
      // The same, re-sent; a conflicting copy; an invalid one; a malformed body; a body the database may refuse.
      await server.sync({ records: [rec, { ...rec, data: { ...rec.data, name: `${name} II` } }] });
      await server.sync({ records: [pledge({ name, email, ward: 'atlantis' })] });
      await server.sync(`{"records":[{"name":"${name}","email":"${email}"`);
      await server.sync({ records: [pledge({ name, email, emailConsent: true }, { locale: 'en-gb-oxendict-variant1-variant2-variant3' })] });

      expect(await server.db.selectFrom('pledges').select('email').where('email', '=', email).execute()).toHaveLength(1);
      expect(log.lines.length).toBeGreaterThan(0);
      expect(log.lines.some((l) => l.includes('"sync"'))).toBe(true);
      const all = log.lines.join('\n').toLowerCase();
      for (const secret of [name, 'quintessa', 'vandermolen', email, '07700 900461']) {
        expect(all, secret).not.toContain(secret.toLowerCase());
      }
    });
  });
}
