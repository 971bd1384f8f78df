/**
 * Migrations added out of order (0005 arrived after 0006 had run on some databases): a database that has
 * not had one yet gets it at the next start, instead of refusing to open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';

describe('migrations out of order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mv-migrations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a lower-numbered migration a database missed, and opens', async () => {
    const first = await openDatabase({ dataDir: dir });
    // As a database made before 0005-listening-report-indexes existed, but after 0006 ran.
    await sql`drop index feedback_cell_time`.execute(first.db);
    await sql`delete from kysely_migration where name = '0005-listening-report-indexes'`.execute(first.db);
    await first.close();

    const again = await openDatabase({ dataDir: dir });
    const index = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name = 'feedback_cell_time'`.execute(again.db);
    const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.db);
    await again.close();
    expect(index.rows).toEqual([{ name: 'feedback_cell_time' }]);
    expect(ran.rows.map((r) => r.name)).toContain('0005-listening-report-indexes');
  });
});
