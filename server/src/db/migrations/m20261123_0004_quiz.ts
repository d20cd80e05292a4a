import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// Online quizzes beyond the 0002 history: quiz settings (random draw, attempts allowed),
// each attempt's drawn paper and graded answers, the wrong-answer book and practice
// sessions (daily practice, practice from the wrong-answer book).
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  // A retired question stays readable from old attempts but is never drawn again.
  await db.schema.alterTable('questions').addColumn('archived_at', 'bigint').execute();
  await db.schema.alterTable('questions').addColumn('updated_at', 'bigint').execute();

  // draw_rule: JSON {count, kinds, tags, difficulties}; null means the fixed question_ids.
  await db.schema.alterTable('quizzes').addColumn('draw_rule', 'text').execute();
  await db.schema
    .alterTable('quizzes')
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .alterTable('quiz_attempts')
    .addColumn('attempt_no', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('quiz_attempts').addColumn('deadline_at', 'bigint').execute();
  // paper: JSON [[questionId, [shown option -> original option index]], ...] in shown order.
  await db.schema.alterTable('quiz_attempts').addColumn('paper', 'text').execute();
  await db.schema.alterTable('quiz_attempts').addColumn('correct_count', 'integer').execute();
  await db.schema
    .alterTable('quiz_attempts')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('quiz_attempts').addColumn('flag_reason', 'text').execute();
  await sql`update quiz_attempts set deadline_at = started_at + 60000 * (select q.time_limit_minutes from quizzes q where q.id = quiz_attempts.quiz_id)`.execute(
    db,
  );
  // One row per (quiz, member, attempt number): two racing starts cannot both open attempt 2.
  await db.schema
    .createIndex('quiz_attempts_number_uq')
    .on('quiz_attempts')
    .columns(['quiz_id', 'member_id', 'attempt_no'])
    .unique()
    .execute();

  await db.schema
    .createTable('quiz_answers')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('quiz_attempts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
    // The original option indexes picked, JSON.
    .addColumn('chosen', 'text', (c) => c.notNull())
    // 1 exact, 0.5 a correct subset of a multiple choice, 0 otherwise.
    .addColumn('credit', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('quiz_answers_pk', ['attempt_id', 'position'])
    .execute();
  await db.schema.createIndex('quiz_answers_question_idx').on('quiz_answers').columns(['question_id']).execute();

  await db.schema
    .createTable('wrong_book')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
    .addColumn('misses', 'integer', (c) => c.notNull())
    // Correct answers in a row since the last miss; two clear the question.
    .addColumn('streak', 'integer', (c) => c.notNull())
    .addColumn('last_missed_at', 'bigint', (c) => c.notNull())
    .addColumn('cleared_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('wrong_book_pk', ['member_id', 'question_id'])
    .execute();
  await db.schema.createIndex('wrong_book_open_idx').on('wrong_book').columns(['member_id', 'cleared_at']).execute();

  await db.schema
    .createTable('practice_sessions')
    .addColumn('id', 'integer', id)
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The CST day of a daily practice; null for practice from the wrong-answer book.
    .addColumn('day', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('practice_sessions_daily_uq')
    .on('practice_sessions')
    .columns(['member_id', 'kind', 'day'])
    .unique()
    .execute();

  await db.schema
    .createTable('practice_items')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('practice_sessions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
    .addColumn('option_order', 'text', (c) => c.notNull())
    .addColumn('chosen', 'text')
    .addColumn('correct', 'integer')
    .addColumn('answered_at', 'bigint')
    .addPrimaryKeyConstraint('practice_items_pk', ['session_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['practice_items', 'practice_sessions', 'wrong_book', 'quiz_answers']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('quiz_attempts_number_uq').execute();
  for (const column of ['flag_reason', 'flagged', 'correct_count', 'paper', 'deadline_at', 'attempt_no']) {
    await db.schema.alterTable('quiz_attempts').dropColumn(column).execute();
  }
  await db.schema.alterTable('quizzes').dropColumn('max_attempts').execute();
  await db.schema.alterTable('quizzes').dropColumn('draw_rule').execute();
  await db.schema.alterTable('questions').dropColumn('updated_at').execute();
  await db.schema.alterTable('questions').dropColumn('archived_at').execute();
}
