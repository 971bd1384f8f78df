import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { RecordKind } from '../../core/records/kinds';
import { checkEnvelope, type RecordSpec } from '../../core/records/spec';
import type { FieldError } from '../../core/validation';
import type { ManyVoicesDb, OutboxRow } from './db';

export type SaveResult = { ok: true; id: string; ref: string } | { ok: false; errors: FieldError[] };

/** The short reference a person is shown: the end of the record's id, which staff can search by. */
export function shortRef(id: string): string {
  return id.replace(/-/g, '').slice(-6).toUpperCase();
}

/** Errors named as the form names its fields ("name", not "data.name"). */
function formErrors(errors: FieldError[] | undefined): FieldError[] {
  return (errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^data\./, '') }));
}

/**
 * Validate with the core schema and write the record and its outbox row in one transaction: either both
 * are on the device or neither is.
 */
export async function saveRecord(
  db: ManyVoicesDb,
  spec: RecordSpec<RecordKind>,
  data: Record<string, unknown>,
  locale: string,
  now: Date = new Date(),
): Promise<SaveResult> {
  const envelope = { id: uuidv7(), kind: spec.kind, schemaVersion: spec.schemaVersion, createdAt: now.toISOString(), locale, data };
  // Only this kind's schema: a page that saves pledges does not carry the schemas of every other kind.
  const checked = checkEnvelope(envelope, () => spec);
  if (!checked.ok) return { ok: false, errors: formErrors(checked.errors) };
  const record = checked.record;
  const row: OutboxRow = { id: record.id, kind: spec.kind, createdAt: record.createdAt, state: 'pending', frozen: false, attempts: 0 };
  await db.transaction('rw', db.records, db.outbox, async () => {
    await db.records.add({ id: record.id, envelope: record });
    await db.outbox.add(row);
  });
  return { ok: true, id: record.id, ref: shortRef(record.id) };
}

/** Correct a record before it is sent. Refused once the first send has started (the record is frozen). */
export async function correctRecord(
  db: ManyVoicesDb,
  spec: RecordSpec<RecordKind>,
  id: string,
  data: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; reason: 'frozen' | 'not-found' } | { ok: false; errors: FieldError[] }> {
  return db.transaction('rw', db.records, db.outbox, async () => {
    const [row, stored] = await Promise.all([db.outbox.get(id), db.records.get(id)]);
    if (!row || !stored) return { ok: false as const, reason: 'not-found' as const };
    if (row.frozen) return { ok: false as const, reason: 'frozen' as const };
    const checked = checkEnvelope({ ...stored.envelope, data }, () => spec);
    if (!checked.ok) return { ok: false as const, errors: formErrors(checked.errors) };
    await db.records.put({ id, envelope: checked.record });
    return { ok: true as const };
  });
}

/** Delete a record that has not been sent yet (a worker's own point, for instance). */
export async function discardRecord(db: ManyVoicesDb, id: string): Promise<boolean> {
  return db.transaction('rw', db.records, db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (!row || row.frozen) return false;
    await db.records.delete(id);
    await db.outbox.delete(id);
    return true;
  });
}

/** Put refused records back in the queue, e.g. after the server was fixed or the device re-enrolled. */
export async function retryRejected(db: ManyVoicesDb): Promise<number> {
  return db.outbox.where('[state+createdAt]').between(['rejected', Dexie.minKey], ['rejected', Dexie.maxKey]).modify((row) => {
    row.state = 'pending';
    delete row.rejection;
  });
}
