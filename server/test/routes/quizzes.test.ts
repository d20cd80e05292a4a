import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank, inFuture, keysOf, rightChoices, wrongChoice, type FixtureQuestion } from './quiz-fixture.js';

interface Paper {
  attemptId: number;
  secondsLeft: number;
  questions: Array<{ position: number; questionId: number; kind: string; stem: string; options: string[] }>;
}

describe('quiz routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  let bank: FixtureQuestion[];
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const quizBody = (over: object = {}) => ({
    title: '党章知识测试',
    kind: 'exam',
    branchId: f.branchA,
    questionIds: bank.map((q) => q.id),
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
    return res.json().id as number;
  };
  const start = async (quizId: number, as: number) => {
    const res = await call('POST', `/api/quizzes/${quizId}/attempts`, as);
    assert.equal(res.statusCode, 200, res.body);
    return { paper: res.json() as Paper, body: res.body };
  };
  const allRight = (paper: Paper) =>
    paper.questions.map((q) => ({ position: q.position, choices: rightChoices(bank, q) }));
  const points = async (member: number) =>
    (await call('GET', '/api/me/points', member)).json().summary.earned as number;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('the paper carries no answer and no explanation, and is shuffled per attempt', async () => {
    const quizId = await createQuiz({ maxAttempts: 1 });
    const papers: Paper[] = [];
    for (const member of [f.memberA1, f.memberA2, f.retiredA3, f.secretaryA]) {
      const { paper, body } = await start(quizId, member);
      const keys = keysOf(JSON.parse(body));
      assert.ok(!keys.has('answer') && !keys.has('explanation') && !keys.has('credit'), [...keys].join());
      assert.ok(!body.includes('解析'), 'no explanation text');
      assert.equal(paper.questions.length, bank.length);
      assert.ok(paper.secondsLeft > 19 * 60 && paper.secondsLeft <= 20 * 60);
      for (const q of paper.questions) {
        const source = bank.find((b) => b.id === q.questionId)!;
        assert.deepEqual([...q.options].sort(), [...source.options].sort(), 'same options, maybe reordered');
        if (q.kind === 'judge') assert.deepEqual(q.options, ['正确', '错误']);
      }
      papers.push(paper);
    }
    const orders = new Set(papers.map((p) => p.questions.map((q) => `${q.questionId}:${q.options.join('|')}`).join()));
    assert.ok(orders.size > 1, 'four members did not all get the same order');

    // Reading the attempt while it runs gives the same paper, still without answers.
    const again = await call('GET', `/api/attempts/${papers[0]!.attemptId}`, f.memberA1);
    assert.equal(again.json().state, 'in_progress');
    assert.deepEqual(again.json().paper.questions, papers[0]!.questions);
    assert.ok(!keysOf(again.json()).has('answer'));
    // Starting again resumes the same attempt.
    const resumed = await start(quizId, f.memberA1);
    assert.equal(resumed.paper.attemptId, papers[0]!.attemptId);
    assert.deepEqual(resumed.paper.questions, papers[0]!.questions);
  });

  test('grading with partial credit; score, explanations and points after submission; a second submission returns the first result', async () => {
    const quizId = await createQuiz({ title: '部分得分测试' });
    const { paper } = await start(quizId, f.memberA2);
    const before = await points(f.memberA2);
    // Everything right except the two multiple-choice questions: one a correct subset, one with a wrong pick.
    let multiples = 0;
    const answers = paper.questions.map((q) => {
      if (q.kind !== 'multiple') return { position: q.position, choices: rightChoices(bank, q) };
      multiples++;
      return multiples === 1
        ? { position: q.position, choices: rightChoices(bank, q, (a) => a.slice(0, 1)) }
        : { position: q.position, choices: [...rightChoices(bank, q), ...wrongChoice(bank, q)] };
    });
    const res = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA2, { answers });
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json();
    // 4 right + 0.5 + 0 out of 6 = 75.
    assert.equal(result.score, 75);
    assert.equal(result.passed, true);
    assert.equal(result.fullMarks, false);
    assert.equal(result.correctCount, 4);
    assert.equal(result.pointsEarned, 2);
    assert.deepEqual(result.questions.map((q: { credit: number }) => q.credit).sort(), [0, 0.5, 1, 1, 1, 1]);
    for (const q of result.questions) {
      const source = bank.find((b) => b.id === q.questionId)!;
      assert.match(q.explanation, /^解析第\d题$/);
      assert.deepEqual(
        q.answer.map((i: number) => q.options[i]).sort(),
        source.answer.map((i) => source.options[i]).sort(),
      );
    }
    assert.equal(await points(f.memberA2), before + 2);

    const counts = await snapshotCounts(t.handle);
    const second = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA2, {
      answers: allRight(paper),
    });
    assert.equal(second.statusCode, 200);
    assert.deepEqual(second.json(), result, 'the first result stands');
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    const view = await call('GET', `/api/attempts/${paper.attemptId}`, f.memberA2);
    assert.deepEqual(view.json(), { state: 'finished', result });

    // A second attempt with full marks adds only the full-marks bonus: the pass paid once per quiz.
    const next = await start(quizId, f.memberA2);
    assert.notEqual(next.paper.attemptId, paper.attemptId);
    const full = (
      await call('POST', `/api/attempts/${next.paper.attemptId}/submit`, f.memberA2, { answers: allRight(next.paper) })
    ).json();
    assert.equal(full.score, 100);
    assert.equal(full.pointsEarned, 1);
    assert.equal(await points(f.memberA2), before + 3);
    // Two attempts allowed, both used.
    const third = await call('POST', `/api/quizzes/${quizId}/attempts`, f.memberA2);
    assert.equal(third.statusCode, 409);
    assert.equal(third.json().code, 'ATTEMPTS_USED_UP');
  });

  test('the server keeps time: a submission after the deadline and the grace is refused and records nothing', async () => {
    const quizId = await createQuiz({ title: '限时测试', maxAttempts: 1 });
    const { paper } = await start(quizId, f.retiredA3);
    // Just inside the grace: accepted.
    await t.handle.db
      .updateTable('quiz_attempts')
      .set({ deadline_at: Date.now() - 10_000 })
      .where('id', '=', paper.attemptId)
      .execute();
    const inGrace = await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.retiredA3, { answers: [] });
    assert.equal(inGrace.statusCode, 200, inGrace.body);
    assert.equal(inGrace.json().score, 0);

    const late = await createQuiz({ title: '超时测试', maxAttempts: 1 });
    const second = await start(late, f.retiredA3);
    await t.handle.db
      .updateTable('quiz_attempts')
      .set({ deadline_at: Date.now() - 31_000 })
      .where('id', '=', second.paper.attemptId)
      .execute();
    const counts = await snapshotCounts(t.handle);
    const res = await call('POST', `/api/attempts/${second.paper.attemptId}/submit`, f.retiredA3, {
      answers: allRight(second.paper),
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'ATTEMPT_TIME_UP');
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    // The attempt is over: it reads as expired with score 0 and cannot be restarted.
    const view = (await call('GET', `/api/attempts/${second.paper.attemptId}`, f.retiredA3)).json();
    assert.equal(view.state, 'finished');
    assert.equal(view.result.state, 'expired');
    assert.equal(view.result.score, 0);
    assert.equal((await call('POST', `/api/quizzes/${late}/attempts`, f.retiredA3)).json().code, 'ATTEMPTS_USED_UP');
  });

  test('impossibly fast full marks are flagged for the secretary, and points still follow the rules', async () => {
    const quizId = await createQuiz({ title: '满分复核测试', maxAttempts: 1 });
    const { paper } = await start(quizId, f.secretaryA);
    const result = (
      await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.secretaryA, { answers: allRight(paper) })
    ).json();
    assert.equal(result.score, 100);
    const stats = (await call('GET', `/api/quizzes/${quizId}/stats`, f.secretaryA)).json();
    assert.equal(stats.flagged.length, 1);
    assert.equal(stats.flagged[0].member.name, '甲书记');
    assert.match(stats.flagged[0].reason, /低于合理阅读时间/);
    // A slower full-marks attempt is not flagged.
    const slow = await createQuiz({ title: '从容作答', maxAttempts: 1 });
    const s = await start(slow, f.memberA1);
    await t.handle.db
      .updateTable('quiz_attempts')
      .set({ started_at: Date.now() - 5 * 60_000 })
      .where('id', '=', s.paper.attemptId)
      .execute();
    await call('POST', `/api/attempts/${s.paper.attemptId}/submit`, f.memberA1, { answers: allRight(s.paper) });
    assert.equal((await call('GET', `/api/quizzes/${slow}/stats`, f.secretaryA)).json().flagged.length, 0);
  });

  test('random draw by tag and difficulty gives each attempt its own questions from the pool', async () => {
    const quizId = await createQuiz({ title: '随机抽题', questionIds: undefined, draw: { count: 2, tags: ['党章'] } });
    const eligible = bank.filter((q) => q.tags.includes('党章')).map((q) => q.id);
    const { paper } = await start(quizId, f.memberB1).catch(() => ({ paper: null as unknown as Paper }));
    assert.equal(paper, null, 'a branch A quiz is not for branch B');
    for (const member of [f.memberA1]) {
      const p = (await start(quizId, member)).paper;
      assert.equal(p.questions.length, 2);
      assert.ok(p.questions.every((q) => eligible.includes(q.questionId)));
    }
    const tooMany = await call(
      'POST',
      '/api/quizzes',
      f.secretaryA,
      quizBody({ questionIds: undefined, draw: { count: 9, tags: ['党章'] } }),
    );
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().code, 'DRAW_POOL_TOO_SMALL');
  });

  test('members see the quizzes for their branch and the org, with their own progress', async () => {
    const orgQuiz = await createQuiz({ title: '全单位测试', branchId: null }, f.admin);
    const list = (await call('GET', '/api/quizzes', f.memberB1)).json();
    assert.ok(list.some((q: { id: number }) => q.id === orgQuiz));
    assert.ok(list.every((q: { branch: { id: number } | null }) => q.branch === null || q.branch.id === f.branchB));
    assert.ok(list.every((q: { questionIds: unknown; draw: unknown }) => q.questionIds === null && q.draw === null));
    const mine = (await call('GET', '/api/quizzes', f.memberA2)).json();
    const partial = mine.find((q: { title: string }) => q.title === '部分得分测试');
    assert.equal(partial.attemptsUsed, 2);
    assert.equal(partial.bestScore, 100);
    assert.equal(partial.passed, true);
    assert.equal(partial.inProgressAttemptId, null);
    assert.equal((await call('GET', '/api/quizzes', f.other.member)).json().length, 0);
  });

  test('window, audience and ownership refusals change nothing', async () => {
    const upcoming = await createQuiz({ title: '未开始', opensAt: inFuture(60), closesAt: inFuture(120) });
    const closed = await createQuiz({ title: '已截止', opensAt: inFuture(-120), closesAt: inFuture(-60) });
    const open = await createQuiz({ title: '开放中', maxAttempts: 1 });
    const { paper } = await start(open, f.memberA1);
    const counts = await snapshotCounts(t.handle);
    const cases: Array<[string, string, number, object | undefined, number, string]> = [
      ['POST', `/api/quizzes/${upcoming}/attempts`, f.memberA1, undefined, 409, 'QUIZ_NOT_OPEN'],
      ['POST', `/api/quizzes/${closed}/attempts`, f.memberA1, undefined, 409, 'QUIZ_CLOSED'],
      ['POST', `/api/quizzes/${open}/attempts`, f.memberB1, undefined, 403, 'QUIZ_NOT_FOR_YOU'],
      ['POST', `/api/quizzes/${open}/attempts`, f.other.member, undefined, 404, 'NOT_FOUND'],
      ['POST', `/api/quizzes/${open}/attempts`, f.admin, undefined, 403, 'FORBIDDEN_ROLE'],
      ['POST', '/api/quizzes/999999/attempts', f.memberA1, undefined, 404, 'NOT_FOUND'],
      ['GET', `/api/attempts/${paper.attemptId}`, f.memberA2, undefined, 403, 'FORBIDDEN_SCOPE'],
      ['POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA2, { answers: [] }, 403, 'FORBIDDEN_SCOPE'],
      [
        'POST',
        `/api/attempts/${paper.attemptId}/submit`,
        f.memberA1,
        { answers: [{ position: 99, choices: [0] }] },
        400,
        'INVALID_ANSWER',
      ],
      [
        'POST',
        `/api/attempts/${paper.attemptId}/submit`,
        f.memberA1,
        { answers: [{ position: 0, choices: [7] }] },
        400,
        'INVALID_ANSWER',
      ],
      [
        'POST',
        `/api/attempts/${paper.attemptId}/submit`,
        f.memberA1,
        {
          answers: [
            { position: 0, choices: [0] },
            { position: 0, choices: [1] },
          ],
        },
        400,
        'INVALID_ANSWER',
      ],
      [
        'POST',
        `/api/attempts/${paper.attemptId}/submit`,
        f.memberA1,
        { answers: [{ position: 0, choices: ['A'] }] },
        400,
        'VALIDATION_FAILED',
      ],
      ['POST', `/api/attempts/${paper.attemptId}/submit`, f.memberA1, {}, 400, 'VALIDATION_FAILED'],
    ];
    const judge = paper.questions.find((q) => q.kind === 'judge')!;
    cases.push([
      'POST',
      `/api/attempts/${paper.attemptId}/submit`,
      f.memberA1,
      { answers: [{ position: judge.position, choices: [0, 1] }] },
      400,
      'INVALID_ANSWER',
    ]);
    for (const [method, url, as, payload, status, code] of cases) {
      const res = await call(method as 'GET' | 'POST', url, as, payload);
      assert.equal(res.statusCode, status, `${url} ${res.body}`);
      assert.equal(res.json().code, code, url);
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/quizzes' })).statusCode, 401);
  });

  test('creating quizzes: roles, scope and bad input are refused and change nothing', async () => {
    const counts = await snapshotCounts(t.handle);
    const cases: Array<[number, object, number, string]> = [
      [f.memberA1, {}, 403, 'FORBIDDEN_ROLE'],
      [f.secretaryA, { branchId: f.branchB }, 403, 'FORBIDDEN_SCOPE'],
      [f.secretaryA, { branchId: null }, 403, 'FORBIDDEN_SCOPE'],
      [f.other.admin, {}, 403, 'FORBIDDEN_SCOPE'],
      [f.secretaryA, { branchId: 999999 }, 404, 'NOT_FOUND'],
      [f.secretaryA, { closesAt: inFuture(-120) }, 400, 'INVALID_WINDOW'],
      [f.secretaryA, { opensAt: 'yesterday' }, 400, 'INVALID_TIME'],
      [f.secretaryA, { draw: { count: 2 } }, 400, 'PAPER_REQUIRED'],
      [f.secretaryA, { questionIds: undefined }, 400, 'PAPER_REQUIRED'],
      [f.secretaryA, { questionIds: [bank[0]!.id, bank[0]!.id] }, 400, 'DUPLICATE_QUESTION'],
      [f.secretaryA, { questionIds: [999999] }, 400, 'QUESTION_NOT_FOUND'],
      [f.secretaryA, { passMark: 101 }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { maxAttempts: 0 }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { kind: 'contest' }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { title: '' }, 400, 'VALIDATION_FAILED'],
      [f.secretaryA, { orgId: f.other.orgId }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [as, over, status, code] of cases) {
      const res = await call('POST', '/api/quizzes', as, quizBody(over));
      assert.equal(res.statusCode, status, `${JSON.stringify(over)} ${res.body}`);
      assert.equal(res.json().code, code, JSON.stringify(over));
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    const created = await createQuiz({ title: '审计测试' });
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'quiz.create')
      .where('target_id', '=', String(created))
      .execute();
    assert.equal(audit.length, 1);
  });

  test('stats: participation and pass rates per branch, accuracy per question and tag weakest first, in the reader’s scope', async () => {
    const quizId = await createQuiz({ title: '统计测试', branchId: null, maxAttempts: 1 }, f.admin);
    // Branch A: A1 passes with all right; A2 misses everything. Branch B: B1 passes.
    for (const [member, right] of [
      [f.memberA1, true],
      [f.memberA2, false],
      [f.memberB1, true],
    ] as const) {
      const { paper } = await start(quizId, member);
      const answers = paper.questions.map((q) => ({
        position: q.position,
        choices: right ? rightChoices(bank, q) : wrongChoice(bank, q),
      }));
      await call('POST', `/api/attempts/${paper.attemptId}/submit`, member, { answers });
    }
    const stats = (await call('GET', `/api/quizzes/${quizId}/stats`, f.admin)).json();
    const a = stats.branches.find((b: { branch: { id: number } }) => b.branch.id === f.branchA);
    const b = stats.branches.find((x: { branch: { id: number } }) => x.branch.id === f.branchB);
    assert.equal(a.audience, 4);
    assert.equal(a.participants, 2);
    assert.equal(a.participationRate, 0.5);
    assert.equal(a.passRate, 0.5);
    assert.equal(b.audience, 2);
    assert.equal(b.participants, 1);
    assert.equal(b.passRate, 1);
    assert.equal(stats.overall.participants, 3);
    assert.equal(stats.questions.length, bank.length);
    const accuracies = stats.questions.map((q: { accuracy: number }) => q.accuracy);
    assert.deepEqual(
      accuracies,
      [...accuracies].sort((x: number, y: number) => x - y),
      'weakest first',
    );
    assert.ok(stats.tags.length >= 3);
    // The secretary of branch A sees only branch A.
    const secretary = (await call('GET', `/api/quizzes/${quizId}/stats`, f.secretaryA)).json();
    assert.deepEqual(
      secretary.branches.map((x: { branch: { id: number } }) => x.branch.id),
      [f.branchA],
    );
    assert.equal(secretary.overall.participants, 2);
    assert.equal(secretary.questions[0].accuracy, 0.5);

    const overview = (await call('GET', `/api/quiz-stats?branchId=${f.branchA}`, f.secretaryA)).json();
    assert.equal(overview.branch.id, f.branchA);
    assert.ok(overview.quizzes.some((q: { quiz: { id: number } }) => q.quiz.id === quizId));
    assert.deepEqual(
      overview.branches.map((x: { branch: { id: number } }) => x.branch.id),
      [f.branchA],
    );
    const tagAcc = overview.tags.map((x: { accuracy: number }) => x.accuracy);
    assert.deepEqual(
      tagAcc,
      [...tagAcc].sort((x: number, y: number) => x - y),
    );

    for (const [url, as, status] of [
      [`/api/quizzes/${quizId}/stats`, f.memberA1, 403],
      [`/api/quizzes/${quizId}/stats`, f.other.admin, 403],
      [`/api/quizzes/999999/stats`, f.admin, 404],
      [`/api/quiz-stats?branchId=${f.branchB}`, f.secretaryA, 403],
      [`/api/quiz-stats?branchId=${f.other.branch}`, f.admin, 403],
      [`/api/quiz-stats`, f.memberA1, 403],
    ] as const) {
      assert.equal((await call('GET', url, as)).statusCode, status, url);
    }
    const branchBQuiz = await createQuiz({ title: '乙支部测试', branchId: f.branchB }, f.secretaryB);
    assert.equal((await call('GET', `/api/quizzes/${branchBQuiz}/stats`, f.secretaryA)).statusCode, 403);
    const managed = (await call('GET', '/api/manage/quizzes', f.secretaryA)).json();
    assert.ok(!managed.some((q: { id: number }) => q.id === branchBQuiz));
    assert.ok(managed.some((q: { id: number }) => q.id === quizId));
  });
});
