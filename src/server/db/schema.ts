import type { Generated } from 'kysely';

/**
 * Tables. Booleans are stored as 0/1 integers and instants as ISO 8601 text, so SQLite and PostgreSQL
 * hold and sort the same values and the same queries run on both.
 */
export interface RecordsTable {
  /** The device's UUIDv7: the idempotency key of the sync protocol. */
  id: string;
  kind: string;
  schema_version: number;
  /** SHA-256 of the record's canonical content: tells a re-send (duplicate) from a reused id (conflict). */
  content_hash: string;
  locale: string;
  created_at: string;
  received_at: string;
  /** 'stored', or 'same-person' when it repeated a pledge the server already had (kept as a receipt only). */
  outcome: string;
}

export interface PledgesTable {
  id: string;
  pledge_version: string;
  name: string;
  ward: string | null;
  message: string | null;
  show_message: number;
  email: string | null;
  email_consent: number;
  /** Hash of canonical email + name: the same person pledging twice counts once. Null without an email. */
  person_key: string | null;
  /** 'none' (nothing to show), 'pending', 'held' (looks like it holds personal data), 'approved', 'rejected'. */
  moderation: string;
  locale: string;
  created_at: string;
  received_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  records: RecordsTable;
  pledges: PledgesTable;
  settings: SettingsTable;
}

export type { Generated };
