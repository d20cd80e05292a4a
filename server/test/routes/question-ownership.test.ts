// Who keeps which questions: the org admin keeps the org-wide bank; a secretary keeps the own
// branch's questions and quizzes. Refusals change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { addBank, inFuture, type FixtureQuestion } from './quiz-fixture.js';

const body = {
  kind: 'single',
  stem: '支部题：党支部党员大会一般每季度召开几次？',
  options: ['一次', '两次', '三次'],
  answer: [0],
  explanation: '《中国共产党支部工作条例（试行）》第十五条。',
  tags: ['支部工作'],
  difficulty: 1,
};

function multipart(name: string, content: Buffer) {
  const boundary = '----xianfengowner';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const HEADER = '题型,题干,选项A,选项B,选项C,答案,解析,标签,难度';
const csv = (...stems: string[]) =>
  Buffer.from([HEADER, ...stems.map((s) => `单选,${s},甲,乙,丙,A,《中国共产党章程》第一条,党章,1`)].join('\r\n'));

describe('question bank ownership', () => {
  let t: TestApp;
  let f: OrgFixture;
  let orgWide: FixtureQuestion[];
  let branchBQuestions: FixtureQuestion[];
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const upload = async (url: string, as: number, content: Buffer) => {
    const m = multipart('题库.csv', content);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...(await bearer(t.handle.db, as)), ...m.headers },
      payload: m.payload,
    });
  };
  const stored = (id: number) =>
    t.handle.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    orgWide = await addBank(t.handle.db, f.orgId);
    branchBQuestions = await addBank(t.handle.db, f.orgId, f.branchB);
  });
  after(async () => t.close());

  test('a secretary cannot edit or archive an org-wide question: 403 QUESTION_NOT_OWNED, nothing changes', async () => {
    const q = orgWide[0]!;
    const before = await stored(q.id);
    const counts = await snapshotCounts(t.handle);
    for (const secretary of [f.secretaryA, f.secretaryB]) {
      const put = await call('PUT', `/api/questions/${q.id}`, secretary, body);
      assert.equal(put.statusCode, 403, put.body);
      assert.equal(put.json().code, 'QUESTION_NOT_OWNED');
      assert.match(put.json().message, /组织管理员/);
      const del = await call('DELETE', `/api/questions/${q.id}`, secretary);
      assert.equal(del.statusCode, 403);
      assert.equal(del.json().code, 'QUESTION_NOT_OWNED');
    }
    assert.deepEqual(await stored(q.id), before);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    // They still read it (to compose quizzes), marked read-only with the reason.
    const read = await call('GET', `/api/questions/${q.id}`, f.secretaryA);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().editable, false);
    assert.equal(read.json().branch, null);
    assert.equal(read.json().readOnlyReason, '本题由组织管理员维护');
    // The org admin edits it.
    const edited = await call('PUT', `/api/questions/${q.id}`, f.admin, { ...body, stem: '管理员改过的全单位题目' });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().editable, true);
  });

  test('a secretary adds, edits and archives the own branch questions; another branch cannot see or touch them', async () => {
    const created = await call('POST', '/api/questions', f.secretaryA, body);
    assert.equal(created.statusCode, 200, created.body);
    const q = created.json();
    assert.deepEqual(q.branch, { id: f.branchA, name: await branchName(f.branchA) });
    assert.equal(q.editable, true);
    assert.equal((await stored(q.id)).branch_id, f.branchA);

    const edited = await call('PUT', `/api/questions/${q.id}`, f.secretaryA, { ...body, answer: [1] });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().answer, [1]);
    // The org admin keeps every branch's questions too.
    assert.equal((await call('PUT', `/api/questions/${q.id}`, f.admin, body)).statusCode, 200);

    const counts = await snapshotCounts(t.handle);
    const before = await stored(q.id);
    for (const [method, as, status] of [
      ['GET', f.secretaryB, 403],
      ['PUT', f.secretaryB, 403],
      ['DELETE', f.secretaryB, 403],
      ['GET', f.other.admin, 403],
      ['PUT', f.other.admin, 403],
      ['DELETE', f.other.secretary, 403],
      ['PUT', f.memberA1, 403],
    ] as const) {
      const res = await call(method, `/api/questions/${q.id}`, as, method === 'PUT' ? body : undefined);
      assert.equal(res.statusCode, status, `${method} as ${as}: ${res.body}`);
    }
    assert.deepEqual(await stored(q.id), before);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    // Branch B's secretary does not find branch A's question in the bank; branch A's does, with the org-wide ones.
    const seenByB = (await call('GET', '/api/questions?limit=200', f.secretaryB)).json();
    assert.ok(!seenByB.items.some((i: { id: number }) => i.id === q.id));
    assert.ok(seenByB.items.some((i: { id: number }) => i.id === branchBQuestions[0]!.id));
    const seenByA = (await call('GET', '/api/questions?limit=200', f.secretaryA)).json();
    assert.ok(seenByA.items.some((i: { id: number }) => i.id === q.id));
    assert.ok(!seenByA.items.some((i: { id: number }) => i.id === branchBQuestions[0]!.id));
    assert.ok(seenByA.items.some((i: { id: number }) => i.id === orgWide[1]!.id));
    const all = (await call('GET', '/api/questions?limit=200', f.admin)).json();
    assert.ok(all.items.some((i: { id: number }) => i.id === q.id));
    assert.ok(all.items.some((i: { id: number }) => i.id === branchBQuestions[0]!.id));

    assert.equal((await call('DELETE', `/api/questions/${q.id}`, f.secretaryA)).statusCode, 204);
  });

  test('only the org admin adds to the org-wide bank; a secretary names no other branch', async () => {
    const counts = await snapshotCounts(t.handle);
    for (const [payload, code] of [
      [{ ...body, branchId: null }, 'FORBIDDEN_SCOPE'],
      [{ ...body, branchId: f.branchB }, 'FORBIDDEN_SCOPE'],
      [{ ...body, branchId: f.other.branch }, 'FORBIDDEN_SCOPE'],
    ] as const) {
      const res = await call('POST', '/api/questions', f.secretaryA, payload);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, code);
    }
    assert.deepEqual(await snapshotCounts(t.handle), counts);
    const mine = await call('POST', '/api/questions', f.admin, { ...body, stem: '全单位新题：党员的基本义务有几项？' });
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().branch, null);
    const forB = await call('POST', '/api/questions', f.admin, {
      ...body,
      stem: '给乙支部的题目',
      branchId: f.branchB,
    });
    assert.equal(forB.statusCode, 200);
    assert.equal(forB.json().branch.id, f.branchB);
  });

  test("imports follow the same rule: a secretary's import becomes branch questions, the admin's org-wide", async () => {
    const bySecretary = await upload(
      '/api/questions/import',
      f.secretaryA,
      csv('书记导入题一：支部题目', '书记导入题二：支部题目'),
    );
    assert.equal(bySecretary.statusCode, 200, bySecretary.body);
    const rows = await t.handle.db
      .selectFrom('questions')
      .select(['branch_id', 'current_version_id'])
      .where('stem', 'like', '书记导入题%')
      .execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.branch_id === f.branchA && r.current_version_id !== null));

    const counts = await snapshotCounts(t.handle);
    const intoOther = await upload(
      `/api/questions/import?branchId=${f.branchB}`,
      f.secretaryA,
      csv('越权导入题：不应导入'),
    );
    assert.equal(intoOther.statusCode, 403);
    assert.equal(intoOther.json().code, 'FORBIDDEN_SCOPE');
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const byAdmin = await upload('/api/questions/import', f.admin, csv('管理员导入题：全单位题目'));
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    const adminRow = await t.handle.db
      .selectFrom('questions')
      .select('branch_id')
      .where('stem', '=', '管理员导入题：全单位题目')
      .executeTakeFirstOrThrow();
    assert.equal(adminRow.branch_id, null);
    // The secretary's export holds the org-wide bank and the own branch's, never another branch's.
    const exported = (await call('GET', '/api/questions/export?format=csv', f.secretaryA)).body;
    assert.match(exported, /书记导入题一/);
    assert.match(exported, /管理员导入题/);
    const byB = await upload('/api/questions/import', f.secretaryB, csv('乙支部导入题：只属于乙支部'));
    assert.equal(byB.statusCode, 200, byB.body);
    assert.ok(!(await call('GET', '/api/questions/export?format=csv', f.secretaryA)).body.includes('乙支部导入题'));
    assert.match((await call('GET', '/api/questions/export?format=csv', f.admin)).body, /乙支部导入题/);
  });

  test("quizzes: a branch quiz uses org-wide and its own branch's questions; stats follow the quiz's owner", async () => {
    const quiz = (over: object) => ({
      title: '支部测验',
      kind: 'practice',
      branchId: f.branchA,
      timeLimitMinutes: 10,
      passMark: 60,
      maxAttempts: 1,
      opensAt: inFuture(-10),
      closesAt: inFuture(60),
      ...over,
    });
    const counts = await snapshotCounts(t.handle);
    const withOtherBranch = await call(
      'POST',
      '/api/quizzes',
      f.secretaryA,
      quiz({ questionIds: [branchBQuestions[0]!.id] }),
    );
    assert.equal(withOtherBranch.statusCode, 400);
    assert.equal(withOtherBranch.json().code, 'QUESTION_NOT_FOUND');
    const orgWideBySecretary = await call(
      'POST',
      '/api/quizzes',
      f.secretaryA,
      quiz({ branchId: null, questionIds: [orgWide[1]!.id] }),
    );
    assert.equal(orgWideBySecretary.statusCode, 403);
    const forOtherBranch = await call(
      'POST',
      '/api/quizzes',
      f.secretaryA,
      quiz({ branchId: f.branchB, questionIds: [orgWide[1]!.id] }),
    );
    assert.equal(forOtherBranch.statusCode, 403);
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    const ok = await call(
      'POST',
      '/api/quizzes',
      f.secretaryB,
      quiz({ branchId: f.branchB, questionIds: [orgWide[1]!.id, branchBQuestions[1]!.id] }),
    );
    assert.equal(ok.statusCode, 200, ok.body);
    // An org-wide quiz draws only from the org-wide bank, never from a branch's own questions.
    const orgQuiz = await call(
      'POST',
      '/api/quizzes',
      f.admin,
      quiz({ branchId: null, draw: { count: orgWide.length } }),
    );
    assert.equal(orgQuiz.statusCode, 200, orgQuiz.body);
    const paper = (await call('POST', `/api/quizzes/${orgQuiz.json().id}/attempts`, f.memberB1)).json();
    const branchIds = new Set(branchBQuestions.map((q) => q.id));
    assert.ok(paper.questions.every((q: { questionId: number }) => !branchIds.has(q.questionId)));

    // Stats: branch B's quiz for its secretary and the admin; not for branch A's secretary or another org.
    const id = ok.json().id;
    assert.equal((await call('GET', `/api/quizzes/${id}/stats`, f.secretaryB)).statusCode, 200);
    assert.equal((await call('GET', `/api/quizzes/${id}/stats`, f.admin)).statusCode, 200);
    assert.equal((await call('GET', `/api/quizzes/${id}/stats`, f.secretaryA)).statusCode, 403);
    assert.equal((await call('GET', `/api/quizzes/${id}/stats`, f.other.admin)).statusCode, 403);
    // The org-wide quiz's stats: every manager of the org (each for the own branches), no other org.
    assert.equal((await call('GET', `/api/quizzes/${orgQuiz.json().id}/stats`, f.secretaryA)).statusCode, 200);
    assert.equal((await call('GET', `/api/quizzes/${orgQuiz.json().id}/stats`, f.other.admin)).statusCode, 403);
  });

  async function branchName(id: number) {
    return (await t.handle.db.selectFrom('branches').select('name').where('id', '=', id).executeTakeFirstOrThrow())
      .name;
  }
});
