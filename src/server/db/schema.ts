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
  /** The enrolled outreach device that sent it; null for a resident's own phone. */
  device_id: string | null;
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
  moderated_at: string | null;
  moderated_by: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface StaffUsersTable {
  id: string;
  email: string;
  role: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: number;
  disabled: number;
  created_at: string;
}

export interface StaffSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface LoginFailuresTable {
  email: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: string;
  label: string | null;
  created_by: string | null;
  expires_at: string;
  used_at: string | null;
}

export interface DevicesTable {
  id: string;
  name: string;
  token_hash: string;
  enrolled_by: string | null;
  enrolled_at: string;
  revoked_at: string | null;
  last_sync_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

export interface RejectionsTable {
  id: string;
  record_id: string;
  device_id: string | null;
  kind: string | null;
  reason: string;
  field: string | null;
  at: string;
}

export interface Database {
  records: RecordsTable;
  pledges: PledgesTable;
  settings: SettingsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  login_failures: LoginFailuresTable;
  one_time_tokens: OneTimeTokensTable;
  devices: DevicesTable;
  audit_log: AuditLogTable;
  rejections: RejectionsTable;
  erased_ids: { id: string; erased_at: string };
  retention_runs: { id: string; at: string; kind: string; cleared: number };
}

export type { Generated };
