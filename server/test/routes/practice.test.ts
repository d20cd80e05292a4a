import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank, inFuture, keysOf, rightChoices, wrongChoice, type FixtureQuestion } from './quiz-fixture.js';
import { answerPractice, dailyPractice } from '../../src/quiz/practice.js';
import { actorFromToken } from '../../src/auth/actor.js';

interface Session {
  id: number;
  completed: boolean;
  pointsEarned: number;
  items: Array<{
    position: number;
    questionId: number;
    kind: string;
    options: string[];
    feedback: null | { correct: boolean; answer: number[]; explanation: string };
  }>;
}

describe('practice routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  let bank: FixtureQuestion[];
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const answer = async (session: number, as: number, position: number, choices: number[]) => {
    const res = await call('POST', `/api/practice/sessions/${session}/answers`, as, { position, choices });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Session;
  };
  const book = async (as: number) =>
    (await call('GET', '/api/me/wrong-book', as)).json() as {
      total: number;
      items: Array<{ questionId: number; misses: number; streak: number }>;
    };

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('daily practice: the same questions all day, feedback only after each answer, one point once completed', async () => {
    const first = await call('POST', '/api/practice/daily', f.memberA1);
    assert.equal(first.statusCode, 200, first.body);
    const session = first.json() as Session;
    assert.equal(session.items.length, 5);
    assert.ok(session.items.every((i) => i.feedback === null));
    assert.ok(!keysOf(session).has('answer') && !first.body.includes('解析'), 'no answer before answering');
    const again = (await call('POST', '/api/practice/daily', f.memberA1)).json();
    assert.deepEqual(again, session);

    const [q0, ...rest] = session.items;
    const afterFirst = await answer(session.id, f.memberA1, q0!.position, wrongChoice(bank, q0!));
    const fb = afterFirst.items[0]!.feedback!;
    assert.equal(fb.correct, false);
    assert.match(fb.explanation, /^解析第\d题$/);
    assert.deepEqual(fb.answer, rightChoices(bank, q0!));
    // Only the answered question reveals its answer.
    assert.ok(afterFirst.items.slice(1).every((i) => i.feedback === null));
    // Answering it again returns the first feedback.
    const repeat = await answer(session.id, f.memberA1, q0!.position, rightChoices(bank, q0!));
    assert.equal(repeat.items[0]!.feedback!.correct, false);

    const before = (await call('GET', '/api/me/points', f.memberA1)).json().summary.earned;
    let last: Session = repeat;
    for (const item of rest) last = await answer(session.id, f.memberA1, item.position, rightChoices(bank, item));
    assert.equal(last.completed, true);
    assert.equal(last.pointsEarned, 1);
    assert.equal((await call('GET', '/api/me/points', f.memberA1)).json().summary.earned, before + 1);
    // The miss is in the wrong-answer book.
    assert.deepEqual(
      (await book(f.memberA1)).items.map((i) => i.questionId),
      [q0!.questionId],
    );
  });

  test('the practice day and month are China time: 00:00-08:00 is already the new day', async () => {
    const { db } = t.handle;
    const memberId = await addMember(db, { orgId: f.orgId, branchId: f.branchA, name: '早起者' });
    const actor = await actorFromToken(db, (await bearer(db, memberId)).authorization.slice(7));
    const complete = async (now: number) => {
      const session = await dailyPractice(db, actor, now);
      let last = session;
      for (const item of session.items) {
        last = await answerPractice(
          db,
          actor,
          session.id,
          { position: item.position, choices: rightChoices(bank, item) },
          now + 60_000,
        );
      }
      return last;
    };
    const mayLast = await complete(Date.parse('2026-05-31T23:30:00+08:00'));
    // 2026-05-31 16:30 UTC: still May 31 in UTC, June 1 in China.
    const juneFirst = await complete(Date.parse('2026-06-01T00:30:00+08:00'));
    assert.deepEqual([mayLast.day, juneFirst.day], ['2026-05-31', '2026-06-01']);
    assert.notEqual(juneFirst.id, mayLast.id, 'a new day draws a new practice');
    assert.deepEqual([mayLast.pointsEarned, juneFirst.pointsEarned], [1, 1], 'June has its own monthly point');
    // 2026-05-31 23:50 UTC: the same China day as 00:30, so the same practice.
    const later = await dailyPractice(db, actor, Date.parse('2026-06-01T07:50:00+08:00'));
    assert.equal(later.id, juneFirst.id);
  });

  test('the daily practice points are capped by the rules: one a month by default', async () => {
    const { db } = t.handle;
    const actor = await actorFromToken(db, (await bearer(db, f.memberA2)).authorization.slice(7));
    const earned: number[] = [];
    const day1 = Date.parse('2026-03-02T09:00:00+08:00');
    for (const now of [day1, day1 + 86_400_000, Date.parse('2026-04-01T09:00:00+08:00')]) {
      const session = await dailyPractice(db, actor, now);
      let last = session;
      for (const item of session.items)
        last = await answerPractice(
          db,
          actor,
          session.id,
          { position: item.position, choices: rightChoices(bank, item) },
          now + 60_000,
        );
      assert.equal(last.completed, true);
      earned.push(last.pointsEarned);
    }
    assert.deepEqual(earned, [1, 0, 1], 'second day of March capped, April pays again');
    const capped = await db
      .selectFrom('points_ledger')
      .select(['delta', 'capped_from'])
      .where('member_id', '=', f.memberA2)
      .where('rule_code', '=', 'daily_practice')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      capped.map((c) => [c.delta, c.capped_from]),
      [
        [1, null],
        [0, 1],
        [1, null],
      ],
    );
  });

  test('wrong-answer book: every miss goes in; two right answers in a row take it out; a miss resets the streak', async () => {
    const quiz = await call('POST', '/api/quizzes', f.secretaryA, {
      title: '错题测试',
      kind: 'practice',
      branchId: f.branchA,
      questionIds: bank.map((q) => q.id),
      timeLimitMinutes: 10,
      passMark: 60,
      maxAttempts: 1,
      opensAt: inFuture(-10),
      closesAt: inFuture(600),
    });
    const paper = (await call('POST', `/api/quizzes/${quiz.json().id}/attempts`, f.retiredA3)).json();
    // Miss everything except a half-right multiple choice, which still counts as a miss.
    const answers = paper.questions.map(
      (q: FixtureQuestion & { position: number; questionId: number; options: string[] }) => ({
        position: q.position,
        choices: q.kind === 'multiple' ? rightChoices(bank, q, (a) => a.slice(0, 1)) : wrongChoice(bank, q),
      }),
    );
    const result = (await call('POST', `/api/attempts/${paper.attemptId}/submit`, f.retiredA3, { answers })).json();
    assert.equal(result.pointsEarned, 0, 'practice quizzes pay no points');
    assert.equal((await book(f.retiredA3)).total, bank.length);

    const target = bank[0]!.id;
    const practiseOnce = async (right: boolean) => {
      // Practise until the target question comes up (five of six are drawn).
      for (;;) {
        const s = (await call('POST', '/api/practice/wrong-book', f.retiredA3)).json() as Session;
        assert.ok(s.items.length <= 5);
        assert.ok(!keysOf(s).has('answer'));
        const item = s.items.find((i) => i.questionId === target);
        if (!item) continue;
        await answer(s.id, f.retiredA3, item.position, right ? rightChoices(bank, item) : wrongChoice(bank, item));
        return;
      }
    };
    await practiseOnce(true);
    let entry = (await book(f.retiredA3)).items.find((i) => i.questionId === target)!;
    assert.equal(entry.streak, 1);
    await practiseOnce(false);
    entry = (await book(f.retiredA3)).items.find((i) => i.questionId === target)!;
    assert.equal(entry.streak, 0);
    assert.equal(entry.misses, 2);
    await practiseOnce(true);
    await practiseOnce(true);
    const after = await book(f.retiredA3);
    assert.ok(!after.items.some((i) => i.questionId === target), 'left the book after two in a row');
    assert.equal(after.total, bank.length - 1);
  });

  test('refusals: other people’s sessions, bad answers, members without a branch, an empty book', async () => {
    const session = (await call('POST', '/api/practice/daily', f.memberB1)).json() as Session;
    const counts = await snapshotCounts(t.handle);
    const cases: Array<[string, string, number, object | undefined, number, string]> = [
      ['GET', `/api/practice/sessions/${session.id}`, f.memberA1, undefined, 403, 'FORBIDDEN_SCOPE'],
      [
        'POST',
        `/api/practice/sessions/${session.id}/answers`,
        f.memberA1,
        { position: 0, choices: [0] },
        403,
        'FORBIDDEN_SCOPE',
      ],
      [
        'POST',
        `/api/practice/sessions/${session.id}/answers`,
        f.memberB1,
        { position: 9, choices: [0] },
        400,
        'INVALID_ANSWER',
      ],
      [
        'POST',
        `/api/practice/sessions/${session.id}/answers`,
        f.memberB1,
        { position: 0, choices: [7] },
        400,
        'INVALID_ANSWER',
      ],
      [
        'POST',
        `/api/practice/sessions/${session.id}/answers`,
        f.memberB1,
        { position: 0, choices: [] },
        400,
        'VALIDATION_FAILED',
      ],
      ['POST', '/api/practice/sessions/999999/answers', f.memberB1, { position: 0, choices: [0] }, 404, 'NOT_FOUND'],
      ['POST', '/api/practice/daily', f.admin, undefined, 403, 'FORBIDDEN_ROLE'],
      ['POST', '/api/practice/wrong-book', f.memberB1, undefined, 409, 'WRONG_BOOK_EMPTY'],
      ['POST', '/api/practice/daily', f.other.member, undefined, 409, 'BANK_EMPTY'],
    ];
    for (const [method, url, as, payload, status, code] of cases) {
      const res = await call(method as 'GET' | 'POST', url, as, payload);
      assert.equal(res.statusCode, status, `${url} ${res.body}`);
      assert.equal(res.json().code, code, url);
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    const single = session.items.find((i) => i.kind !== 'multiple')!;
    const two = await call('POST', `/api/practice/sessions/${session.id}/answers`, f.memberB1, {
      position: single.position,
      choices: [0, 1],
    });
    assert.equal(two.json().code, 'INVALID_ANSWER');
  });
});
