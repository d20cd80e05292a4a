// The secretary's side of an objection: the context beside it (the member's use of that cap
// this year, earlier objections), and an adjustment booked under the adjustment rule, outside
// the award cap, with either sign.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';

describe('objection context and adjustment', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const award = async (memberId: number, delta: number, reason = '先锋岗表彰') => {
    const res = await call('POST', `/api/members/${memberId}/points/entries`, f.secretaryA, { delta, reason });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: number };
  };
  const total = async (memberId: number) => (await call('GET', '/api/me/points', memberId)).json().summary.total;

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('with the award cap used up, an adjustment still books, under the adjustment rule', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '钱十二' });
    const first = await award(m, 5);
    await award(m, 5, '抗洪表彰');
    const capped = await call('POST', `/api/members/${m}/points/entries`, f.secretaryA, { delta: 1, reason: '再加' });
    assert.equal(capped.statusCode, 409, 'the award cap (10 a year) is full');

    const older = (await call('POST', `/api/points/entries/${first.id}/objections`, m, { reason: '理由一' })).json();
    await call('POST', `/api/objections/${older.id}/resolve`, f.secretaryA, { outcome: 'reject', note: '已核实无误' });
    const o = (await call('POST', `/api/points/entries/${first.id}/objections`, m, { reason: '少记了 2 分' })).json();

    const context = await call('GET', `/api/objections/${o.id}/context`, f.secretaryA);
    assert.equal(context.statusCode, 200, context.body);
    assert.deepEqual(context.json().capUse, {
      label: '表彰奖励',
      year: context.json().capUse.year,
      used: 10,
      yearCap: 10,
    });
    assert.deepEqual(
      context
        .json()
        .earlier.map((e: { id: number; status: string; resolutionNote: string }) => [e.id, e.status, e.resolutionNote]),
      [[older.id, 'rejected', '已核实无误']],
    );

    const before = await total(m);
    const res = await call('POST', `/api/objections/${o.id}/resolve`, f.secretaryA, {
      outcome: 'adjust',
      delta: 2,
      note: '核实后补记',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().resolutionEntry.ruleCode, 'adjustment');
    assert.equal(res.json().resolutionEntry.ruleLabel, '异议调整');
    assert.equal(await total(m), before + 2);
    const awardsUsed = (await call('GET', `/api/objections/${o.id}/context`, f.secretaryA)).json().capUse.used;
    assert.equal(awardsUsed, 10, 'the adjustment does not count against the award cap');
  });

  test('an adjustment may take points away', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '孙十三' });
    const entry = await award(m, 3);
    const o = (await call('POST', `/api/points/entries/${entry.id}/objections`, m, { reason: '应为 2 分' })).json();
    const before = await total(m);
    const res = await call('POST', `/api/objections/${o.id}/resolve`, f.admin, {
      outcome: 'adjust',
      delta: -1,
      note: '按规定应为 2 分',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await total(m), before - 1);
  });

  test('the context is for the managers of the member only; nothing changes on a refusal', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '李十四' });
    const entry = await award(m, 1);
    const o = (await call('POST', `/api/points/entries/${entry.id}/objections`, m, { reason: '有异议' })).json();
    const counts = await snapshotCounts(t.handle);
    for (const as of [m, f.memberA1, f.secretaryB, f.other.admin]) {
      const res = await call('GET', `/api/objections/${o.id}/context`, as);
      assert.equal(res.statusCode, 403, `${as}: ${res.body}`);
    }
    assert.equal((await call('GET', `/api/objections/${o.id}/context`, f.admin)).statusCode, 200);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });
});
