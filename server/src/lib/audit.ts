import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export interface AuditEvent {
  orgId: number;
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  detail?: Record<string, unknown>;
}

/** Every admin action is written to the audit log, in the same transaction as the action. */
export async function audit(db: Kysely<Database> | Transaction<Database>, event: AuditEvent, now = Date.now()) {
  await db
    .insertInto('audit_log')
    .values({
      org_id: event.orgId,
      actor_id: event.actorId,
      action: event.action,
      target_type: event.targetType,
      target_id: String(event.targetId),
      detail: event.detail ? JSON.stringify(event.detail) : null,
      created_at: now,
    })
    .execute();
}
