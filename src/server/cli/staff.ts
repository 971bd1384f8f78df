/**
 * `npm run staff -- create EMAIL --role admin|analyst|coordinator`: prints a one-time link (24 hours) with
 * which that person sets their own password. Nobody types a password on the command line.
 */
import * as v from 'valibot';
import { InviteStaffRequest } from '../../core/staff';
import { readConfig } from '../config';
import { openDatabase } from '../db/connect';
import { createSetupLink } from '../staff/firstAdmin';

const [command, email, ...rest] = process.argv.slice(2);
const roleAt = rest.indexOf('--role');
const role = roleAt >= 0 ? rest[roleAt + 1] : 'admin';

if (command !== 'create' || !email) {
  console.error('Usage: npm run staff -- create EMAIL --role admin|analyst|coordinator');
  process.exit(2);
}
const invite = v.safeParse(InviteStaffRequest, { email, role });
if (!invite.success) {
  console.error(`Not created: ${invite.issues.map((i) => `${i.path?.[0]?.key ?? 'input'}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const exists = await db.db.selectFrom('staff_users').select('id').where('email', '=', invite.output.email).executeTakeFirst();
if (exists) {
  console.error(`A staff account for ${invite.output.email} already exists.`);
  await db.close();
  process.exit(1);
}
const link = await createSetupLink(db.db, config.publicUrl ?? `http://localhost:${config.port}`, new Date(), invite.output);
console.log(`Send this one-time link to ${invite.output.email} (${invite.output.role}); it works once, within 24 hours:\n  ${link}`);
await db.close();
