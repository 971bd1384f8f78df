import { serve } from '@hono/node-server';
import { createApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/connect';
import { consoleLog } from './log';
import { currentProfile } from './profileStore';
import { scheduleRetention } from './retention';
import { firstAdminLink } from './staff/firstAdmin';

const log = consoleLog();
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const app = createApp({
  db,
  staticDir: config.staticDir,
  https: config.https,
  trustProxy: config.trustProxy,
  log,
  ...(config.publicUrl ? { publicOrigin: config.publicUrl } : {}),
});
scheduleRetention({ db: db.db, profile: () => currentProfile(db.db), now: () => new Date(), log });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${config.dataDir}`;
  console.log(`Many Voices is running at http://localhost:${info.port} — data in ${where}`);
  void firstAdminLink(db.db, config.publicUrl ?? `http://localhost:${info.port}`, new Date()).then((link) => {
    if (link) console.log(`\nNo staff account yet. Create the first admin within 24 hours, once, at:\n  ${link}\n`);
  });
});

const stop = () => {
  server.close(() => void db.close().then(() => process.exit(0)));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
