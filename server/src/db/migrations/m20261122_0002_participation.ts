import type { Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// The participation records the points ledger points at: activities with their invitees
// and attendance, the question bank, quizzes with attempts, and volunteer records.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('activities')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('radius_m', 'integer')
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('checkin_opens_at', 'bigint', (c) => c.notNull())
    .addColumn('checkin_closes_at', 'bigint', (c) => c.notNull())
    .addColumn('late_after', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('record', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('activities_branch_idx').on('activities').columns(['branch_id', 'starts_at']).execute();
  await db.schema.createIndex('activities_org_idx').on('activities').columns(['org_id', 'starts_at']).execute();

  await db.schema
    .createTable('activity_invitees')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addPrimaryKeyConstraint('activity_invitees_pk', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('activity_invitees_member_idx').on('activity_invitees').columns(['member_id']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'integer', id)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('checked_in_at', 'bigint')
    .addColumn('note', 'text')
    .addColumn('marked_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('attendance_activity_member_uq', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('attendance_member_idx').on('attendance').columns(['member_id']).execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questions_org_idx').on('questions').columns(['org_id']).execute();

  await db.schema
    .createTable('quizzes')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('question_ids', 'text', (c) => c.notNull())
    .addColumn('time_limit_minutes', 'integer', (c) => c.notNull())
    .addColumn('pass_mark', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'bigint', (c) => c.notNull())
    .addColumn('closes_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quiz_attempts')
    .addColumn('id', 'integer', id)
    .addColumn('quiz_id', 'integer', (c) => c.notNull().references('quizzes.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('score', 'integer')
    .addColumn('passed', 'integer')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('quiz_attempts_quiz_member_idx')
    .on('quiz_attempts')
    .columns(['quiz_id', 'member_id'])
    .execute();
  await db.schema.createIndex('quiz_attempts_member_idx').on('quiz_attempts').columns(['member_id']).execute();

  await db.schema
    .createTable('volunteer_records')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('branch_id', 'integer')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('served_on', 'text', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'integer')
    .addColumn('decided_at', 'bigint')
    .addColumn('reject_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_records_member_idx')
    .on('volunteer_records')
    .columns(['member_id', 'served_on'])
    .execute();
  await db.schema
    .createIndex('volunteer_records_branch_idx')
    .on('volunteer_records')
    .columns(['branch_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'volunteer_records',
    'quiz_attempts',
    'quizzes',
    'questions',
    'attendance',
    'activity_invitees',
    'activities',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
