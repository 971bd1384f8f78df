import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { findPersonalData } from '../../core/personalData';
import type { Attendance } from '../../core/records/attendance';
import type { ListeningEvent } from '../../core/records/event';
import type { Feedback } from '../../core/records/feedback';
import type { ValidRecord } from '../../core/records/kinds';
import type { Pledge } from '../../core/records/pledge';
import type { TranslationReport } from '../../core/records/translationReport';
import type { RecordResult } from '../../core/sync';
import { canonicalEmail, canonicalJson, cleanLine } from '../../core/text';
import type { Database } from '../db/schema';
import { storeSignups } from './signupStore';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hash that tells a re-send of the same record from a different record reusing its id. */
export function contentHash(r: ValidRecord): string {
  return sha256(canonicalJson({ kind: r.kind, schemaVersion: r.schemaVersion, createdAt: r.createdAt, locale: r.locale, data: r.data }));
}

export function personKey(p: Pick<Pledge, 'email' | 'name'>): string | null {
  return p.email ? sha256(`${canonicalEmail(p.email)}\n${cleanLine(p.name).toLowerCase()}`) : null;
}

function moderationFor(p: Pledge): string {
  if (!p.showMessage || !p.message) return 'none';
  return findPersonalData(p.message).length > 0 ? 'held' : 'pending';
}

const CHUNK = 200;
export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Store a batch of valid records in one transaction and say what happened to each, in the order given.
 * The caller answers the device only after this resolves, i.e. after the commit.
 */
export async function storeRecords(
  db: Kysely<Database>,
  records: ValidRecord[],
  receivedAt: string,
  deviceId: string | null = null,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(records.length);
  if (records.length === 0) return results;
  const hashes = records.map(contentHash);
  await db.transaction().execute(async (tx) => {
    const known = new Map<string, string>();
    const erased = new Set<string>();
    for (const part of chunks([...new Set(records.map((r) => r.id))])) {
      const rows = await tx.selectFrom('records').select(['id', 'content_hash']).where('id', 'in', part).execute();
      for (const row of rows) known.set(row.id, row.content_hash);
      for (const row of await tx.selectFrom('erased_ids').select('id').where('id', 'in', part).execute()) erased.add(row.id);
    }
    // The first record with an id is the one stored; a later one with the same id in the same batch is
    // judged against it, exactly as if it had come in a later batch.
    const fresh: Fresh[] = [];
    const firstInBatch = new Map<string, number>();
    /** Same id and content as an earlier record of this batch: answered as that one turns out. */
    const echoes: { index: number; of: number }[] = [];
    records.forEach((record, index) => {
      const hash = hashes[index] ?? '';
      if (erased.has(record.id)) {
        results[index] = { id: record.id, status: 'rejected', reason: 'erased' };
        return;
      }
      const seen = known.get(record.id);
      if (seen !== undefined) {
        const first = firstInBatch.get(record.id);
        if (seen === hash && first !== undefined) echoes.push({ index, of: first });
        else results[index] = seen === hash ? { id: record.id, status: 'duplicate' } : { id: record.id, status: 'rejected', reason: 'id-conflict' };
        return;
      }
      known.set(record.id, hash);
      firstInBatch.set(record.id, index);
      fresh.push({ record, hash, index });
    });
    await storePledges(tx, fresh.filter((f) => f.record.kind === 'pledge'), receivedAt, deviceId, results);
    await storeListening(tx, fresh, receivedAt, deviceId, results);
    await storeSignups(tx, fresh.filter((f) => f.record.kind === 'signup'), receivedAt, deviceId, results);
    await storeTranslationReports(tx, fresh.filter((f) => f.record.kind === 'translation-report'), receivedAt, deviceId, results);
    // A copy of a record sent twice in one batch is stored once; the copy is a duplicate of it, or is
    // refused for the same reason (an unknown event, say), never "duplicate" of something not stored.
    for (const { index, of } of echoes) {
      const first = results[of];
      const id = records[index]?.id ?? '';
      results[index] = !first || first.status !== 'rejected' ? { id, status: 'duplicate' } : { ...first, id };
    }
  });
  return results;
}

export interface Fresh {
  record: ValidRecord;
  hash: string;
  /** Position in the batch, where its result goes. */
  index: number;
}

