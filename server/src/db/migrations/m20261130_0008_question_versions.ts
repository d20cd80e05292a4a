import { sql, type Kysely } from 'kysely';
import { idColumn } from './helpers.js';

// Question ownership and immutable question versions.
// - questions.branch_id: null for the org-wide bank (kept by the org admin), else the branch
//   whose secretary keeps the question.
// - question_versions: a snapshot of what a member is shown and graded on, written on every
//   create and edit and never updated. Attempts (in their paper), answers and practice items
//   name the version they used, so editing a question never regrades or rewrites history.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .alterTable('questions')
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .execute();
  await db.schema.alterTable('questions').addColumn('current_version_id', 'integer').execute();
  await db.schema.createIndex('questions_org_branch_idx').on('questions').columns(['org_id', 'branch_id']).execute();

  await db.schema
    .createTable('question_versions')
    .addColumn('id', 'integer', id)
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .execute();
  await db.schema
    .createIndex('question_versions_question_idx')
    .on('question_versions')
    .columns(['question_id'])
    .execute();

  await db.schema
    .alterTable('quiz_answers')
    .addColumn('version_id', 'integer', (c) => c.references('question_versions.id'))
    .execute();
  await db.schema
    .alterTable('practice_items')
    .addColumn('version_id', 'integer', (c) => c.references('question_versions.id'))
    .execute();

  // Today's content becomes version 1 of every question; what was shown before cannot be recovered.
  await sql`insert into question_versions (question_id, kind, stem, options, answer, explanation, source, created_at, created_by)
    select id, kind, stem, options, answer, explanation, source, coalesce(updated_at, created_at), null from questions order by id`.execute(
    db,
  );
  await sql`update questions set current_version_id = (select max(v.id) from question_versions v where v.question_id = questions.id)`.execute(
    db,
  );
  await sql`update quiz_answers set version_id = (select q.current_version_id from questions q where q.id = quiz_answers.question_id)`.execute(
    db,
  );
  await sql`update practice_items set version_id = (select q.current_version_id from questions q where q.id = practice_items.question_id)`.execute(
    db,
  );

  // Papers: [questionId, optionOrder] -> [questionId, optionOrder, versionId], a page at a time.
  const versions = await sql<{
    id: number;
    current_version_id: number;
  }>`select id, current_version_id from questions`.execute(db);
  const versionOf = new Map(versions.rows.map((r) => [Number(r.id), Number(r.current_version_id)]));
  let after = 0;
  for (;;) {
    const page = await sql<{
      id: number;
      paper: string;
    }>`select id, paper from quiz_attempts where paper is not null and id > ${after} order by id limit 500`.execute(db);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      after = Number(row.id);
      const paper = JSON.parse(row.paper) as Array<[number, number[], number?]>;
      if (paper.every((slot) => slot.length >= 3)) continue;
      const rewritten = paper.map(([questionId, order, version]) => [
        questionId,
        order,
        version ?? versionOf.get(questionId) ?? null,
      ]);
      await sql`update quiz_attempts set paper = ${JSON.stringify(rewritten)} where id = ${row.id}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('practice_items').dropColumn('version_id').execute();
  await db.schema.alterTable('quiz_answers').dropColumn('version_id').execute();
  await db.schema.dropTable('question_versions').execute();
  await db.schema.dropIndex('questions_org_branch_idx').execute();
  await db.schema.alterTable('questions').dropColumn('current_version_id').execute();
  await db.schema.alterTable('questions').dropColumn('branch_id').execute();
}
