import type { Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// Check-in and the roster around it: leave requests with the secretary's decision, and on
// activities the cancellation reason and who wrote the meeting record when.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('leave_requests')
    .addColumn('id', 'integer', id)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('leave_requests_activity_member_uq', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('leave_requests_member_idx').on('leave_requests').columns(['member_id']).execute();

  // SQLite takes one column per ALTER TABLE.
  await db.schema.alterTable('activities').addColumn('cancel_reason', 'text').execute();
  await db.schema.alterTable('activities').addColumn('record_by', 'integer').execute();
  await db.schema.alterTable('activities').addColumn('record_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activities').dropColumn('record_at').execute();
  await db.schema.alterTable('activities').dropColumn('record_by').execute();
  await db.schema.alterTable('activities').dropColumn('cancel_reason').execute();
  await db.schema.dropTable('leave_requests').execute();
}
