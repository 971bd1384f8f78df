/**
 * `npm run demo`: fills the embedded database (or DATABASE_URL) with synthetic, clearly fake records so a
 * newcomer sees every staff page populated (pledges, listening events with feedback, attendance and outcomes).
 * Safe to run twice: it adds more demo records.
 */
import { readConfig } from '../config';
import { openDatabase } from '../db/connect';
import { seedPanels } from '../demo/panels';
import { seedListening, seedPledges } from '../demo/seed';
import { seedTranslationReports } from '../demo/translationReports';
import { currentProfile } from '../profileStore';
import { firstAdminLink } from '../staff/firstAdmin';

const count = Number.parseInt(process.argv[2] ?? '600', 10);
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const profile = await currentProfile(db.db);
await seedPledges(db.db, profile, { count, seed: Date.now() % 100_000 });
await db.db
  .insertInto('rejections')
  .values(['invalid-field', 'invalid-field', 'id-conflict'].map((reason, i) => ({ id: `demo-rejection-${Date.now()}-${i}`, record_id: 'demo', device_id: null, kind: 'pledge', reason, field: reason === 'invalid-field' ? 'data.ward' : null, at: new Date().toISOString() })))
  .execute();
console.log(`Added ${count} demo pledges (names "Demo resident N", emails @example.org).`);
const listening = await seedListening(db.db, profile, { seed: Date.now() % 100_000 });
console.log(`Added ${listening.events.length} demo listening events ("Demo listening circle N") with ${listening.points} points, head counts, 3 upcoming events and 2 published "you said, we did" outcomes.`);
const panels = await seedPanels(db.db, profile, { seed: Date.now() % 100_000 });
console.log(
  `Added ${panels.panels} demo panels ("Demo panel: ...", two open) with ${panels.signups} sign-ups ("Demo volunteer N")` +
    (panels.reference ? ', and demo reference figures for "who is missing" (labelled "Demo figures — not census data").' : '.'),
);
const reports = await seedTranslationReports(db.db, profile, { seed: Date.now() % 100_000 });
console.log(`Added ${reports} demo reports of poor translations ("Demo: ...").`);
const link = await firstAdminLink(db.db, config.publicUrl ?? `http://localhost:${config.port}`, new Date());
if (link) console.log(`No staff account yet. Create the first admin at:\n  ${link}`);
await db.close();
