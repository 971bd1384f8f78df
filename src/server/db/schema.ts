
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

/** A listening event: planned by staff ('staff') or started on the spot by an outreach device ('device'). */
export interface EventsTable {
  /** A device's record id, or a UUIDv7 the server gave a staff event. */
  id: string;
  title: string;
  /** ISO instant in UTC ("...Z"), so that instants compare as text. */
  starts_at: string;
  venue: string | null;
  ward: string | null;
  /** JSON array of profile theme ids. */
  themes: string;
  source: 'staff' | 'device';
  device_id: string | null;
  /** The staff member's email, for staff events. */
  created_by: string | null;
  created_at: string;
  received_at: string;
}

/** One point said at an event. Anonymous: no name, only optional age band and ward tags. */
export interface FeedbackTable {
  id: string;
  event_id: string;
  theme: string;
  lens: string;
  text: string;
  /** 'quote' | 'summary' */
  form: string;
  /** 'worker' | 'resident' (typed by a resident in kiosk mode) */
  source: string;
  age_band: string | null;
  ward: string | null;
  locale: string;
  device_id: string | null;
  created_at: string;
  received_at: string;
  /** 'clear', or 'held': the text seems to hold personal data; shown only once staff redact it. */
  review: 'clear' | 'held';
  /** Comma-separated kinds of personal data found ('email,phone'); null when clear. */
  held_for: string | null;
  /** The text as staff redacted it: shown instead of `text` wherever the point is shown. */
  redacted_text: string | null;
}

/** A session's head count; an event's attendance is the sum of its rows. */
export interface AttendanceTable {
  id: string;
  event_id: string;
  count: number;
  note: string | null;
  device_id: string | null;
  created_at: string;
  received_at: string;
}

/** "You said, we did": staff-written, public once published. */
export interface OutcomesTable {
  id: string;
  theme: string;
  event_id: string | null;
  /** JSON LocalizedText. */
  you_said: string;
  /** JSON LocalizedText. */
  we_did: string;
  published_at: string | null;
  created_by: string;
  created_at: string;
}

/** A resident's report of a poor translation: no personal data asked; held when the text seems to hold some. */
export interface TranslationReportsTable {
  id: string;
  language: string;
  problem: string;
  where_text: string | null;
  page: string | null;
  /** The language the app was in when the report was written. */
  locale: string;
  /** 'clear', or 'held' when the text seems to contain an email, phone number, postcode or link. */
  review: string;
  held_for: string | null;
  created_at: string;
  received_at: string;
}

/** A citizen panel staff created. LocalizedText and lists are JSON text. */
export interface PanelsTable {
  id: string;
  /** JSON LocalizedText */
  topic: string;
  /** JSON LocalizedText */
  description: string;
  format: string;
  place: string | null;
  ward: string | null;
  starts_at: string;
  ends_at: string;
  signup_deadline: string;
  size: number;
  reserves: number;
  min_age: number;
  /** JSON array of balance categories */
  categories: string;
  /** JSON array of CategoryQuotas */
  quotas: string;
  /** 'draft' | 'open' | 'closed' */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A resident's panel sign-up: contact details (coordinator and admin only) and what they need to take part. */
export interface SignupsTable {
  id: string;
  name: string | null;
  email: string | null;
  /** E.164 */
  phone: string | null;
  contact_consent: number;
  preferred_language: string | null;
  preferred_language_other: string | null;
  /** JSON array of access needs */
  access_needs: string;
  access_notes: string | null;
  age_band: string;
  /** Hash of name + email (or phone): the same person signing up again is one volunteer. */
  person_key: string | null;
  locale: string;
  device_id: string | null;
  created_at: string;
  received_at: string;
}

/** Equality answers, given with their own consent; deleted when the resident asks to stop their use. */
export interface SignupEqualityTable {
  signup_id: string;
  gender: string | null;
  gender_own_words: string | null;
  ethnicity: string | null;
  ethnicity_own_words: string | null;
  disability: string | null;
  ward: string | null;
  religion: string | null;
  religion_own_words: string | null;
  consented_at: string;
}

/** A selection staff ran (in the console's Worker) and the server verified. Lists are JSON text. */
export interface SelectionsTable {
  id: string;
  panel_id: string;
  method: string;
  seed: string;
  k: number;
  quotas: string;
  /** Sign-up ids, in the order the lottery's indices refer to. */
  volunteers: string;
  probabilities: string;
  /** { panels: number[][], weights: number[] } */
  lottery: string;
  panel: string;
  reserves: string;
  min_probability: number;
  created_by: string;
  created_at: string;
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
  events: EventsTable;
  feedback: FeedbackTable;
  attendance: AttendanceTable;
  outcomes: OutcomesTable;
  translation_reports: TranslationReportsTable;
  panels: PanelsTable;
  signups: SignupsTable;
  signup_equality: SignupEqualityTable;
  equality_withdrawals: { signup_id: string; withdrawn_at: string; recorded_by: string };
  signup_panels: { signup_id: string; panel_id: string; created_at: string };
  selections: SelectionsTable;
}

