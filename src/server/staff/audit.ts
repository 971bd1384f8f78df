import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';

/** Things staff do that must be accountable: who, what, when, which records. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out-everywhere'
  | 'staff-invited'
  | 'staff-created'
  | 'staff-changed'
  | 'totp-enabled'
  | 'device-invited'
  | 'device-enrolled'
  | 'device-revoked'
  | 'export'
  | 'contact-viewed'
  | 'pledge-moderated'
  | 'rights-search'
  | 'rights-export'
  | 'erasure'
  | 'retention'
  | 'profile-changed';

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
