import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';
import { cst, yearOf } from '../../src/lib/time.js';

describe('points history, objections, year close', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const manual = async (memberId: number, delta: number, reason = '先锋岗表彰') =>
    (await call('POST', `/api/members/${memberId}/points/entries`, f.secretaryA, { delta, reason })).json();
  const total = async (memberId: number) => (await call('GET', '/api/me/points', memberId)).json().summary.total;
  const thisYear = yearOf(Date.now());

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  test('the history filters by source and every entry names its source', async () => {
    await manual(f.memberA1, 2);
    await award(t.handle.db, {
      memberId: f.memberA1,
      ruleCode: 'daily_practice',
      sourceType: 'daily_practice',
      sourceId: 'p-1',
      occurredAt: Date.now(),
    });
    const all = (await call('GET', '/api/me/points/entries', f.memberA1)).json();
    assert.equal(all.total, 2);
    const manualOnly = (await call('GET', '/api/me/points/entries?sourceType=manual', f.memberA1)).json();
    assert.deepEqual(
      manualOnly.items.map((e: { reason: string }) => e.reason),
      ['先锋岗表彰'],
    );
    assert.equal((await call('GET', '/api/me/points/entries?sourceType=login', f.memberA1)).statusCode, 400);
    const bySecretary = await call('GET', `/api/members/${f.memberA1}/points`, f.secretaryA);
    assert.equal(bySecretary.json().summary.total, 63);
    assert.equal((await call('GET', `/api/members/${f.memberA1}/points`, f.secretaryB)).statusCode, 403);
    assert.equal((await call('GET', `/api/members/${f.memberA1}/points`, f.memberA2)).statusCode, 403);
    assert.equal((await call('GET', `/api/members/${f.memberA1}/points`, f.memberA1)).statusCode, 200);
  });

  test('an objection is settled by a reversal; the member sees the outcome', async () => {
    const entry = await manual(f.memberA2, 3, '误加的表彰');
    const raised = await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA2, {
      reason: '我没有获得这项表彰',
    });
    assert.equal(raised.statusCode, 200, raised.body);
    assert.equal(raised.json().status, 'pending');
    const dup = await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA2, {
      reason: '再提一次异议',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().code, 'OBJECTION_OPEN');

    const list = (await call('GET', `/api/branches/${f.branchA}/objections?status=pending`, f.secretaryA)).json();
    assert.ok(list.items.some((o: { id: number }) => o.id === raised.json().id));
    assert.equal((await call('GET', `/api/branches/${f.branchA}/objections`, f.secretaryB)).statusCode, 403);

    const resolved = await call('POST', `/api/objections/${raised.json().id}/resolve`, f.secretaryA, {
      outcome: 'reverse',
      note: '核实后确为误录',
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().status, 'reversed');
    assert.equal(resolved.json().resolutionEntry.delta, -3);
    assert.equal(await total(f.memberA2), 60);
    const mine = (await call('GET', '/api/me/objections', f.memberA2)).json();
    assert.equal(mine.items[0].status, 'reversed');
    assert.equal(mine.items[0].resolutionNote, '核实后确为误录');
    const again = await call('POST', `/api/objections/${raised.json().id}/resolve`, f.secretaryA, {
      outcome: 'reject',
      note: '重复处理',
    });
    assert.equal(again.json().code, 'OBJECTION_RESOLVED');
  });

  test('an objection is settled by an adjusting entry, or rejected with a reason', async () => {
    const m = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '郑十一' });
    const entry = await manual(m, 1);
    const o1 = (await call('POST', `/api/points/entries/${entry.id}/objections`, m, { reason: '应加 3 分' })).json();
    const before = await snapshotCounts(t.handle);
    for (const [body, code] of [
      [{ outcome: 'adjust', note: '补加' }, 'DELTA_REQUIRED'],
      [{ outcome: 'adjust', delta: 11, note: '补加' }, 'POINTS_OUT_OF_RANGE'],
      [{ outcome: 'reject', delta: 1, note: '补加' }, 'DELTA_NOT_ALLOWED'],
      [{ outcome: 'reject' }, 'VALIDATION_FAILED'],
      [{ outcome: 'ignore', note: '无' }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await call('POST', `/api/objections/${o1.id}/resolve`, f.secretaryA, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().code, code, JSON.stringify(body));
    }
    assert.equal(
      (await call('POST', `/api/objections/${o1.id}/resolve`, f.secretaryB, { outcome: 'reject', note: '不是本支部' }))
        .statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/objections/${o1.id}/resolve`, f.other.admin, { outcome: 'reject', note: '不是本单位' }))
        .statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/objections/${o1.id}/resolve`, m, { outcome: 'reject', note: '自己处理' })).statusCode,
      403,
    );
    assert.deepEqual(await snapshotCounts(t.handle), before);

    const adjusted = await call('POST', `/api/objections/${o1.id}/resolve`, f.secretaryA, {
      outcome: 'adjust',
      delta: 2,
      note: '补足先锋岗加分',
    });
    assert.equal(adjusted.statusCode, 200, adjusted.body);
    assert.equal(adjusted.json().status, 'adjusted');
    assert.equal(await total(m), 63);
    // Booked as a correction under the adjustment rule, not as an award (and outside its cap).
    const booked = await t.handle.db
      .selectFrom('points_ledger')
      .select(['rule_code', 'cap_group', 'corrects_entry_id', 'delta'])
      .where('source_id', '=', `objection-${o1.id}`)
      .executeTakeFirstOrThrow();
    assert.deepEqual(booked, {
      rule_code: 'adjustment',
      cap_group: 'adjustment',
      corrects_entry_id: entry.id,
      delta: 2,
    });

    const o2 = (await call('POST', `/api/points/entries/${entry.id}/objections`, m, { reason: '还想再加' })).json();
    const rejected = await call('POST', `/api/objections/${o2.id}/resolve`, f.admin, {
      outcome: 'reject',
      note: '已按规定处理',
    });
    assert.equal(rejected.json().status, 'rejected');
    assert.equal(await total(m), 63);
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'objection.resolve')
      .execute();
    assert.ok(audits.length >= 3);
  });

  test("objections only on one's own entries", async () => {
    const entry = await manual(f.retiredA3, 1);
    assert.equal(
      (await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA1, { reason: '替别人提' })).statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/points/entries/999999/objections`, f.memberA1, { reason: '不存在' })).statusCode,
      404,
    );
    assert.equal(
      (await call('POST', `/api/points/entries/${entry.id}/objections`, f.retiredA3, { reason: '' })).statusCode,
      400,
    );
  });

  test('year close freezes a snapshot that later entries cannot change; publish shows it to members', async () => {
    const years = `/api/orgs/${f.orgId}/points/years`;
    assert.equal((await call('GET', years, f.secretaryA)).statusCode, 403);
    assert.equal((await call('GET', `/api/orgs/${f.other.orgId}/points/years`, f.admin)).statusCode, 403);
    assert.equal((await call('POST', `${years}/${thisYear + 1}/close`, f.admin)).json().code, 'YEAR_IN_FUTURE');
    const notClosed = await call('POST', `${years}/${thisYear}/publish`, f.admin);
    assert.equal(notClosed.statusCode, 409);
    assert.equal(notClosed.json().code, 'YEAR_NOT_CLOSED');

    const before = await total(f.memberB1);
    const notEnded = await call('POST', `${years}/${thisYear}/close`, f.admin);
    assert.equal(notEnded.statusCode, 409);
    assert.equal(notEnded.json().code, 'YEAR_NOT_ENDED');
    const closed = await call('POST', `${years}/${thisYear}/close`, f.admin, { early: true, confirmYear: thisYear });
    assert.equal(closed.statusCode, 200, closed.body);
    const year = closed.json().years.find((y: { year: number }) => y.year === thisYear);
    assert.equal(year.status, 'closed');
    assert.ok(year.members >= 6);
    const again = await call('POST', `${years}/${thisYear}/close`, f.admin, { early: true, confirmYear: thisYear });
    assert.equal(again.json().code, 'YEAR_ALREADY_CLOSED');

    const late = await call('POST', `/api/members/${f.memberB1}/points/entries`, f.secretaryB, {
      delta: 4,
      reason: '结算后补录',
    });
    assert.equal(late.json().code, 'YEAR_CLOSED', 'nothing is added to a closed year');
    const summary = (await call('GET', '/api/me/points', f.memberB1)).json().summary;
    assert.equal(summary.total, before, 'the closed year keeps its snapshot');
    assert.equal(summary.closed, true);

    assert.deepEqual((await call('GET', '/api/me/points/publications', f.memberB1)).json().items, []);
    const published = await call('POST', `${years}/${thisYear}/publish`, f.admin);
    assert.equal(published.json().years.find((y: { year: number }) => y.year === thisYear).status, 'published');
    const pubs = (await call('GET', '/api/me/points/publications', f.memberB1)).json().items;
    assert.equal(pubs[0].year, thisYear);
    assert.equal(pubs[0].summary.total, before);
    assert.equal(pubs[0].branchName, '第二党支部');
    assert.equal(
      pubs[0].branchDistribution.reduce((s: number, d: { count: number }) => s + d.count, 0),
      2,
      'two members in branch B',
    );
    assert.equal((await call('POST', `${years}/${thisYear}/publish`, f.admin)).json().code, 'YEAR_ALREADY_PUBLISHED');
    const actions = (await t.handle.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    assert.ok(actions.includes('points.year_close') && actions.includes('points.year_publish'));
    const lateService = await call('POST', '/api/volunteer/records', f.memberB1, {
      servedOn: cst(Date.now()).format('YYYY-MM-DD'),
      hours: 1,
      category: '其他',
      place: '社区',
      description: '结算后的登记',
    });
    assert.equal(lateService.statusCode, 409);
    assert.equal(lateService.json().code, 'YEAR_CLOSED');
  });

  test('the org admin sets rankingVisibility; others cannot', async () => {
    const url = `/api/orgs/${f.orgId}/settings`;
    assert.equal((await call('GET', url, f.admin)).json().rankingVisibility, 'opt_in');
    assert.equal((await call('PUT', url, f.admin, { rankingVisibility: 'public' })).statusCode, 400);
    assert.equal((await call('PUT', url, f.secretaryA, { rankingVisibility: 'off' })).statusCode, 403);
    assert.equal(
      (await call('PUT', `/api/orgs/${f.other.orgId}/settings`, f.admin, { rankingVisibility: 'off' })).statusCode,
      403,
    );
    const set = await call('PUT', url, f.admin, { rankingVisibility: 'self' });
    assert.equal(set.json().rankingVisibility, 'self');
    assert.equal((await call('GET', url, f.admin)).json().rankingVisibility, 'self');
  });
});
