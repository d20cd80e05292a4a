// A quiz's managers change it after creating it: edit before anyone attempts it, extend its
// window, close it early (attempts already running keep their own deadline), and see who in
// the audience has not taken it yet. Refusals change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank, inFuture, rightChoices, type FixtureQuestion } from './quiz-fixture.js';

interface Paper {
  attemptId: number;
  questions: Array<{ position: number; questionId: number; kind: string; stem: string; options: string[] }>;
}

describe('quiz management: edit, extend, close early, not taken', () => {
  let t: TestApp;
  let f: OrgFixture;
  let bank: FixtureQuestion[];
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const quizBody = (over: object = {}) => ({
    title: '党章知识测试',
    kind: 'exam',
    branchId: f.branchA,
    questionIds: bank.slice(0, 3).map((q) => q.id),
    timeLimitMinutes: 20,
    passMark: 60,
    maxAttempts: 2,
    opensAt: inFuture(-60),
    closesAt: inFuture(60 * 24),
    ...over,
  });
  const createQuiz = async (over: object = {}, as = f.secretaryA) => {
    const res = await call('POST', '/api/quizzes', as, quizBody(over));
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: number; closesAt: string; attempts: number };
  };
  const quizRow = (id: number) =>
    t.handle.db.selectFrom('quizzes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('a quiz nobody has attempted can be edited; once attempted, editing is refused and nothing changes', async () => {
    const quiz = await createQuiz();
    assert.equal(quiz.attempts, 0);
    const edited = await call(
      'PUT',
      `/api/quizzes/${quiz.id}`,
      f.secretaryA,
      quizBody({ title: '党章知识测试（修订）', passMark: 80 }),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().title, '党章知识测试（修订）');
    assert.equal(edited.json().passMark, 80);
    assert.equal((await quizRow(quiz.id)).pass_mark, 80);

    const started = await call('POST', `/api/quizzes/${quiz.id}/attempts`, f.memberA1);
    assert.equal(started.statusCode, 200, started.body);
    const listed = (await call('GET', '/api/manage/quizzes', f.secretaryA)).json() as Array<{
      id: number;
      attempts: number;
    }>;
    assert.equal(listed.find((q) => q.id === quiz.id)?.attempts, 1);

    const before = await quizRow(quiz.id);
    const refused = await call('PUT', `/api/quizzes/${quiz.id}`, f.secretaryA, quizBody({ passMark: 90 }));
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'QUIZ_ATTEMPTED');
    assert.deepEqual(await quizRow(quiz.id), before);
  });

  test('managers of another branch, members and another org are refused; the org admin may edit', async () => {
    const quiz = await createQuiz();
    const counts = await snapshotCounts(t.handle);
    const before = await quizRow(quiz.id);
    for (const [as, status, code] of [
      [f.secretaryB, 403, 'FORBIDDEN_SCOPE'],
      [f.memberA1, 403, 'FORBIDDEN_ROLE'],
      [f.other.admin, 403, 'FORBIDDEN_SCOPE'],
    ] as const) {
      for (const [method, url, body] of [
        ['PUT', `/api/quizzes/${quiz.id}`, quizBody({ title: '别人改的' })],
        ['POST', `/api/quizzes/${quiz.id}/extend`, { closesAt: inFuture(60 * 48) }],
        ['POST', `/api/quizzes/${quiz.id}/close`, undefined],
      ] as const) {
        const res = await call(method, url, as, body);
        assert.equal(res.statusCode, status, `${method} ${url} as ${as}: ${res.body}`);
        assert.equal(res.json().code, code);
      }
    }
    const notTaken = await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.memberA1);
    assert.equal(notTaken.statusCode, 403);
    const otherOrg = await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.other.secretary);
    assert.equal(otherOrg.statusCode, 403);
    assert.deepEqual(await quizRow(quiz.id), before);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const byAdmin = await call('PUT', `/api/quizzes/${quiz.id}`, f.admin, quizBody({ title: '管理员修改' }));
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
  });

  test('a secretary cannot change an org-wide quiz, but sees who of the own branch has not taken it', async () => {
    const quiz = await createQuiz({ branchId: null }, f.admin);
    const refused = await call('POST', `/api/quizzes/${quiz.id}/close`, f.secretaryA);
    assert.equal(refused.statusCode, 403);
    assert.equal((await quizRow(quiz.id)).closes_at, Date.parse(quiz.closesAt));

    const mine = await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.secretaryA);
    assert.equal(mine.statusCode, 200, mine.body);
    const branches = new Set((mine.json().members as Array<{ branch: { id: number } }>).map((m) => m.branch.id));
    assert.deepEqual([...branches], [f.branchA]);
    const all = (await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.admin)).json();
    assert.ok(all.audience > mine.json().audience, 'the org admin sees every branch');
  });

  test('extending moves the deadline later; an earlier or past time is refused with nothing changed', async () => {
    const quiz = await createQuiz();
    for (const closesAt of [inFuture(60), inFuture(-10), 'not a time']) {
      const res = await call('POST', `/api/quizzes/${quiz.id}/extend`, f.secretaryA, { closesAt });
      assert.equal(res.statusCode, 400, res.body);
    }
    assert.equal((await quizRow(quiz.id)).closes_at, Date.parse(quiz.closesAt));
    const later = inFuture(60 * 72);
    const res = await call('POST', `/api/quizzes/${quiz.id}/extend`, f.secretaryA, { closesAt: later });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await quizRow(quiz.id)).closes_at, Date.parse(later));
    assert.equal(res.json().status, 'open');
  });

  test('closing early stops new attempts; a running attempt may still be submitted until its own deadline', async () => {
    const quiz = await createQuiz({ maxAttempts: 1 });
    const started = await call('POST', `/api/quizzes/${quiz.id}/attempts`, f.memberA1);
    assert.equal(started.statusCode, 200, started.body);
    const paper = started.json() as Paper;

    const closed = await call('POST', `/api/quizzes/${quiz.id}/close`, f.secretaryA);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    const again = await call('POST', `/api/quizzes/${quiz.id}/close`, f.secretaryA);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'QUIZ_CLOSED');

    const late = await call('POST', `/api/quizzes/${quiz.id}/attempts`, f.memberA2);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'QUIZ_CLOSED');

    const missing = (await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.secretaryA)).json();
    const a1 = missing.members.find((m: { id: number }) => m.id === f.memberA1);
    assert.equal(a1?.inProgress, true, 'the running attempt is shown as in progress');

    const answers = paper.questions.map((q) => ({ position: q.position, choices: rightChoices(bank, q) }));
    const submitted = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA1, { answers });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().score, 100);

    const after = (await call('GET', `/api/quizzes/${quiz.id}/not-taken`, f.secretaryA)).json();
    assert.ok(!after.members.some((m: { id: number }) => m.id === f.memberA1));
    assert.equal(after.taken, 1);
    assert.equal(after.audience, missing.audience);
  });

  test('an upcoming quiz closed early never opens', async () => {
    const quiz = await createQuiz({ opensAt: inFuture(60), closesAt: inFuture(120) });
    const res = await call('POST', `/api/quizzes/${quiz.id}/close`, f.secretaryA);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'closed');
    const start = await call('POST', `/api/quizzes/${quiz.id}/attempts`, f.memberA1);
    assert.equal(start.statusCode, 409);
  });
});
