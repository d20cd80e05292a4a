// Editing a question never changes an attempt or a practice that used it: papers, grading and
// results read the immutable version that was shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank, inFuture, rightChoices, type FixtureQuestion } from './quiz-fixture.js';

interface Paper {
  attemptId: number;
  questions: Array<{ position: number; questionId: number; kind: string; stem: string; options: string[] }>;
}

describe('question versions', () => {
  let t: TestApp;
  let f: OrgFixture;
  let bank: FixtureQuestion[];
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const editBody = (q: FixtureQuestion, stem: string, answer: number[]) => ({
    kind: q.kind,
    stem,
    options: q.options,
    answer,
    explanation: '改过的解析',
    tags: q.tags,
    difficulty: q.difficulty,
  });
  /** The single-choice question with its answer moved to another option. */
  const moveAnswer = async (q: FixtureQuestion, stem: string) => {
    const other = q.answer[0] === 0 ? 1 : 0;
    const res = await call('PUT', `/api/questions/${q.id}`, f.admin, editBody(q, stem, [other]));
    assert.equal(res.statusCode, 200, res.body);
  };
  const quizOf = async (questions: FixtureQuestion[]) => {
    const res = await call('POST', '/api/quizzes', f.admin, {
      title: '版本测试',
      kind: 'exam',
      branchId: null,
      questionIds: questions.map((q) => q.id),
      timeLimitMinutes: 30,
      passMark: 60,
      maxAttempts: 1,
      opensAt: inFuture(-60),
      closesAt: inFuture(60),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };
  const start = async (quizId: number, member: number) => {
    const res = await call('POST', `/api/quizzes/${quizId}/attempts`, member);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Paper;
  };
  const backdate = (attemptId: number) =>
    // Started ten minutes ago, so full marks are not flagged as too fast.
    t.handle.db
      .updateTable('quiz_attempts')
      .set({ started_at: Date.now() - 600_000 })
      .where('id', '=', attemptId)
      .execute();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('after an edit, a submitted attempt still shows the old stem, answer and explanation, with the same score', async () => {
    const singles = bank.filter((q) => q.kind === 'single');
    const quizId = await quizOf(singles);
    const paper = await start(quizId, f.memberA1);
    await backdate(paper.attemptId);
    const answers = paper.questions.map((q) => ({ position: q.position, choices: rightChoices(bank, q) }));
    const submitted = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA1, { answers });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().score, 100);
    const before = (await call('GET', `/api/attempts/${paper.attemptId}`, f.memberA1)).json();

    for (const q of singles) await moveAnswer(q, `${q.stem}（已修改）`);

    const after = (await call('GET', `/api/attempts/${paper.attemptId}`, f.memberA1)).json();
    assert.deepEqual(after, before);
    assert.equal(after.result.score, 100);
    for (const g of after.result.questions) {
      const original = singles.find((q) => q.id === g.questionId)!;
      assert.equal(g.stem, original.stem);
      assert.equal(g.credit, 1);
      assert.deepEqual(g.answer, g.chosen);
      assert.match(g.explanation, /^解析第/);
    }
    // A second submission returns the first result, still on the old versions.
    const again = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA1, { answers });
    assert.equal(again.json().score, 100);
    // The bank shows the new text, and a new attempt gets it.
    const current = (await call('GET', `/api/questions/${singles[0]!.id}`, f.admin)).json();
    assert.match(current.stem, /已修改/);
    const answerRows = await t.handle.db
      .selectFrom('quiz_answers')
      .innerJoin('question_versions', 'question_versions.id', 'quiz_answers.version_id')
      .select(['question_versions.stem'])
      .where('attempt_id', '=', paper.attemptId)
      .execute();
    assert.equal(answerRows.length, singles.length);
    assert.ok(answerRows.every((r) => !r.stem.includes('已修改')));
  });

  test('an edit during a running attempt: the paper and the grading stay on the version shown', async () => {
    const q = bank.find((b) => b.kind === 'multiple')!;
    const judge = bank.find((b) => b.kind === 'judge')!;
    const quizId = await quizOf([q, judge]);
    const paper = await start(quizId, f.memberA2);
    await backdate(paper.attemptId);

    // The admin rewrites both: the multiple choice gets a different answer set, the judge flips.
    const edited = await call(
      'PUT',
      `/api/questions/${q.id}`,
      f.admin,
      editBody(q, '多选题一（新版）：下列哪些是纪律处分种类？', [1, 3]),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    await call(
      'PUT',
      `/api/questions/${judge.id}`,
      f.admin,
      editBody(judge, '判断题一（新版）', [judge.answer[0] === 0 ? 1 : 0]),
    );

    // Reading the running attempt shows what was shown at the start.
    const running = (await call('GET', `/api/attempts/${paper.attemptId}`, f.memberA2)).json();
    assert.equal(running.state, 'in_progress');
    assert.deepEqual(running.paper.questions, paper.questions);

    // The member answers what they were shown: graded right on that version.
    const answers = paper.questions.map((s) => ({ position: s.position, choices: rightChoices(bank, s) }));
    const result = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA2, { answers });
    assert.equal(result.statusCode, 200, result.body);
    assert.equal(result.json().score, 100);
    assert.ok(result.json().questions.every((g: { stem: string }) => !g.stem.includes('新版')));

    // A new attempt by someone else is drawn on the new version and graded on it.
    const fresh = await start(quizId, f.retiredA3);
    assert.ok(fresh.questions.some((s) => s.stem.includes('新版')));
  });

  test('daily practice keeps the version it drew', async () => {
    const first = await call('POST', '/api/practice/daily', f.memberB1);
    assert.equal(first.statusCode, 200, first.body);
    const item = first.json().items[0];
    // The question as drawn (earlier tests edited some of them): its answer by option text.
    const drawn = (await call('GET', `/api/questions/${item.questionId}`, f.admin)).json() as FixtureQuestion;
    const source = bank.find((b) => b.id === item.questionId)!;
    const res = await call('PUT', `/api/questions/${source.id}`, f.admin, {
      ...editBody(
        source,
        `${drawn.stem}（练习中修改）`,
        drawn.answer.length > 1 ? [0, 1] : [drawn.answer[0] === 0 ? 1 : 0],
      ),
      explanation: '练习中改过的解析',
    });
    assert.equal(res.statusCode, 200, res.body);
    const choices = rightChoices([drawn], item);
    const answered = await call('POST', `/api/practice/sessions/${first.json().id}/answers`, f.memberB1, {
      position: item.position,
      choices,
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const shown = answered.json().items[0];
    assert.equal(shown.stem, item.stem);
    assert.equal(shown.feedback.correct, true);
    assert.notEqual(shown.feedback.explanation, '练习中改过的解析');
  });
});
