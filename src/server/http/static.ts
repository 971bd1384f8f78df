import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * Serves the built app. Hashed files under /assets/ never change, so browsers keep them for a year;
 * index.html, the service worker and the manifest are revalidated every time so updates reach devices.
 * Any other page path gets index.html (the app routes on the client); /api/ and missing files never do.
 */
export function staticRoutes(dir: string) {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`The built app is missing (${indexFile}). Run "npm run build" first.`);
  const indexHtml = readFileSync(indexFile, 'utf8');
  const app = new Hono();
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (path, c) => {
        // Decided by the URL, not the file's place on disk (the app may be deployed under any folder).
        c.header('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (path.endsWith('.webmanifest')) c.header('Content-Type', 'application/manifest+json');
      },
    }),
  );
  app.get('*', (c) => {
    // A missing file (anything with an extension) is a 404, not the app: a broken icon must show as broken.
    if (c.req.path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(c.req.path)) return c.notFound();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  return app;
}
