// Migration 0008 on a database with quiz history: every question gets version 1, every
// answer, practice item and paper slot names it, and the old attempt still reads the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../helpers.js';
import * as m0001 from '../../src/db/migrations/m20261122_0001_org_auth_points.js';
import * as m0002 from '../../src/db/migrations/m20261122_0002_participation.js';
import * as m0003 from '../../src/db/migrations/m20261123_0003_checkin.js';
import * as m0004 from '../../src/db/migrations/m20261123_0004_quiz.js';
import * as m0005 from '../../src/db/migrations/m20261123_0005_volunteer_rankings.js';
import * as m0006 from '../../src/db/migrations/m20261123_0006_dashboard.js';
import * as m0007 from '../../src/db/migrations/m20261130_0007_ledger_integrity.js';
import * as m0008 from '../../src/db/migrations/m20261130_0008_question_versions.js';

// The history is written at 0006, then the database is upgraded through 0007 and 0008 together.
const before0008: Record<string, Migration> = {
  '20261122_0001_org_auth_points': m0001,
  '20261122_0002_participation': m0002,
  '20261123_0003_checkin': m0003,
  '20261123_0004_quiz': m0004,
  '20261123_0005_volunteer_rankings': m0005,
  '20261123_0006_dashboard': m0006,
};

async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

describe('migration 0008: question versions', () => {
  let h: TestDatabase;
  const ids: Record<string, number> = {};

  before(async () => {
    h = await openTestDatabase({ migrate: false });
    const db = h.db as unknown as Kysely<unknown>;
    await migrate(db, before0008);
    const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0]!;
    const now = Date.now();
    ids.org = Number(
      (
        await one<{ id: number }>(
          sql`insert into orgs (name, ranking_visibility, created_at) values ('旧单位', 'off', ${now}) returning id`,
        )
      ).id,
    );
    ids.branch = Number(
      (
        await one<{ id: number }>(
          sql`insert into branches (org_id, name, created_at) values (${ids.org}, '旧支部', ${now}) returning id`,
        )
      ).id,
    );
    ids.member = Number(
      (
        await one<{ id: number }>(
          sql`insert into members (org_id, branch_id, name, political_status, employment, active, created_at) values (${ids.org}, ${ids.branch}, '老党员', 'full', 'in_service', 1, ${now}) returning id`,
        )
      ).id,
    );
    for (const [key, stem] of [
      ['q1', '旧题一：预备期多长？'],
      ['q2', '旧题二：介绍人几名？'],
    ] as const) {
      ids[key] = Number(
        (
          await one<{ id: number }>(
            sql`insert into questions (org_id, kind, stem, options, answer, explanation, tags, difficulty, source, created_at) values (${ids.org}, 'single', ${stem}, '["一年","两年"]', '[0]', '旧解析', '[]', 1, null, ${now}) returning id`,
          )
        ).id,
      );
    }
    ids.quiz = Number(
      (
        await one<{ id: number }>(
          sql`insert into quizzes (org_id, branch_id, title, kind, question_ids, time_limit_minutes, pass_mark, opens_at, closes_at, created_at) values (${ids.org}, null, '旧考试', 'exam', ${JSON.stringify([ids.q1, ids.q2])}, 10, 60, ${now - 3_600_000}, ${now + 3_600_000}, ${now}) returning id`,
        )
      ).id,
    );
    const paper = JSON.stringify([
      [ids.q2, [1, 0]],
      [ids.q1, [0, 1]],
    ]);
    ids.attempt = Number(
      (
        await one<{ id: number }>(
          sql`insert into quiz_attempts (quiz_id, member_id, score, passed, started_at, submitted_at, paper) values (${ids.quiz}, ${ids.member}, 50, 0, ${now - 60_000}, ${now}, ${paper}) returning id`,
        )
      ).id,
    );
    await sql`insert into quiz_answers (attempt_id, position, question_id, chosen, credit) values (${ids.attempt}, 0, ${ids.q2}, '[0]', 1), (${ids.attempt}, 1, ${ids.q1}, '[1]', 0)`.execute(
      db,
    );
    await migrate(db, {
      ...before0008,
      '20261130_0007_ledger_integrity': m0007,
      '20261130_0008_question_versions': m0008,
    });
  });
  after(async () => h.close());

  test('every question has version 1 with its content; questions stay org-wide', async () => {
    const questions = await h.db.selectFrom('questions').selectAll().orderBy('id').execute();
    assert.equal(questions.length, 2);
    for (const q of questions) {
      assert.equal(q.branch_id, null);
      const v = await h.db
        .selectFrom('question_versions')
        .selectAll()
        .where('id', '=', q.current_version_id!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [v.question_id, v.stem, v.options, v.answer, v.explanation],
        [q.id, q.stem, q.options, q.answer, q.explanation],
      );
    }
  });

  test('answers and paper slots name the versions, in the paper order', async () => {
    const current = new Map(
      (await h.db.selectFrom('questions').select(['id', 'current_version_id']).execute()).map((q) => [
        q.id,
        q.current_version_id,
      ]),
    );
    const attempt = await h.db
      .selectFrom('quiz_attempts')
      .select('paper')
      .where('id', '=', ids.attempt!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(attempt.paper!), [
      [ids.q2, [1, 0], current.get(ids.q2!)],
      [ids.q1, [0, 1], current.get(ids.q1!)],
    ]);
    const answers = await h.db.selectFrom('quiz_answers').select(['question_id', 'version_id']).execute();
    assert.ok(answers.every((a) => a.version_id === current.get(a.question_id)));
  });
});
