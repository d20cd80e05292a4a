import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';

describe('points routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('members read the rules of their organisation', async () => {
    const res = await call('GET', '/api/points/rules', f.memberA1);
    assert.equal(res.statusCode, 200);
    const rules = res.json();
    assert.equal(rules.version, 1);
    assert.equal(rules.baseScore, 60);
    assert.equal(rules.rules.find((r: { code: string }) => r.code === 'quiz_pass').points, 2);
    assert.deepEqual(rules.caps.volunteer, { month: 2, year: 8 });
  });

  test('a secretary awards with a reason; the member sees it in the history and the total', async () => {
    const res = await call('POST', `/api/members/${f.memberA1}/points/entries`, f.secretaryA, {
      delta: 3,
      reason: '获评先锋岗',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ruleLabel, '表彰奖励');
    const mine = (await call('GET', '/api/me/points', f.memberA1)).json();
    assert.equal(mine.summary.total, 63);
    assert.equal(mine.recent[0].reason, '获评先锋岗');
    assert.equal(mine.recent[0].delta, 3);
    const audit = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'points.award').execute();
    assert.equal(audit.length, 1);
  });

  test('manual entries refuse bad input and change nothing', async () => {
    const before = await snapshotCounts(t.handle);
    const cases: Array<[object, number, string]> = [
      [{ delta: 3 }, 400, 'VALIDATION_FAILED'],
      [{ delta: 3, reason: '' }, 400, 'VALIDATION_FAILED'],
      [{ delta: 3, reason: '理'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ delta: 6, reason: '超出上限' }, 400, 'POINTS_OUT_OF_RANGE'],
      [{ delta: -11, reason: '超出上限' }, 400, 'POINTS_OUT_OF_RANGE'],
      [{ delta: 0, reason: '零分' }, 400, 'POINTS_OUT_OF_RANGE'],
      [{ delta: 1.5, reason: '小数' }, 400, 'VALIDATION_FAILED'],
      [{ delta: 2, reason: '多余字段', memberId: f.memberB1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await call('POST', `/api/members/${f.memberA2}/points/entries`, f.secretaryA, payload);
      assert.equal(res.statusCode, status, JSON.stringify(payload));
      assert.equal(res.json().code, code, JSON.stringify(payload));
    }
    assert.deepEqual(await snapshotCounts(t.handle), before);
  });

  test('manual entries refuse members, other branches and other orgs', async () => {
    const body = { delta: 1, reason: '理由充分' };
    assert.equal((await call('POST', `/api/members/${f.memberA2}/points/entries`, f.memberA1, body)).statusCode, 403);
    assert.equal(
      (await call('POST', `/api/members/${f.memberA1}/points/entries`, f.memberA1, body)).statusCode,
      403,
      'no self-award',
    );
    assert.equal((await call('POST', `/api/members/${f.memberB1}/points/entries`, f.secretaryA, body)).statusCode, 403);
    assert.equal(
      (await call('POST', `/api/members/${f.memberA1}/points/entries`, f.other.admin, body)).statusCode,
      403,
    );
    assert.equal((await call('POST', `/api/members/777777/points/entries`, f.admin, body)).statusCode, 404);
    assert.equal((await call('POST', `/api/members/${f.memberB1}/points/entries`, f.admin, body)).statusCode, 200);
  });

  test('reversal: by the own secretary only, once, with a reason', async () => {
    const award = (
      await call('POST', `/api/members/${f.retiredA3}/points/entries`, f.secretaryA, {
        delta: 2,
        reason: '助老服务表彰',
      })
    ).json();
    assert.equal(
      (await call('POST', `/api/points/entries/${award.id}/reverse`, f.secretaryB, { reason: '录入错误' })).statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/points/entries/${award.id}/reverse`, f.retiredA3, { reason: '录入错误' })).statusCode,
      403,
    );
    assert.equal((await call('POST', `/api/points/entries/${award.id}/reverse`, f.secretaryA, {})).statusCode, 400);
    assert.equal(
      (await call('POST', `/api/points/entries/888888/reverse`, f.secretaryA, { reason: '录入错误' })).statusCode,
      404,
    );
    const reversal = await call('POST', `/api/points/entries/${award.id}/reverse`, f.secretaryA, {
      reason: '录入错误',
    });
    assert.equal(reversal.statusCode, 200);
    assert.equal(reversal.json().delta, -2);
    assert.equal(reversal.json().reversesEntryId, award.id);
    const twice = await call('POST', `/api/points/entries/${award.id}/reverse`, f.secretaryA, { reason: '录入错误' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'ALREADY_REVERSED');
    const mine = (await call('GET', '/api/me/points', f.retiredA3)).json();
    assert.equal(mine.summary.total, 60);
    assert.equal(mine.recent.find((e: { id: number }) => e.id === award.id).reversedByEntryId, reversal.json().id);
  });

  test('/api/me/points is for members; the org admin without a branch is refused', async () => {
    const res = await call('GET', '/api/me/points', f.admin);
    assert.equal(res.statusCode, 403);
  });
});
