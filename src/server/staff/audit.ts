import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction } from '../../core/audit';
import type { Database } from '../db/schema';

export type { AuditAction } from '../../core/audit';

export async function audit(
  db: Kysely<Database>,
  entry: { actor: string; action: AuditAction; subject?: string | undefined; detail?: Record<string, unknown> | undefined; at: Date },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
