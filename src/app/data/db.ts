import Dexie, { type Table } from 'dexie';
import type { RecordKind } from '../../core/records/kinds';
import type { Envelope } from '../../core/records/envelope';
import type { RecordRejection } from '../../core/problems';

/** A record as the resident or worker entered it, kept only until the server has it. */
export interface StoredRecord {
  id: string;
  envelope: Envelope;
}

/** The outbox: one row per record still to send (or refused), without the record's content. */
export interface OutboxRow {
  id: string;
  kind: RecordKind;
  createdAt: string;
  /** 'pending' waits to be sent; 'rejected' was refused by the server and waits for a person. */
  state: 'pending' | 'rejected';
  /** Set when the first send starts: from then on the record can no longer be corrected. */
  frozen: boolean;
  attempts: number;
  rejection?: { reason: RecordRejection | string; field?: string; code?: string };
}

/** What stays on the device once the server has a record: enough to count, nothing to read back. */
export interface Receipt {
  id: string;
  kind: RecordKind;
  createdAt: string;
  syncedAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class ManyVoicesDb extends Dexie {
  records!: Table<StoredRecord, string>;
  outbox!: Table<OutboxRow, string>;
  receipts!: Table<Receipt, string>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'many-voices') {
    super(name);
    // Versions only ever add: an app update must open the previous version's data with nothing lost.
    this.version(1).stores({ records: 'id', outbox: 'id, state, createdAt', receipts: 'id, kind, syncedAt', meta: 'key' });
    this.version(2).stores({
      records: 'id',
      // [state+createdAt]: the next batch (oldest pending first) and the counts, without reading every row.
      outbox: 'id, [state+createdAt]',
      receipts: 'id, kind, syncedAt',
      meta: 'key',
    });
  }
}

let shared: ManyVoicesDb | undefined;
/** The database of this origin, opened once per page or worker. */
export function database(): ManyVoicesDb {
  shared ??= new ManyVoicesDb();
  return shared;
}

export async function getMeta<T>(db: ManyVoicesDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: ManyVoicesDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
