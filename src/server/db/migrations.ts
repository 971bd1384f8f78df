import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export { sql };
