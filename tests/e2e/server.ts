import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/server/app';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { consoleLog } from '../../src/server/log';
import { builtApp } from './dist';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  /** Stop listening (the device is then offline from the app's point of view); the data stays. */
  stop(): Promise<void>;
  /** While false, POST /api/v1/sync answers 503 (the council's server busy), everything else as usual. */
  setSyncAvailable(available: boolean): void;
  /** Listen again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The real server over a fresh SQLite file, serving the built app, on a free port of 127.0.0.1. */
export async function startServer(
  options: { publicRate?: { capacity: number; refillPerSecond: number }; staticDir?: string } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mv-e2e-'));
  const db = await openDatabase({ dataDir });
  const app = createApp({
    catalogCacheOff: true,
    db,
    staticDir: options.staticDir ?? builtApp,
    log: consoleLog(true),
    publicRate: options.publicRate ?? { capacity: 100_000, refillPerSecond: 1_000 },
  });
  let server: ServerType | undefined;
  let syncAvailable = true;
  const handler = (req: Request) =>
    !syncAvailable && new URL(req.url).pathname === '/api/v1/sync'
      ? new Response('{"error":"server-error"}', { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '1' } })
      : app.fetch(req);
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = serve({ fetch: handler, port, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
    });
  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = undefined;
      s.close(() => resolve());
      (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    stop,
    setSyncAvailable: (available) => {
      syncAvailable = available;
    },
    restart: async () => {
      await listen(port);
    },
    close: async () => {
      await stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
