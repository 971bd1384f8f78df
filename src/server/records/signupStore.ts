import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { equalityFields, signupPanelProblems, type Signup } from '../../core/records/signup';
import type { RecordResult } from '../../core/sync';
import { cleanLine } from '../../core/text';
import type { Database } from '../db/schema';
import { panelGates } from './panelQueries';
import { chunks, insertRecordRows, type Fresh } from './store';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The same person (name and email, or name and phone) signing up again is one volunteer. */
export function signupPersonKey(s: Pick<Signup, 'name' | 'email' | 'phone'>): string | null {
  const contact = s.email ?? s.phone;
  return s.name && contact ? sha256(`signup\n${contact}\n${cleanLine(s.name).toLowerCase()}`) : null;
}

/**
 * Store panel sign-ups (inside the batch's transaction). Each chosen panel must exist, be open and take the
 * resident's age band (else `rejected` naming the field, and nothing of the record is kept). A repeat from
 * the same person adds any new panels to their first sign-up and keeps none of the repeat's details.
 */
export async function storeSignups(
  tx: Transaction<Database>,
  items: Fresh[],
  receivedAt: string,
  deviceId: string | null,
  results: RecordResult[],
): Promise<void> {
  if (items.length === 0) return;
  const gates = await panelGates(tx, [...new Set(items.flatMap((f) => (f.record.data as Signup).panels))]);
  const accepted = items.filter((f) => {
    const problem = signupPanelProblems(f.record.data as Signup, gates, { createdAt: f.record.createdAt, receivedAt })[0];
    if (!problem) return true;
    results[f.index] = { id: f.record.id, status: 'rejected', reason: 'invalid-field', field: `data.${problem.field}`, code: problem.code };
    return false;
  });
  const recorded = await insertRecordRows(tx, accepted, receivedAt, deviceId, results);
  const fresh = accepted.filter((f) => recorded.has(f.record.id)).sort((a, b) => (a.record.id < b.record.id ? -1 : 1));

  // Who already signed up (before this batch, or earlier in it).
  const keyOf = new Map(fresh.map((f) => [f.record.id, signupPersonKey(f.record.data as Signup)]));
  const wanted = [...new Set([...keyOf.values()].filter((k): k is string => k !== null))];
  const firstOf = new Map<string, string>();
  for (const part of chunks(wanted)) {
    for (const row of await tx.selectFrom('signups').select(['id', 'person_key']).where('person_key', 'in', part).execute()) {
      if (row.person_key) firstOf.set(row.person_key, row.id);
    }
  }

  // New volunteers first, in batches; a repeat (this batch or before) links to the first sign-up.
  const ownerOf = new Map<string, string>();
  const rows: Database['signups'][] = [];
  for (const f of fresh) {
    const key = keyOf.get(f.record.id) ?? null;
    const first = key ? firstOf.get(key) : undefined;
    if (first !== undefined) {
      ownerOf.set(f.record.id, first);
      continue;
    }
    if (key) firstOf.set(key, f.record.id);
    ownerOf.set(f.record.id, f.record.id);
    rows.push(signupRow(f, key, receivedAt, deviceId));
  }
  const inserted = new Set<string>();
  for (const part of chunks(rows)) {
    const done = await tx.insertInto('signups').values(part).onConflict((oc) => oc.column('person_key').doNothing()).returning('id').execute();
    for (const row of done) inserted.add(row.id);
  }
  for (const row of rows) {
    if (inserted.has(row.id) || !row.person_key) continue;
    // Another request stored the same person first: this one becomes a repeat of theirs.
    const winner = await tx.selectFrom('signups').select('id').where('person_key', '=', row.person_key).executeTakeFirst();
    if (winner) ownerOf.set(row.id, winner.id);
    else ownerOf.delete(row.id);
  }
  const equality = fresh.flatMap((f) => (inserted.has(f.record.id) ? equalityRow(f, receivedAt) : []));
  for (const part of chunks(equality)) await tx.insertInto('signup_equality').values(part).execute();

  const links = fresh.flatMap((f) => {
    const owner = ownerOf.get(f.record.id);
    return owner ? (f.record.data as Signup).panels.map((panel_id) => ({ signup_id: owner, panel_id, created_at: receivedAt })) : [];
  });
  const added = new Set<string>();
  for (const part of chunks(links)) {
    const done = await tx
      .insertInto('signup_panels')
      .values(part)
      .onConflict((oc) => oc.columns(['signup_id', 'panel_id']).doNothing())
      .returning(['signup_id', 'panel_id'])
      .execute();
    for (const row of done) added.add(`${row.signup_id} ${row.panel_id}`);
  }
  // A repeat is a receipt only: stored when it added a panel, else a duplicate. Links the first sign-up
  // made itself (in this batch) are not counted as added by a repeat.
  const claimed = new Set<string>();
  for (const f of fresh) {
    if (ownerOf.get(f.record.id) === f.record.id) for (const p of (f.record.data as Signup).panels) claimed.add(`${f.record.id} ${p}`);
  }
  for (const f of fresh) {
    const owner = ownerOf.get(f.record.id);
    if (owner === undefined || owner === f.record.id) continue;
    await tx.updateTable('records').set({ outcome: 'same-person' }).where('id', '=', f.record.id).execute();
    const addedHere = (f.record.data as Signup).panels.some((p) => added.has(`${owner} ${p}`) && !claimed.has(`${owner} ${p}`));
    for (const p of (f.record.data as Signup).panels) claimed.add(`${owner} ${p}`);
    results[f.index] = { id: f.record.id, status: addedHere ? 'stored' : 'duplicate' };
  }
}

function signupRow(f: Fresh, key: string | null, receivedAt: string, deviceId: string | null): Database['signups'] {
  const r = f.record;
  const s = r.data as Signup;
  return {
    id: r.id,
    name: s.name ?? null,
    email: s.email ?? null,
    phone: s.phone ?? null,
    contact_consent: s.contactConsent ? 1 : 0,
    preferred_language: s.preferredLanguage ?? null,
    preferred_language_other: s.preferredLanguageOther ?? null,
    access_needs: JSON.stringify(s.accessNeeds),
    access_notes: s.accessNotes ?? null,
    age_band: s.ageBand,
    person_key: key,
    locale: r.locale,
    device_id: deviceId,
    created_at: r.createdAt,
    received_at: receivedAt,
  };
}

/** The equality answers of a new sign-up, when given with their consent. */
function equalityRow(f: Fresh, receivedAt: string): Database['signup_equality'][] {
  const s = f.record.data as Signup;
  if (!s.equalityConsent || !equalityFields.some((field) => s[field] !== undefined)) return [];
  return [
    {
      signup_id: f.record.id,
      gender: s.gender ?? null,
      gender_own_words: s.genderOwnWords ?? null,
      ethnicity: s.ethnicity ?? null,
      ethnicity_own_words: s.ethnicityOwnWords ?? null,
      disability: s.disability ?? null,
      ward: s.ward ?? null,
      religion: s.religion ?? null,
      religion_own_words: s.religionOwnWords ?? null,
      consented_at: receivedAt,
    },
  ];
}