async function storePledges(
  tx: Transaction<Database>,
  items: Fresh[],
  receivedAt: string,
  deviceId: string | null,
  results: RecordResult[],
): Promise<void> {
  if (items.length === 0) return;
  // Rows go in sorted by id so concurrent transactions lock them in the same order (no deadlock on PostgreSQL).
  items = [...items].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const keys = items.map((f) => personKey(f.record.data as Pledge));
  const takenKeys = new Set<string>();
  const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
  for (const part of chunks(wanted)) {
    const rows = await tx.selectFrom('pledges').select('person_key').where('person_key', 'in', part).execute();
    for (const row of rows) if (row.person_key) takenKeys.add(row.person_key);
  }

  const recordRows: Database['records'][] = [];
  const pledgeRows: Database['pledges'][] = [];
  const indexOf = new Map<string, number>();
  items.forEach(({ record: r, hash, index }, i) => {
    const p = r.data as Pledge;
    const key = keys[i] ?? null;
    const samePerson = key !== null && takenKeys.has(key);
    if (key !== null) takenKeys.add(key);
    indexOf.set(r.id, index);
    recordRows.push({
      id: r.id,
      kind: r.kind,
      schema_version: r.schemaVersion,
      content_hash: hash,
      locale: r.locale,
      created_at: r.createdAt,
      received_at: receivedAt,
      outcome: samePerson ? 'same-person' : 'stored',
      device_id: deviceId,
    });
    // The same person pledging again counts once, and we keep none of the repeat's personal data.
    results[index] = { id: r.id, status: samePerson ? 'duplicate' : 'stored' };
    if (samePerson) return;
    pledgeRows.push({
      id: r.id,
      pledge_version: p.pledgeVersion,
      name: p.name,
      ward: p.ward ?? null,
      message: p.message ?? null,
      show_message: p.showMessage ? 1 : 0,
      email: p.email ?? null,
      email_consent: p.emailConsent ? 1 : 0,
      person_key: key,
      moderation: moderationFor(p),
      locale: r.locale,
      created_at: r.createdAt,
      received_at: receivedAt,
      moderated_at: null,
      moderated_by: null,
    });
  });

  // ON CONFLICT DO NOTHING: a concurrent request may have stored the same id between our read and write.
  const inserted = new Set<string>();
  for (const part of chunks(recordRows)) {
    const rows = await tx.insertInto('records').values(part).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    for (const row of rows) inserted.add(row.id);
  }
  for (const row of recordRows) {
    if (inserted.has(row.id)) continue;
    const other = await tx.selectFrom('records').select('content_hash').where('id', '=', row.id).executeTakeFirst();
    results[indexOf.get(row.id) ?? -1] =
      other?.content_hash === row.content_hash ? { id: row.id, status: 'duplicate' } : { id: row.id, status: 'rejected', reason: 'id-conflict' };
  }
  const toInsert = pledgeRows.filter((p) => inserted.has(p.id));
  for (const part of chunks(toInsert)) {
    const rows = await tx
      .insertInto('pledges')
      .values(part)
      .onConflict((oc) => oc.column('person_key').doNothing())
      .returning('id')
      .execute();
    const done = new Set(rows.map((r) => r.id));
    for (const p of part) {
      if (done.has(p.id)) continue;
      // Lost a race with the same person's pledge from elsewhere: keep this one as a receipt only.
      await tx.updateTable('records').set({ outcome: 'same-person' }).where('id', '=', p.id).execute();
      results[indexOf.get(p.id) ?? -1] = { id: p.id, status: 'duplicate' };
    }
  }
}

/**
 * Insert the `records` rows of records about to be stored (sorted by id, so that concurrent transactions
 * lock in the same order), and answer those another request stored first: duplicate or id-conflict.
 * Returns the ids this transaction inserted: only those get their kind's row.
 */
export async function insertRecordRows(
  tx: Transaction<Database>,
  items: Fresh[],
  receivedAt: string,
  deviceId: string | null,
  results: RecordResult[],
): Promise<Set<string>> {
  const sorted = [...items].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const rows: Database['records'][] = sorted.map(({ record: r, hash }) => ({
    id: r.id,
    kind: r.kind,
    schema_version: r.schemaVersion,
    content_hash: hash,
    locale: r.locale,
    created_at: r.createdAt,
    received_at: receivedAt,
    outcome: 'stored',
    device_id: deviceId,
  }));
  const inserted = new Set<string>();
  for (const part of chunks(rows)) {
    const done = await tx.insertInto('records').values(part).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    for (const row of done) inserted.add(row.id);
  }
  for (const { record, hash, index } of sorted) {
    if (inserted.has(record.id)) {
      results[index] = { id: record.id, status: 'stored' };
      continue;
    }
    const other = await tx.selectFrom('records').select('content_hash').where('id', '=', record.id).executeTakeFirst();
    results[index] = other?.content_hash === hash ? { id: record.id, status: 'duplicate' } : { id: record.id, status: 'rejected', reason: 'id-conflict' };
  }
  return inserted;
}

/**
 * Events first, then the feedback and attendance that refer to them: a point or a head count must name an
 * event the server knows (planned by staff, or an event record stored before or in this same batch).
 */
