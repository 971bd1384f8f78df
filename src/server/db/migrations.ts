import { type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Migrations live in code, in order; the server runs the pending ones at start. Never edit a shipped one. */
const migrations: Record<string, Migration> = {
  '0001-records-and-pledges': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('records')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(40)', (c) => c.notNull())
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('locale', 'varchar(35)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('records_kind_received').on('records').columns(['kind', 'received_at']).execute();

      await db.schema
        .createTable('pledges')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('records.id'))
        .addColumn('pledge_version', 'varchar(20)', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('ward', 'varchar(40)')
        .addColumn('message', 'text')
        .addColumn('show_message', 'integer', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('email_consent', 'integer', (c) => c.notNull())
        .addColumn('person_key', 'varchar(64)')
        .addColumn('moderation', 'varchar(20)', (c) => c.notNull())
        .addColumn('locale', 'varchar(35)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pledges_person_key').on('pledges').column('person_key').unique().execute();
      await db.schema.createIndex('pledges_received').on('pledges').column('received_at').execute();
      await db.schema.createIndex('pledges_ward').on('pledges').column('ward').execute();
      await db.schema.createIndex('pledges_moderation').on('pledges').columns(['moderation', 'received_at']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('settings').execute();
      await db.schema.dropTable('pledges').execute();
      await db.schema.dropTable('records').execute();
    },
  },
  '0002-staff-devices-audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('staff_users')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('staff_sessions')
        // The cookie holds a random id; the table holds only its SHA-256, so a database leak gives no sessions.
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('staff_users.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();
      await db.schema
        .createTable('login_failures')
        .addColumn('email', 'varchar(254)', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'varchar(40)')
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('one_time_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('purpose', 'varchar(20)', (c) => c.notNull()) // 'setup' | 'device-invite'
        .addColumn('label', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(40)')
        .execute();
      await db.schema
        .createTable('devices')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(120)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('enrolled_by', 'varchar(36)')
        .addColumn('enrolled_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(40)')
        .addColumn('last_sync_at', 'varchar(40)')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('actor', 'varchar(254)', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema
        .createTable('rejections')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('record_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('device_id', 'varchar(36)')
        .addColumn('kind', 'varchar(40)')
        .addColumn('reason', 'varchar(40)', (c) => c.notNull())
        .addColumn('field', 'varchar(80)')
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('erased_ids')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('erased_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('retention_runs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('kind', 'varchar(40)', (c) => c.notNull())
        .addColumn('cleared', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('records').addColumn('device_id', 'varchar(36)').execute();
      await db.schema.alterTable('pledges').addColumn('moderated_at', 'varchar(40)').execute();
      await db.schema.alterTable('pledges').addColumn('moderated_by', 'varchar(254)').execute();
      await db.schema.createIndex('pledges_email').on('pledges').column('email').execute();
      await db.schema.createIndex('pledges_wall').on('pledges').columns(['moderation', 'created_at']).execute();
      await db.schema.createIndex('pledges_created').on('pledges').column('created_at').execute();
    },
  },
  '0003-listening': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('venue', 'text')
        .addColumn('ward', 'varchar(40)')
        .addColumn('themes', 'text', (c) => c.notNull())
        .addColumn('source', 'varchar(10)', (c) => c.notNull())
        .addColumn('device_id', 'varchar(36)')
        .addColumn('created_by', 'varchar(254)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_starts').on('events').columns(['source', 'starts_at']).execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('records.id'))
        .addColumn('event_id', 'varchar(36)', (c) => c.notNull().references('events.id'))
        .addColumn('theme', 'varchar(40)', (c) => c.notNull())
        .addColumn('lens', 'varchar(40)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('form', 'varchar(10)', (c) => c.notNull())
        .addColumn('source', 'varchar(10)', (c) => c.notNull())
        .addColumn('age_band', 'varchar(10)')
        .addColumn('ward', 'varchar(40)')
        .addColumn('locale', 'varchar(35)', (c) => c.notNull())
        .addColumn('device_id', 'varchar(36)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('review', 'varchar(10)', (c) => c.notNull())
        .addColumn('held_for', 'varchar(100)')
        .addColumn('redacted_text', 'text')
        .execute();
      await db.schema.createIndex('feedback_event').on('feedback').column('event_id').execute();
      await db.schema.createIndex('feedback_created').on('feedback').column('created_at').execute();
      await db.schema.createIndex('feedback_review').on('feedback').columns(['review', 'received_at']).execute();

      await db.schema
        .createTable('attendance')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('records.id'))
        .addColumn('event_id', 'varchar(36)', (c) => c.notNull().references('events.id'))
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('device_id', 'varchar(36)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attendance_event').on('attendance').column('event_id').execute();

      await db.schema
        .createTable('outcomes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('theme', 'varchar(40)', (c) => c.notNull())
        .addColumn('event_id', 'varchar(36)', (c) => c.references('events.id'))
        .addColumn('you_said', 'text', (c) => c.notNull())
        .addColumn('we_did', 'text', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)')
        .addColumn('created_by', 'varchar(254)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outcomes_published').on('outcomes').column('published_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outcomes').execute();
      await db.schema.dropTable('attendance').execute();
      await db.schema.dropTable('feedback').execute();
      await db.schema.dropTable('events').execute();
    },
  },
  // Reports of poor translations, from residents (public, anonymous; the text is screened like feedback).
  '0004-panels': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('panels')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('format', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('ward', 'varchar(40)')
        .addColumn('starts_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('signup_deadline', 'varchar(40)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('reserves', 'integer', (c) => c.notNull())
        .addColumn('min_age', 'integer', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('quotas', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(254)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('panels_open').on('panels').columns(['status', 'signup_deadline']).execute();

      // Contact details live here and are read only by coordinator and admin queries.
      await db.schema
        .createTable('signups')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('records.id'))
        .addColumn('name', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'varchar(20)')
        .addColumn('contact_consent', 'integer', (c) => c.notNull())
        .addColumn('preferred_language', 'varchar(35)')
        .addColumn('preferred_language_other', 'text')
        .addColumn('access_needs', 'text', (c) => c.notNull())
        .addColumn('access_notes', 'text')
        .addColumn('age_band', 'varchar(10)', (c) => c.notNull())
        .addColumn('person_key', 'varchar(64)')
        .addColumn('locale', 'varchar(35)', (c) => c.notNull())
        .addColumn('device_id', 'varchar(36)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signups_person_key').on('signups').column('person_key').unique().execute();
      await db.schema.createIndex('signups_email').on('signups').column('email').execute();
      await db.schema.createIndex('signups_phone').on('signups').column('phone').execute();

      // Equality answers apart from contact details: analysts get only counts built from this table.
      await db.schema
        .createTable('signup_equality')
        .addColumn('signup_id', 'varchar(36)', (c) => c.primaryKey().references('signups.id'))
        .addColumn('gender', 'varchar(40)')
        .addColumn('gender_own_words', 'text')
        .addColumn('ethnicity', 'varchar(40)')
        .addColumn('ethnicity_own_words', 'text')
        .addColumn('disability', 'varchar(20)')
        .addColumn('ward', 'varchar(40)')
        .addColumn('religion', 'varchar(20)')
        .addColumn('religion_own_words', 'text')
        .addColumn('consented_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      // "Stop using my equality answers": the answers are deleted and this row says when and by whom.
      await db.schema
        .createTable('equality_withdrawals')
        .addColumn('signup_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('withdrawn_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('recorded_by', 'varchar(254)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('signup_panels')
        .addColumn('signup_id', 'varchar(36)', (c) => c.notNull().references('signups.id'))
        .addColumn('panel_id', 'varchar(36)', (c) => c.notNull().references('panels.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('signup_panels_pk', ['signup_id', 'panel_id'])
        .execute();
      await db.schema.createIndex('signup_panels_panel').on('signup_panels').column('panel_id').execute();

      await db.schema
        .createTable('selections')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('panel_id', 'varchar(36)', (c) => c.notNull().references('panels.id'))
        .addColumn('method', 'varchar(20)', (c) => c.notNull())
        .addColumn('seed', 'varchar(200)', (c) => c.notNull())
        .addColumn('k', 'integer', (c) => c.notNull())
        .addColumn('quotas', 'text', (c) => c.notNull())
        .addColumn('volunteers', 'text', (c) => c.notNull())
        .addColumn('probabilities', 'text', (c) => c.notNull())
        .addColumn('lottery', 'text', (c) => c.notNull())
        .addColumn('panel', 'text', (c) => c.notNull())
        .addColumn('reserves', 'text', (c) => c.notNull())
        .addColumn('min_probability', 'double precision', (c) => c.notNull())
        .addColumn('created_by', 'varchar(254)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('selections_panel').on('selections').columns(['panel_id', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['selections', 'signup_panels', 'equality_withdrawals', 'signup_equality', 'signups', 'panels']) await db.schema.dropTable(table).execute();
    },
  },
  '0005-listening-report-indexes': {
    async up(db: Kysely<unknown>) {
      // The report reads each cell's newest statements (theme, lens, newest first) and counts by theme and lens.
      await db.schema.createIndex('feedback_cell_time').on('feedback').columns(['theme', 'lens', 'created_at', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('feedback_cell_time').execute();
    },
  },
  '0006-translation-reports': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('translation_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey().references('records.id'))
        .addColumn('language', 'varchar(35)', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('where_text', 'text')
        .addColumn('page', 'varchar(100)')
        .addColumn('locale', 'varchar(35)', (c) => c.notNull())
        .addColumn('review', 'varchar(10)', (c) => c.notNull())
        .addColumn('held_for', 'varchar(100)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('translation_reports_language').on('translation_reports').columns(['language', 'received_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('translation_reports').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

