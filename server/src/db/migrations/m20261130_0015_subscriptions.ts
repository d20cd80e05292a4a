import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// Opt-in reminders (WeChat one-time subscribe messages).
// - subscriptions: one accepted one-time subscription of a member: what it is for (`kind`), an
//   optional target (the activity to remind of, the volunteer record or objection whose outcome
//   to tell), and its state. A one-time subscription allows one message: it is claimed by the
//   sender (`claimed_at`, a conditional update, so two processes never send it twice) and then
//   ends as sent, refused (WeChat says the member no longer accepts), failed, expired (its moment
//   passed without a message: the activity was cancelled or began) or withdrawn.
// - subscription_sends: every attempt to send, with WeChat's error code when it failed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('activity_reminder', 'review_result', 'new_quiz')`),
    )
    .addColumn('target_type', 'text', (c) => c.check(sql`target_type in ('activity', 'volunteer', 'objection')`))
    .addColumn('target_id', 'integer')
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'claimed', 'sent', 'refused', 'failed', 'expired', 'withdrawn')`),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('subscriptions_member_idx')
    .on('subscriptions')
    .columns(['member_id', 'status'])
    .execute();
  await db.schema
    .createIndex('subscriptions_due_idx')
    .on('subscriptions')
    .columns(['status', 'kind', 'target_id'])
    .execute();

  await db.schema
    .createTable('subscription_sends')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'integer')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('sent', 'refused', 'quota', 'unavailable', 'failed')`),
    )
    .addColumn('errcode', 'integer')
    .addColumn('errmsg', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscription_sends_subscription_idx')
    .on('subscription_sends')
    .columns(['subscription_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscription_sends').execute();
  await db.schema.dropTable('subscriptions').execute();
}
