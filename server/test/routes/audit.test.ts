import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';

const MIN = 60_000;

interface Entry {
  id: number;
  action: string;
  kind: string;
  label: string;
  actor: { id: number; name: string } | null;
  member: { id: number; name: string } | null;
  summary: string | null;
  reason: string | null;
  at: string;
  atText: string;
}
interface AuditPage {
  items: Entry[];
  total: number;
  kinds: Array<{ value: string; label: string }>;
}

describe('audit log routes', () => {
  let t: TestApp;
  let f: OrgFixture;
  let activityA: number;
  let awardA1: number;
  const tokens = new Map<number, { authorization: string }>();
  const auth = async (id: number) => {
    if (!tokens.has(id)) tokens.set(id, await bearer(t.handle.db, id));
    return tokens.get(id)!;
  };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await auth(as), ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) => {
    const res = await call(method, url, as, payload);
    assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
    return res.json();
  };
  const read = (url: string, as: number) => ok('GET', url, as) as Promise<AuditPage>;
  const activity = async (branchId: number, as: number, title: string, startedMinAgo: number) => {
    const start = Date.now() - startedMinAgo * MIN;
    const a = await ok('POST', `/api/branches/${branchId}/activities`, as, {
      type: 'theme_day',
      title,
      topic: '学习党章',
      place: '会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
    });
    return a.id as number;
  };
  const actions = (page: AuditPage) => page.items.map((e) => e.action);

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
    // Branch A: an activity, a roster mark on the retired member, an award then its reversal.
    activityA = await activity(f.branchA, f.secretaryA, '主题党日：学习党章', 5);
    await ok('PUT', `/api/activities/${activityA}/attendance/${f.retiredA3}`, f.secretaryA, {
      status: 'present',
      note: '书记代为登记',
    });
    awardA1 = (
      await ok('POST', `/api/members/${f.memberA1}/points/entries`, f.secretaryA, { delta: 3, reason: '获评先锋岗' })
    ).id;
    await ok('POST', `/api/points/entries/${awardA1}/reverse`, f.admin, { reason: '重复录入' });
    // Branch B: a deduction and a leave decision by B's secretary.
    await ok('POST', `/api/members/${f.memberB1}/points/entries`, f.secretaryB, { delta: -1, reason: '无故缺席' });
    const activityB = await activity(f.branchB, f.secretaryB, '主题党日：重温入党誓词', -24 * 60);
    const ask = await ok('POST', `/api/activities/${activityB}/leave`, f.memberB1, { reason: '出差在外' });
    await ok('POST', `/api/activities/${activityB}/leave-requests/${ask.id}/decision`, f.secretaryB, {
      approve: true,
      note: '同意',
    });
    // Another organisation's entry, which nobody here may see.
    await ok('POST', `/api/members/${f.other.member}/points/entries`, f.other.secretary, {
      delta: 1,
      reason: '他单位表彰',
    });
    // Closing A marks the unrecorded (张三, 李四, 甲书记) absent.
    await ok('POST', `/api/activities/${activityA}/close`, f.admin);
  });
  after(async () => t.close());

  test('the org admin reads every entry of the organisation, newest first, in Chinese', async () => {
    const page = await read(`/api/orgs/${f.orgId}/audit?limit=100`, f.admin);
    assert.deepEqual(actions(page), [
      'activity.close',
      'leave.approve',
      'activity.create',
      'points.deduct',
      'points.reverse',
      'points.award',
      'attendance.mark',
      'activity.create',
    ]);
    assert.equal(page.total, 8);
    const award = page.items.find((e) => e.action === 'points.award')!;
    assert.equal(award.label, '加分');
    assert.deepEqual(award.actor, { id: f.secretaryA, name: '甲书记' });
    assert.deepEqual(award.member, { id: f.memberA1, name: '张三' });
    assert.equal(award.summary, '+3 分');
    assert.equal(award.reason, '获评先锋岗');
    assert.match(award.atText, /^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    assert.equal(award.at.slice(-6), '+08:00');
    const reversal = page.items.find((e) => e.action === 'points.reverse')!;
    assert.equal(reversal.label, '冲正');
    assert.equal(reversal.member?.name, '张三');
    assert.equal(reversal.summary, '撤销 +3 分');
    assert.equal(reversal.reason, '重复录入');
    const mark = page.items.find((e) => e.action === 'attendance.mark')!;
    assert.equal(mark.label, '登记出勤');
    assert.equal(mark.member?.name, '王老五');
    assert.equal(mark.summary, '「主题党日：学习党章」未登记 → 出席');
    assert.equal(mark.reason, '书记代为登记');
    const leave = page.items.find((e) => e.action === 'leave.approve')!;
    assert.equal(leave.label, '批准请假');
    assert.equal(leave.member?.name, '赵六');
    assert.equal(leave.reason, '同意');
    assert.ok(page.kinds.some((k) => k.value === 'attendance' && k.label === '出勤与请假'));
  });

  test('the org admin filters by affected member, by actor and by kind, and pages', async () => {
    const byMember = await read(`/api/orgs/${f.orgId}/audit?memberId=${f.memberA1}`, f.admin);
    assert.deepEqual(actions(byMember), ['points.reverse', 'points.award']);
    const byActor = await read(`/api/orgs/${f.orgId}/audit?actorId=${f.secretaryB}`, f.admin);
    assert.deepEqual(actions(byActor), ['leave.approve', 'activity.create', 'points.deduct']);
    const byKind = await read(`/api/orgs/${f.orgId}/audit?kind=attendance`, f.admin);
    assert.deepEqual(actions(byKind), ['activity.close', 'leave.approve', 'attendance.mark']);
    const both = await read(`/api/orgs/${f.orgId}/audit?kind=points&actorId=${f.admin}`, f.admin);
    assert.deepEqual(actions(both), ['points.reverse']);
    assert.equal((await read(`/api/orgs/${f.orgId}/audit?kind=other`, f.admin)).total, 0);

    const first = await read(`/api/orgs/${f.orgId}/audit?limit=3`, f.admin);
    const second = await read(`/api/orgs/${f.orgId}/audit?limit=3&offset=3`, f.admin);
    assert.equal(first.items.length, 3);
    assert.equal(first.total, 8);
    assert.equal(second.total, 8);
    assert.deepEqual(
      [...first.items, ...second.items].map((e) => e.id),
      (await read(`/api/orgs/${f.orgId}/audit?limit=6`, f.admin)).items.map((e) => e.id),
    );
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/audit?kind=bogus`, f.admin)).statusCode, 400);
    assert.equal((await call('GET', `/api/orgs/${f.orgId}/audit?limit=0`, f.admin)).statusCode, 400);
  });

  test("a secretary reads the own branch's entries only", async () => {
    const page = await read(`/api/branches/${f.branchA}/audit?limit=100`, f.secretaryA);
    assert.deepEqual(actions(page), [
      'activity.close',
      'points.reverse',
      'points.award',
      'attendance.mark',
      'activity.create',
    ]);
    const ownB = await read(`/api/branches/${f.branchB}/audit`, f.secretaryB);
    assert.deepEqual(actions(ownB), ['leave.approve', 'activity.create', 'points.deduct']);
    const aboutB1 = await read(`/api/branches/${f.branchA}/audit?memberId=${f.memberB1}`, f.secretaryA);
    assert.equal(aboutB1.total, 0, "a member of another branch does not open that branch's entries");
    const byAdmin = await read(`/api/branches/${f.branchA}/audit?actorId=${f.admin}`, f.admin);
    assert.deepEqual(actions(byAdmin), ['activity.close', 'points.reverse']);
  });

  test('refusals: members, other branches and other organisations', async () => {
    const refused: Array<[string, number, number]> = [
      [`/api/branches/${f.branchB}/audit`, f.secretaryA, 403],
      [`/api/branches/${f.branchA}/audit`, f.memberA1, 403],
      [`/api/orgs/${f.orgId}/audit`, f.memberA1, 403],
      [`/api/orgs/${f.orgId}/audit`, f.secretaryA, 403],
      [`/api/orgs/${f.orgId}/audit`, f.other.admin, 403],
      [`/api/branches/${f.branchA}/audit`, f.other.admin, 403],
      [`/api/branches/${f.branchA}/audit`, f.other.secretary, 403],
      [`/api/orgs/${f.other.orgId}/audit`, f.admin, 403],
      [`/api/orgs/999999/audit`, f.admin, 404],
      [`/api/branches/999999/audit`, f.secretaryA, 404],
      ['/api/me/audit', f.admin, 403],
    ];
    for (const [url, as, status] of refused) {
      const res = await call('GET', url, as);
      assert.equal(res.statusCode, status, `${url} as ${as}: ${res.body}`);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/orgs/${f.orgId}/audit` });
    assert.equal(anonymous.statusCode, 401);
    const other = await read(`/api/orgs/${f.other.orgId}/audit`, f.other.admin);
    assert.deepEqual(actions(other), ['points.award'], 'nothing crosses between organisations');
  });

  test('a member sees what changed their own points or attendance, with the reason and who did it', async () => {
    const retired = await read('/api/me/audit', f.retiredA3);
    assert.deepEqual(actions(retired), ['attendance.mark']);
    const mark = retired.items[0]!;
    assert.equal(mark.actor?.name, '甲书记');
    assert.equal(mark.reason, '书记代为登记');
    assert.equal(mark.summary, '「主题党日：学习党章」未登记 → 出席');

    const zhang = await read('/api/me/audit', f.memberA1);
    assert.deepEqual(actions(zhang), ['activity.close', 'points.reverse', 'points.award']);
    assert.equal(zhang.items[0]!.summary, '「主题党日：学习党章」未到 3 人记为缺席');
    assert.equal(zhang.items[2]!.reason, '获评先锋岗');

    const zhao = await read('/api/me/audit', f.memberB1);
    assert.deepEqual(actions(zhao), ['leave.approve', 'points.deduct']);
    // Creating an activity is about no member, and 李四 had nothing changed but the closing.
    assert.deepEqual(actions(await read('/api/me/audit', f.memberA2)), ['activity.close']);
    assert.equal((await call('GET', '/api/me/audit?memberId=1', f.memberA1)).statusCode, 400);
  });
});
