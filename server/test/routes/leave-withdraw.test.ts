import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';

const MIN = 60_000;

describe('a member withdraws a pending leave request', () => {
  let t: TestApp;
  let f: OrgFixture;
  const tokens = new Map<number, { authorization: string }>();
  const auth = async (id: number) => {
    if (!tokens.has(id)) tokens.set(id, await bearer(t.handle.db, id));
    return tokens.get(id)!;
  };
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await auth(as), ...(payload ? { payload } : {}) });

  /** A 主题党日 of branch A tomorrow. */
  async function tomorrow() {
    const start = Date.now() + 24 * 60 * MIN;
    const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'theme_day',
      title: '主题党日：重温入党誓词',
      topic: '重温入党誓词',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: number };
  }
  const leaveRows = (activityId: number) =>
    t.handle.db.selectFrom('leave_requests').selectAll().where('activity_id', '=', activityId).execute();

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('the detail says 请假待审批 while it waits; withdrawing removes it and leave can be asked again', async () => {
    const a = await tomorrow();
    const ask = await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '出差在外' });
    assert.equal(ask.statusCode, 200, ask.body);
    const waiting = (await call('GET', `/api/activities/${a.id}`, f.memberA1)).json();
    assert.equal(waiting.myLeave, 'pending');
    assert.equal(waiting.myLeaveRequest.status, 'pending');

    const withdrawn = await call('DELETE', `/api/activities/${a.id}/leave-requests/${ask.json().id}`, f.memberA1);
    assert.equal(withdrawn.statusCode, 204, withdrawn.body);
    assert.deepEqual(await leaveRows(a.id), []);
    const after = (await call('GET', `/api/activities/${a.id}`, f.memberA1)).json();
    assert.equal(after.myLeave, null);
    assert.equal(after.myLeaveRequest, null);
    assert.equal(after.myStatus, 'pending', 'still invited, not yet checked in');
    const roster = (await call('GET', `/api/activities/${a.id}/roster`, f.secretaryA)).json();
    const row = roster.rows.find((r: { member: { id: number } }) => r.member.id === f.memberA1);
    assert.equal(row.leave, null, 'the secretary no longer sees a request to decide');

    const again = await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '临时出差' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().status, 'pending');
  });

  test('only the member who asked can withdraw it, and nothing changes on a refusal', async () => {
    const a = await tomorrow();
    const ask = (await call('POST', `/api/activities/${a.id}/leave`, f.memberA2, { reason: '家中有事' })).json();
    const url = `/api/activities/${a.id}/leave-requests/${ask.id}`;
    const before = await leaveRows(a.id);

    const otherMember = await call('DELETE', url, f.memberA1);
    assert.equal(otherMember.statusCode, 403);
    assert.equal(otherMember.json().code, 'FORBIDDEN_SCOPE');
    const secretary = await call('DELETE', url, f.secretaryA);
    assert.equal(secretary.statusCode, 403, 'the secretary decides, never withdraws for the member');
    const otherOrg = await call('DELETE', url, f.other.admin);
    assert.equal(otherOrg.statusCode, 403);
    const wrongActivity = await call('DELETE', `/api/activities/${a.id + 1000}/leave-requests/${ask.id}`, f.memberA2);
    assert.equal(wrongActivity.statusCode, 404);
    const anonymous = await t.app.inject({ method: 'DELETE', url });
    assert.equal(anonymous.statusCode, 401);
    assert.deepEqual(await leaveRows(a.id), before);
  });

  test('a decided request cannot be withdrawn', async () => {
    for (const approve of [true, false]) {
      const a = await tomorrow();
      const ask = (await call('POST', `/api/activities/${a.id}/leave`, f.memberA1, { reason: '出差在外' })).json();
      const decided = await call('POST', `/api/activities/${a.id}/leave-requests/${ask.id}/decision`, f.secretaryA, {
        approve,
        ...(approve ? {} : { note: '本次会议需全员到会' }),
      });
      assert.equal(decided.statusCode, 200, decided.body);
      const before = await leaveRows(a.id);
      const res = await call('DELETE', `/api/activities/${a.id}/leave-requests/${ask.id}`, f.memberA1);
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'LEAVE_NOT_PENDING');
      assert.match(res.json().message, /不能撤回/);
      assert.deepEqual(await leaveRows(a.id), before);
    }
  });
});
