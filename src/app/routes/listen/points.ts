import type { ManyVoicesDb, OutboxRow } from '../../data/db';

/**
 * What the worker sees of the records they made at one event while those are still on the device: their
 * own points and head counts. A resident's kiosk feedback (source 'resident') is never returned: the
 * worker did not type it and must not be able to read it.
 */
export interface WorkerPoint {
  id: string;
  createdAt: string;
  theme: string;
  lens: string;
  text: string;
  form: string;
  ageBand?: string;
  ward?: string;
  /** editable until the first send starts; then sending (frozen), or refused by the server. */
  status: 'editable' | 'sending' | 'refused';
  rejection?: OutboxRow['rejection'];
}

export interface HeadCount {
  id: string;
  createdAt: string;
  count: number;
  status: WorkerPoint['status'];
}

const statusOf = (row: OutboxRow): WorkerPoint['status'] => (row.state === 'rejected' ? 'refused' : row.frozen ? 'sending' : 'editable');

async function rowsOf(db: ManyVoicesDb, kind: 'feedback' | 'attendance', eventId: string) {
  const rows = (await db.outbox.toArray()).filter((r) => r.kind === kind);
  const stored = await db.records.bulkGet(rows.map((r) => r.id));
  return rows.flatMap((row, i) => {
    const data = stored[i]?.envelope.data;
    return data && data['eventId'] === eventId ? [{ row, data }] : [];
  });
}

/** The worker's own points at this event that are still on the device, oldest first. */
export async function workerPoints(db: ManyVoicesDb, eventId: string): Promise<WorkerPoint[]> {
  return (await rowsOf(db, 'feedback', eventId))
    .filter(({ data }) => data['source'] === 'worker')
    .map(({ row, data }) => ({
      id: row.id,
      createdAt: row.createdAt,
      theme: String(data['theme']),
      lens: String(data['lens']),
      text: String(data['text']),
      form: String(data['form']),
      ...(typeof data['ageBand'] === 'string' ? { ageBand: data['ageBand'] } : {}),
      ...(typeof data['ward'] === 'string' ? { ward: data['ward'] } : {}),
      status: statusOf(row),
      ...(row.rejection ? { rejection: row.rejection } : {}),
    }))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/** Head counts of this event still on the device. */
export async function headCounts(db: ManyVoicesDb, eventId: string): Promise<HeadCount[]> {
  return (await rowsOf(db, 'attendance', eventId))
    .map(({ row, data }) => ({ id: row.id, createdAt: row.createdAt, count: Number(data['count']), status: statusOf(row) }))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}
