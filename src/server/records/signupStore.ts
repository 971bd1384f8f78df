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
  const inserted = await insertRecordRows(tx, accepted, receivedAt, deviceId, results);
  const fresh = accepted.filter((f) => inserted.has(f.record.id)).sort((a, b) => (a.record.id < b.record.id ? -1 : 1));

  // Who already signed up (before this batch, or earlier in it).
  const keyOf = new Map(fresh.map((f) => [f.record.id, signupPersonKey(f.record.data as Signup)]));
  const wanted = [...new Set([...keyOf.values()].filter((k): k is string => k !== null))];
  const firstOf = new Map<string, string>();
  for (const part of chunks(wanted)) {
    for (const row of await tx.selectFrom('signups').select(['id', 'person_key']).where('person_key', 'in', part).execute()) {
      if (row.person_key) firstOf.set(row.person_key, row.id);
    }
  }

  for (const f of fresh) {
    const r = f.record;
    const s = r.data as Signup;
    const key = keyOf.get(r.id) ?? null;
    let signupId = key ? firstOf.get(key) : undefined;
    if (signupId === undefined) {
      const row = await tx
        .insertInto('signups')
        .values({
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
        })
        .onConflict((oc) => oc.column('person_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        signupId = r.id;
        if (key) firstOf.set(key, r.id);
        if (s.equalityConsent && equalityFields.some((field) => s[field] !== undefined)) {
          await tx
            .insertInto('signup_equality')
            .values({
              signup_id: r.id,
              gender: s.gender ?? null,
              gender_own_words: s.genderOwnWords ?? null,
              ethnicity: s.ethnicity ?? null,
              ethnicity_own_words: s.ethnicityOwnWords ?? null,
              disability: s.disability ?? null,
              ward: s.ward ?? null,
              religion: s.religion ?? null,
              religion_own_words: s.religionOwnWords ?? null,
              consented_at: receivedAt,
            })
            .execute();
        }
      } else if (key) {
        // Another request stored the same person first.
        signupId = (await tx.selectFrom('signups').select('id').where('person_key', '=', key).executeTakeFirst())?.id;
      }
    }
    if (signupId === undefined) continue;
    const links = await tx
      .insertInto('signup_panels')
      .values(s.panels.map((panel_id) => ({ signup_id: signupId, panel_id, created_at: receivedAt })))
      .onConflict((oc) => oc.columns(['signup_id', 'panel_id']).doNothing())
      .returning('panel_id')
      .execute();
    if (signupId !== r.id) {
      // A repeat: a receipt only. New panels count as stored; nothing new is a duplicate.
      await tx.updateTable('records').set({ outcome: 'same-person' }).where('id', '=', r.id).execute();
      results[f.index] = { id: r.id, status: links.length > 0 ? 'stored' : 'duplicate' };
    }
  }
}
