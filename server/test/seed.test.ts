import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo, isEmpty, resetDatabase } from '../src/seed/load.js';
import { defaultRules } from '../src/points/rules.js';
import { openTestApp, type TestApp } from './helpers.js';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');

describe('the demo organisation', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp({ demo: true });
    assert.equal(await isEmpty(t.handle.db), true);
    await seedDemo(t.handle.db, NOW);
  });
  after(async () => t.close());

  test('has the structure DESIGN.md describes', async () => {
    const branches = await t.handle.db
      .selectFrom('branches')
      .leftJoin('members', 'members.branch_id', 'branches.id')
      .select((eb) => ['branches.name', eb.fn.count<number>('members.id').as('n')])
      .groupBy('branches.name')
      .execute();
    const sizes = Object.fromEntries(branches.map((b) => [b.name, Number(b.n)]));
    assert.deepEqual(sizes, { 机关第一党支部: 12, 机关第二党支部: 12, 机关第三党支部: 15, 退休干部党支部: 20 });
    const people = await t.handle.db.selectFrom('members').select('id').execute();
    assert.equal(people.length, 60);
    const grants = await t.handle.db.selectFrom('role_grants').select(['role', 'branch_id']).execute();
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
    assert.equal(accounts.length, 60);
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

  test('reset empties every table', async () => {
    await resetDatabase(t.handle.db);
    assert.equal(await isEmpty(t.handle.db), true);
    const ledger = await t.handle.db.selectFrom('points_ledger').select('id').execute();
    assert.equal(ledger.length, 0);
  });
});
