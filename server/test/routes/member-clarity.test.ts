// Issue #12, what a member reads on the study and points pages: the real time of each points
// entry, newest first; which cap cut an award; why a volunteer record earned +0; the wrong-answer
// book with the answer and explanation; today's practice status; withdrawing an objection.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';
import { cst } from '../../src/lib/time.js';
import { checkInWithCode, examNow, startAttempt, themeDayNow, caller, type Call } from './flows.js';
import { addBank, keysOf, wrongChoice, rightChoices, type FixtureQuestion } from './quiz-fixture.js';

const HOUR = 3_600_000;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

interface Entry {
  id: number;
  delta: number;
  reason: string | null;
  sourceTitle: string | null;
  cappedFrom: number | null;
  capNote: string | null;
  occurredAt: string;
  recordedAt: string;
}

describe('what a member reads about their points and study', () => {
  let t: TestApp;
  let f: OrgFixture;
  let call: Call;
  let bank: FixtureQuestion[];
  const entries = async (as: number, query = '') =>
    (await call('GET', `/api/me/points/entries${query}`, as)).json().items as Entry[];

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    call = caller(
      () => t.app,
      () => t.handle.db,
    );
    bank = await addBank(t.handle.db, f.orgId);
  });
  after(async () => t.close());

  test('entries list newest first by when they really happened, each with that time', async () => {
    const now = Date.now();
    // Booked in the opposite order of when they happened: the list follows the real time.
    await award(t.handle.db, {
      memberId: f.memberB1,
      ruleCode: 'award',
      sourceType: 'manual',
      sourceId: 'later',
      occurredAt: now - HOUR,
      delta: 1,
      reason: '后发生',
      now: now - HOUR,
    });
    await award(t.handle.db, {
      memberId: f.memberB1,
      ruleCode: 'award',
      sourceType: 'manual',
      sourceId: 'earlier',
      occurredAt: now - 3 * HOUR,
      delta: 1,
      reason: '先发生',
      now: now - 3 * HOUR,
    });
    const list = await entries(f.memberB1);
    assert.deepEqual(
      list.map((e) => e.reason),
      ['后发生', '先发生'],
    );
    assert.equal(Date.parse(list[0]!.recordedAt), now - HOUR);
    const recent = (await call('GET', '/api/me/points', f.memberB1)).json().recent as Entry[];
    assert.deepEqual(
      recent.map((e) => e.reason),
      ['后发生', '先发生'],
    );
  });

  test('a check-in is booked at the moment of the check-in, not at the activity start', async () => {
    const activityId = await themeDayNow(call, f.branchA, f.secretaryA);
    const activity = (await call('GET', `/api/activities/${activityId}`, f.memberA1)).json();
    const before = Date.now();
    await checkInWithCode(call, activityId, f.secretaryA, f.memberA1);
    const [entry] = await entries(f.memberA1, '?sourceType=activity');
    assert.ok(entry);
    assert.ok(Date.parse(entry.recordedAt) >= before, entry.recordedAt);
    assert.ok(Date.parse(entry.occurredAt) >= before, entry.occurredAt);
    assert.ok(Date.parse(entry.occurredAt) > Date.parse(activity.startsAt));
  });

  test('a capped award names its cap and that it is used up; the volunteer record says why it earned +0', async () => {
    const today = cst(Date.now()).format('YYYY-MM-DD');
    const month = `${cst(Date.now()).month() + 1}月`;
    const logAndApprove = async (hours: number) => {
      const created = await call('POST', '/api/volunteer/records', f.memberA2, {
        servedOn: today,
        hours,
        category: '社区服务',
        place: '和平社区',
        description: '清理楼道小广告',
      });
      assert.equal(created.statusCode, 200, created.body);
      const approved = await call('POST', `/api/volunteer/records/${created.json().id}/approve`, f.secretaryA);
      assert.equal(approved.statusCode, 200, approved.body);
      return approved.json() as { points: number; pointsNote: string | null };
    };
    const first = await logAndApprove(3);
    assert.equal(first.points, 2);
    assert.equal(first.pointsNote, `志愿服务每月上限 2 分，${month}已用满`);
    const second = await logAndApprove(2);
    assert.equal(second.points, 0);
    assert.equal(second.pointsNote, `志愿服务每月上限 2 分，${month}已用满`);
    const short = await logAndApprove(0.5);
    assert.equal(short.points, 0);
    assert.equal(short.pointsNote, '不满 1 小时，不计积分（每满 1 小时计分）');

    const volunteer = await entries(f.memberA2, '?sourceType=volunteer_record');
    assert.equal(volunteer.length, 2);
    for (const e of volunteer) {
      assert.equal(e.capNote, `志愿服务每月上限 2 分，${month}已用满`);
      assert.doesNotMatch(e.sourceTitle ?? '', ISO_DATE);
    }
    const [m, d] = [cst(Date.now()).month() + 1, cst(Date.now()).date()];
    assert.equal(volunteer[1]!.sourceTitle, `${m}月${d}日 社区服务 3 小时`);
    // An entry no cap touched has no note.
    const [manualEntry] = await entries(f.memberB1, '?sourceType=manual');
    assert.equal(manualEntry!.capNote, null);
  });

  test('a yearly cap is named as such', async () => {
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      await award(t.handle.db, {
        memberId: f.retiredA3,
        ruleCode: 'award',
        sourceType: 'manual',
        sourceId: `cap-${i}`,
        occurredAt: now - i,
        delta: 4,
        reason: `表彰 ${i}`,
        onCap: 'clamp',
        now: now - i,
      });
    }
    const list = await entries(f.retiredA3);
    const capped = list.find((e) => e.cappedFrom !== null)!;
    assert.equal(capped.delta, 2);
    assert.equal(capped.capNote, '表彰奖励年度上限 10 分已用满');
  });

  test("the wrong-answer book holds the question, the right answer and the explanation; today's practice says when it is done", async () => {
    const status = async () => (await call('GET', '/api/practice/daily/status', f.memberB1)).json();
    assert.deepEqual(
      { started: (await status()).started, completed: (await status()).completed },
      { started: false, completed: false },
    );
    const session = (await call('POST', '/api/practice/daily', f.memberB1)).json();
    assert.equal((await status()).started, true);
    assert.equal((await status()).completed, false);
    const [firstItem, ...rest] = session.items;
    const missed = bank.find((b) => b.id === firstItem.questionId)!;
    await call('POST', `/api/practice/sessions/${session.id}/answers`, f.memberB1, {
      position: firstItem.position,
      choices: wrongChoice(bank, firstItem),
    });
    for (const item of rest) {
      await call('POST', `/api/practice/sessions/${session.id}/answers`, f.memberB1, {
        position: item.position,
        choices: rightChoices(bank, item),
      });
    }
    const done = await status();
    assert.equal(done.completed, true);
    assert.equal(done.answered, session.items.length);
    assert.equal(done.correctCount, session.items.length - 1);

    // The list carries no answers; one question opened carries its answer and explanation.
    const book = (await call('GET', '/api/me/wrong-book', f.memberB1)).json();
    assert.ok(book.items.some((i: { questionId: number }) => i.questionId === missed.id));
    assert.ok(!keysOf(book).has('answer') && !keysOf(book).has('explanation'));
    const opened = await call('GET', `/api/me/wrong-book/${missed.id}`, f.memberB1);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.deepEqual(opened.json().options, missed.options);
    assert.deepEqual(opened.json().answer, missed.answer);
    assert.match(opened.json().explanation, /^解析第\d+题$/);
    // Only the member's own book: another member has not missed it.
    const other = await call('GET', `/api/me/wrong-book/${missed.id}`, f.memberA1);
    assert.equal(other.statusCode, 404);
    // The status is the member's own: another member has not started.
    assert.equal((await call('GET', '/api/practice/daily/status', f.memberA1)).json().started, false);

    // During an exam holding the question, the book does not give its answer away.
    const quizId = await examNow(call, bank, f.branchB, f.secretaryB);
    const attempt = await startAttempt(call, bank, quizId, f.memberB1);
    const during = await call('GET', `/api/me/wrong-book/${missed.id}`, f.memberB1);
    assert.equal(during.statusCode, 409);
    assert.equal(during.json().code, 'ANSWER_HIDDEN_DURING_EXAM');
    await attempt.submit();
    assert.equal((await call('GET', `/api/me/wrong-book/${missed.id}`, f.memberB1)).statusCode, 200);
  });

  test('a member withdraws their own pending objection; every other withdrawal is refused and changes nothing', async () => {
    const [entry] = await entries(f.memberB1, '?sourceType=manual');
    const raise = async () => {
      const res = await call('POST', `/api/points/entries/${entry!.id}/objections`, f.memberB1, {
        reason: '这条记录\n日期不对',
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { id: number; reason: string };
    };
    const objection = await raise();
    assert.equal(objection.reason, '这条记录\n日期不对');

    const counts = await snapshotCounts(t.handle);
    const refusals: Array<[number, number, string]> = [
      [f.memberA1, 403, 'FORBIDDEN_SCOPE'], // another member of the org
      [f.secretaryB, 403, 'FORBIDDEN_SCOPE'], // the member's own secretary acts through resolve, not withdraw
      [f.other.member, 403, 'FORBIDDEN_SCOPE'], // another organisation
    ];
    for (const [who, status, code] of refusals) {
      const res = await call('POST', `/api/objections/${objection.id}/withdraw`, who);
      assert.equal(res.statusCode, status, `${who}: ${res.body}`);
      assert.equal(res.json().code, code, res.body);
    }
    assert.equal((await call('POST', '/api/objections/999999/withdraw', f.memberB1)).statusCode, 404);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const withdrawn = await call('POST', `/api/objections/${objection.id}/withdraw`, f.memberB1);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().status, 'withdrawn');
    assert.ok(withdrawn.json().resolvedAt);
    const again = await call('POST', `/api/objections/${objection.id}/withdraw`, f.memberB1);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'OBJECTION_NOT_PENDING');
    // The secretary finds it withdrawn, not waiting.
    const resolve = await call('POST', `/api/objections/${objection.id}/resolve`, f.secretaryB, {
      outcome: 'reject',
      note: '已撤回',
    });
    assert.equal(resolve.statusCode, 409);
    assert.equal(resolve.json().code, 'OBJECTION_RESOLVED');

    // A settled objection cannot be withdrawn either.
    const next = await raise();
    const rejected = await call('POST', `/api/objections/${next.id}/resolve`, f.secretaryB, {
      outcome: 'reject',
      note: '核实无误',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const late = await call('POST', `/api/objections/${next.id}/withdraw`, f.memberB1);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'OBJECTION_NOT_PENDING');
    const mine = (await call('GET', '/api/me/objections', f.memberB1)).json().items as Array<{ status: string }>;
    assert.deepEqual(
      mine.map((o) => o.status),
      ['rejected', 'withdrawn'],
    );
  });
});