async function storeListening(
  tx: Transaction<Database>,
  fresh: Fresh[],
  receivedAt: string,
  deviceId: string | null,
  results: RecordResult[],
): Promise<void> {
  // 1. Events. An id staff already gave to a planned event cannot be reused by a device.
  let events = fresh.filter((f) => f.record.kind === 'event');
  if (events.length > 0) {
    const taken = new Set<string>();
    for (const part of chunks(events.map((f) => f.record.id))) {
      for (const row of await tx.selectFrom('events').select('id').where('id', 'in', part).execute()) taken.add(row.id);
    }
    events = events.filter((f) => {
      if (!taken.has(f.record.id)) return true;
      results[f.index] = { id: f.record.id, status: 'rejected', reason: 'id-conflict' };
      return false;
    });
    const inserted = await insertRecordRows(tx, events, receivedAt, deviceId, results);
    const rows: Database['events'][] = events
      .filter((f) => inserted.has(f.record.id))
      .map(({ record: r }) => {
        const e = r.data as ListeningEvent;
        return {
          id: r.id,
          title: e.title,
          starts_at: e.startsAt,
          venue: e.venue ?? null,
          ward: e.ward ?? null,
          themes: JSON.stringify(e.themes),
          source: 'device',
          device_id: deviceId,
          created_by: null,
          created_at: r.createdAt,
          received_at: receivedAt,
        };
      });
    for (const part of chunks(rows)) await tx.insertInto('events').values(part).execute();
  }

  // 2. Feedback and attendance, for events that exist now (this transaction sees the ones it just stored).
  let points = fresh.filter((f) => f.record.kind === 'feedback' || f.record.kind === 'attendance');
  if (points.length === 0) return;
  const eventIdOf = (f: Fresh) => (f.record.data as Feedback | Attendance).eventId;
  const knownEvents = new Set<string>();
  for (const part of chunks([...new Set(points.map(eventIdOf))])) {
    for (const row of await tx.selectFrom('events').select('id').where('id', 'in', part).execute()) knownEvents.add(row.id);
  }
  points = points.filter((f) => {
    if (knownEvents.has(eventIdOf(f))) return true;
    results[f.index] = { id: f.record.id, status: 'rejected', reason: 'invalid-field', field: 'data.eventId', code: 'invalid-choice' };
    return false;
  });
  const inserted = await insertRecordRows(tx, points, receivedAt, deviceId, results);
  const feedbackRows: Database['feedback'][] = [];
  const attendanceRows: Database['attendance'][] = [];
  for (const { record: r } of points) {
    if (!inserted.has(r.id)) continue;
    if (r.kind === 'feedback') {
      const p = r.data as Feedback;
      const found = findPersonalData(p.text);
      feedbackRows.push({
        id: r.id,
        event_id: p.eventId,
        theme: p.theme,
        lens: p.lens,
        text: p.text,
        form: p.form,
        source: p.source,
        age_band: p.ageBand ?? null,
        ward: p.ward ?? null,
        locale: r.locale,
        device_id: deviceId,
        created_at: r.createdAt,
        received_at: receivedAt,
        review: found.length > 0 ? 'held' : 'clear',
        held_for: found.length > 0 ? found.join(',') : null,
        redacted_text: null,
      });
    } else {
      const a = r.data as Attendance;
      attendanceRows.push({
        id: r.id,
        event_id: a.eventId,
        count: a.count,
        note: a.note ?? null,
        device_id: deviceId,
        created_at: r.createdAt,
        received_at: receivedAt,
      });
    }
  }
  for (const part of chunks(feedbackRows)) await tx.insertInto('feedback').values(part).execute();
  for (const part of chunks(attendanceRows)) await tx.insertInto('attendance').values(part).execute();
}

/** Reports of poor translations: screened for personal data like feedback, and held for staff when found. */
async function storeTranslationReports(
  tx: Transaction<Database>,
  items: Fresh[],
  receivedAt: string,
  deviceId: string | null,
  results: RecordResult[],
): Promise<void> {
  if (items.length === 0) return;
  const inserted = await insertRecordRows(tx, items, receivedAt, deviceId, results);
  const rows: Database['translation_reports'][] = items
    .filter((f) => inserted.has(f.record.id))
    .map(({ record: r }) => {
      const p = r.data as TranslationReport;
      const found = findPersonalData(`${p.problem}\n${p.where ?? ''}`);
      return {
        id: r.id,
        language: p.language,
        problem: p.problem,
        where_text: p.where ?? null,
        page: p.page ?? null,
        locale: r.locale,
        review: found.length > 0 ? 'held' : 'clear',
        held_for: found.length > 0 ? found.join(',') : null,
        created_at: r.createdAt,
        received_at: receivedAt,
      };
    });
  for (const part of chunks(rows)) await tx.insertInto('translation_reports').values(part).execute();
}

/** Public pledge count: every stored pledge, each person once. */
export async function countPledges(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('pledges').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
