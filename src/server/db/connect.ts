import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// pg returns BIGINT (count(*)) as a string; parse it so results match SQLite's numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export interface DbOptions {
  /** PostgreSQL connection string; when absent, an SQLite file under dataDir. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** PostgreSQL schema to use (tests use one each); default public. */
  pgSchema?: string;
}

/** Open the database and run pending migrations. */
export async function openDatabase(options: DbOptions): Promise<Db> {
  let handle: Db;
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    handle = { db, dialect: 'postgres', close: () => db.destroy() };
  } else {
    const dir = resolve(options.dataDir ?? 'data');
    mkdirSync(dir, { recursive: true });
    const file = new SQLite(join(dir, 'many-voices.sqlite'));
    // WAL lets readers (staff pages) go on while the sync endpoint writes.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
    handle = { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  // On PostgreSQL, name the schema: Kysely looks for its migration tables in every schema of the database,
  // and would take another schema's for ours (another app's, or a parallel test run's).
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationProvider,
    // Migrations are independent of each other, and parallel work can add a lower number after a higher one
    // has run somewhere (0005 arrived after 0006): run whichever a database has not had yet.
    allowUnorderedMigrations: true,
    ...(handle.dialect === 'postgres' ? { migrationTableSchema: options.pgSchema ?? 'public' } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await handle.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return handle;
}
