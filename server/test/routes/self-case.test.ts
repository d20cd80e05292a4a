// No one decides their own case: a manager never awards, deducts, reverses, marks attendance,
// approves leave, reviews volunteer service or settles an objection for themselves. The case
// goes to someone else (the org admin, or another org admin for an org admin), and the refusal
// says who.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';

const MIN = 60 * 1000;

describe('self-case refusals', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });

  /** A refusal with SELF_REVIEW, a Chinese message naming who can decide, and nothing changed. */
  const refusedAsSelfCase = async (
    method: 'POST' | 'PUT',
    url: string,
    as: number,
    payload: object | undefined,
    who: RegExp,
  ) => {
    const before = await snapshotCounts(t.handle);
    const res = await call(method, url, as, payload);
    assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    assert.equal(res.json().code, 'SELF_REVIEW');
    assert.match(res.json().message, who);
    assert.deepEqual(await snapshotCounts(t.handle), before, `${method} ${url} changed something`);
  };
  const SECRETARY_GOES_TO = /组织管理员或本支部其他管理人员/;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('a secretary cannot award or deduct points to themselves; the org admin can', async () => {
    const url = `/api/members/${f.secretaryA}/points/entries`;
    await refusedAsSelfCase('POST', url, f.secretaryA, { delta: 5, reason: '自评先锋岗' }, SECRETARY_GOES_TO);
    await refusedAsSelfCase('POST', url, f.secretaryA, { delta: -1, reason: '自我扣分' }, SECRETARY_GOES_TO);
    const byAdmin = await call('POST', url, f.admin, { delta: 2, reason: '组织表彰' });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
  });

  test('a secretary cannot reverse a deduction the org admin gave them; another secretary of the org cannot either', async () => {
    const deduction = await call('POST', `/api/members/${f.secretaryA}/points/entries`, f.admin, {
      delta: -2,
      reason: '未按时报送材料',
    });
    assert.equal(deduction.statusCode, 200, deduction.body);
    const id = deduction.json().id as number;
    await refusedAsSelfCase(
      'POST',
      `/api/points/entries/${id}/reverse`,
      f.secretaryA,
      { reason: '撤销' },
      SECRETARY_GOES_TO,
    );
    const byOtherBranch = await call('POST', `/api/points/entries/${id}/reverse`, f.secretaryB, { reason: '撤销' });
    assert.equal(byOtherBranch.statusCode, 403);
    assert.equal(byOtherBranch.json().code, 'FORBIDDEN_SCOPE');
    const byAdmin = await call('POST', `/api/points/entries/${id}/reverse`, f.admin, { reason: '材料已补交' });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
  });

  test('a secretary cannot mark their own attendance or decide their own leave; the org admin can', async () => {
    const start = Date.now() + 3 * 24 * 60 * MIN;
    const created = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'theme_day',
      title: '主题党日：学习条例',
      topic: '学习支部工作条例',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 90 * MIN),
    });
    assert.equal(created.statusCode, 200, created.body);
    const activityId = created.json().id as number;

    const mark = `/api/activities/${activityId}/attendance/${f.secretaryA}`;
    await refusedAsSelfCase('PUT', mark, f.secretaryA, { status: 'present', note: '本人到会' }, SECRETARY_GOES_TO);
    // Marking someone else stays possible.
    const other = await call('PUT', `/api/activities/${activityId}/attendance/${f.memberA1}`, f.secretaryA, {
      status: 'leave',
      note: '出差',
    });
    assert.equal(other.statusCode, 200, other.body);

    const asked = await call('POST', `/api/activities/${activityId}/leave`, f.secretaryA, { reason: '参加上级会议' });
    assert.equal(asked.statusCode, 200, asked.body);
    const decision = `/api/activities/${activityId}/leave-requests/${asked.json().id}/decision`;
    await refusedAsSelfCase('POST', decision, f.secretaryA, { approve: true }, SECRETARY_GOES_TO);
    const byAdmin = await call('POST', decision, f.admin, { approve: true });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    // (A meeting days away takes only leave marks; the admin records it for the secretary.)
    const byAdminMark = await call('PUT', mark, f.admin, { status: 'leave', note: '参加上级会议' });
    assert.equal(byAdminMark.statusCode, 200, byAdminMark.body);
  });

  test('a secretary cannot review their own volunteer service or settle their own objection', async () => {
    const servedOn = toIso(Date.now() - 2 * 24 * 60 * MIN).slice(0, 10);
    const record = await call('POST', '/api/volunteer/records', f.secretaryA, {
      servedOn,
      hours: 2,
      category: '社区服务',
      place: '社区服务站',
      description: '协助社区开展垃圾分类宣传',
    });
    assert.equal(record.statusCode, 200, record.body);
    const rid = record.json().id as number;
    await refusedAsSelfCase(
      'POST',
      `/api/volunteer/records/${rid}/approve`,
      f.secretaryA,
      undefined,
      SECRETARY_GOES_TO,
    );
    await refusedAsSelfCase(
      'POST',
      `/api/volunteer/records/${rid}/reject`,
      f.secretaryA,
      { reason: '不合规' },
      SECRETARY_GOES_TO,
    );

    const entry = await call('POST', `/api/members/${f.secretaryA}/points/entries`, f.admin, {
      delta: -1,
      reason: '会议迟到',
    });
    const objection = await call('POST', `/api/points/entries/${entry.json().id}/objections`, f.secretaryA, {
      reason: '当天请过假',
    });
    assert.equal(objection.statusCode, 200, objection.body);
    await refusedAsSelfCase(
      'POST',
      `/api/objections/${objection.json().id}/resolve`,
      f.secretaryA,
      { outcome: 'reverse', note: '情况属实' },
      SECRETARY_GOES_TO,
    );
    const byAdmin = await call('POST', `/api/objections/${objection.json().id}/resolve`, f.admin, {
      outcome: 'reverse',
      note: '情况属实',
    });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
  });

  test("an org admin's own case goes to another org admin, or the refusal says one must be appointed", async () => {
    // The admin is also a branch member here, so points can concern them.
    const adminMember = await addMember(t.handle.db, {
      orgId: f.orgId,
      branchId: f.branchB,
      name: '兼任管理员',
      roles: ['member', 'org_admin'],
    });
    const url = `/api/members/${adminMember}/points/entries`;
    await refusedAsSelfCase('POST', url, adminMember, { delta: 3, reason: '自评' }, /其他组织管理员/);
    // With the fixture's admin present, a second admin decides it.
    const bySecond = await call('POST', url, f.admin, { delta: 3, reason: '年度表彰' });
    assert.equal(bySecond.statusCode, 200, bySecond.body);
    // The other organisation has one admin; their own case cannot be decided by anyone yet.
    const loneAdmin = await addMember(t.handle.db, {
      orgId: f.other.orgId,
      branchId: f.other.branch,
      name: '唯一管理员',
      roles: ['member'],
    });
    await t.handle.db
      .deleteFrom('role_grants')
      .where('member_id', '=', f.other.admin)
      .where('role', '=', 'org_admin')
      .execute();
    await t.handle.db
      .insertInto('role_grants')
      .values({
        member_id: loneAdmin,
        org_id: f.other.orgId,
        role: 'org_admin',
        branch_id: null,
        created_at: Date.now(),
      })
      .execute();
    await refusedAsSelfCase(
      'POST',
      `/api/members/${loneAdmin}/points/entries`,
      loneAdmin,
      { delta: 1, reason: '自评' },
      /只有您一位组织管理员.*任命另一位组织管理员/,
    );
  });
});
