import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo, isEmpty, resetDatabase } from '../src/seed/load.js';
import { defaultRules } from '../src/points/rules.js';
import { openTestApp, type TestApp } from './helpers.js';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');

describe('the demo organisation', () => {
  let t: TestApp;
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  before(async () => {
    t = await openTestApp({ demo: true });
    assert.equal(await isEmpty(t.handle.db), true);
    summary = await seedDemo(t.handle.db, NOW);
  });
  after(async () => t.close());

  test('has the structure DESIGN.md describes', async () => {
    const branches = await t.handle.db
      .selectFrom('branches')
      .leftJoin('members', 'members.branch_id', 'branches.id')
      .select((eb) => ['branches.name', eb.fn.count<number>('members.id').as('n')])
      .where('branches.org_id', '=', summary.orgId)
      .groupBy('branches.name')
      .execute();
    const sizes = Object.fromEntries(branches.map((b) => [b.name, Number(b.n)]));
    assert.deepEqual(sizes, { 机关第一党支部: 12, 机关第二党支部: 12, 机关第三党支部: 15, 退休干部党支部: 20 });
    const people = await t.handle.db.selectFrom('members').select('id').where('org_id', '=', summary.orgId).execute();
    assert.equal(people.length, 60);
    const grants = await t.handle.db
      .selectFrom('role_grants')
      .select(['role', 'branch_id'])
      .where('org_id', '=', summary.orgId)
      .execute();
    assert.equal(grants.filter((g) => g.role === 'secretary').length, 4);
    assert.equal(new Set(grants.filter((g) => g.role === 'secretary').map((g) => g.branch_id)).size, 4);
    assert.equal(grants.filter((g) => g.role === 'org_admin').length, 1);
  });

  test('every yearly total is the sum of its ledger entries', async () => {
    const sums = await t.handle.db
      .selectFrom('points_ledger')
      .select((eb) => ['member_id', 'year', eb.fn.sum<number>('delta').as('sum')])
      .groupBy(['member_id', 'year'])
      .execute();
    const totals = await t.handle.db.selectFrom('points_totals').selectAll().execute();
    assert.ok(totals.length >= 59);
    const sumOf = new Map(sums.map((s) => [`${s.member_id}:${s.year}`, Number(s.sum)]));
    for (const total of totals) assert.equal(total.earned, sumOf.get(`${total.member_id}:${total.year}`) ?? 0);
  });

  test('no cap is exceeded in any period', async () => {
    const entries = await t.handle.db
      .selectFrom('points_ledger')
      .select(['member_id', 'cap_group', 'year', 'delta'])
      .execute();
    const perYear = new Map<string, number>();
    for (const e of entries) {
      const key = `${e.member_id}:${e.cap_group}:${e.year}`;
      perYear.set(key, (perYear.get(key) ?? 0) + e.delta);
    }
    for (const [key, sum] of perYear) {
      const cap = defaultRules.caps[key.split(':')[1]!]?.year;
      if (cap !== undefined) assert.ok(sum <= cap, `${key} earned ${sum} over the cap ${cap}`);
    }
  });

  test('attendance points come only from attended activities', async () => {
    const paid = await t.handle.db
      .selectFrom('points_ledger')
      .leftJoin('attendance', (join) =>
        join
          .onRef('attendance.member_id', '=', 'points_ledger.member_id')
          .on((eb) => eb(eb.cast('attendance.activity_id', 'text'), '=', eb.ref('points_ledger.source_id'))),
      )
      .select(['points_ledger.id', 'attendance.status'])
      .where('points_ledger.source_type', '=', 'activity')
      .execute();
    assert.ok(paid.length > 300, `expected a year of attendance points, got ${paid.length}`);
    for (const p of paid)
      assert.ok(p.status === 'present' || p.status === 'late', `entry ${p.id} paid for ${p.status}`);
  });

  test('this year spreads members over the star levels', async () => {
    const totals = await t.handle.db
      .selectFrom('points_totals')
      .select(['base', 'earned'])
      .where('year', '=', 2026)
      .execute();
    const scores = totals.map((r) => r.base + r.earned);
    assert.ok(Math.max(...scores) >= 85, `the most active reach a high level (max ${Math.max(...scores)})`);
    assert.ok(Math.min(...scores) < 75, `the least active stay low (min ${Math.min(...scores)})`);
  });

  test('demo accounts sign in as each role', async () => {
    const accounts = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json().accounts as Array<{
      memberId: number;
      roles: string[];
    }>;
    assert.equal(accounts.length, 65, 'the 60 of the demo organisation and the 5 of the second');
    for (const role of ['org_admin', 'secretary', 'member']) {
      const account = accounts.find((a) => a.roles[0] === role)!;
      const session = (
        await t.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: account.memberId } })
      ).json();
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${session.token}` },
      });
      assert.equal(me.statusCode, 200);
      assert.ok(me.json().roles.includes(role));
    }
  });

  test('a second, small organisation shares the database; the first one’s accounts come first', async () => {
    const second = await t.handle.db
      .selectFrom('members')
      .select(['name', 'branch_id'])
      .where('org_id', '=', summary.secondOrgId)
      .execute();
    assert.equal(second.length, 5);
    const firstNames = await t.handle.db
      .selectFrom('members')
      .select('name')
      .where('org_id', '=', summary.orgId)
      .execute();
    const taken = new Set(firstNames.map((m) => m.name));
    assert.deepEqual(
      second.filter((m) => taken.has(m.name)),
      [],
      'names differ, so a journey that picks a person by name picks the right one',
    );
    const accounts = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json().accounts as Array<{
      memberId: number;
      title: string;
      roles: string[];
    }>;
    const secondIds = new Set(
      (await t.handle.db.selectFrom('members').select('id').where('org_id', '=', summary.secondOrgId).execute()).map(
        (m) => m.id,
      ),
    );
    const firstOfSecond = accounts.findIndex((a) => secondIds.has(a.memberId));
    assert.equal(firstOfSecond, 60, 'all 60 accounts of the first organisation are listed first');
    assert.equal(accounts[60]?.title, '组织管理员（示例县直机关工委）');
    const session = (
      await t.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: accounts[60]!.memberId } })
    ).json();
    const across = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${summary.orgId}/branches`,
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(across.statusCode, 403, "the second organisation's admin cannot read the first");
  });

  test('reset empties every table', async () => {
    await resetDatabase(t.handle.db);
    assert.equal(await isEmpty(t.handle.db), true);
    const ledger = await t.handle.db.selectFrom('points_ledger').select('id').execute();
    assert.equal(ledger.length, 0);
  });
});
