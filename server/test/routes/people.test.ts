// 组织与成员: branches, roles and the roster kept by the organisation (issue #10). Every
// operation, its refusals (another branch's secretary, a plain member, another organisation,
// the last org admin, a branch that still has members, a self-appointment), what
// deactivation ends at once, and a move between branches that keeps history where it
// happened and carries the year's totals and ranks along at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { rebuildRankTables } from '../../src/rankings/rebuild.js';
import { caller, themeDayNow } from './flows.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe('branches, members and roles', () => {
  let t: TestApp;
  let f: OrgFixture;
  const call = async (method: Method, url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });

  /** A refusal with this status and code that changed no row count. */
  const refused = async (
    status: number,
    code: string | null,
    method: Method,
    url: string,
    as: number,
    payload?: object,
  ) => {
    const before = await snapshotCounts(t.handle);
    const res = await call(method, url, as, payload);
    assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
    if (code) assert.equal(res.json().code, code, res.body);
    assert.match(res.json().message, /[\u4e00-\u9fa5]/);
    assert.deepEqual(await snapshotCounts(t.handle), before, `${method} ${url} changed something`);
    return res.json();
  };
  const audited = async (action: string, targetId: number) =>
    t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('target_id', '=', String(targetId))
      .execute();

  /** The rank tables as rows, to compare the live tables with a rebuild from the ledger. */
  const tables = async () => ({
    counts: (
      await t.handle.db
        .selectFrom('rank_counts')
        .select(['scope', 'period', 'points', 'n'])
        .where('n', '!=', 0)
        .execute()
    )
      .map((r) => `${r.scope}|${r.period}|${r.points}|${r.n}`)
      .sort(),
    totals: (
      await t.handle.db
        .selectFrom('rank_member_totals')
        .select(['member_id', 'period', 'branch_id', 'points'])
        .execute()
    )
      .map((r) => `${r.member_id}|${r.period}|${r.branch_id}|${r.points}`)
      .sort(),
  });
  const rank = async (member: number) => {
    const res = await call('GET', '/api/rankings?scope=branch&period=year', member);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().own as { points: number; rank: number };
  };

  before(async () => {
    t = await openTestApp();
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => t.close());

  describe('branches', () => {
    test('the org admin creates and renames a branch, audited; a duplicate name is refused', async () => {
      const created = await call('POST', `/api/orgs/${f.orgId}/branches`, f.admin, { name: ' 第三党支部 ' });
      assert.equal(created.statusCode, 200, created.body);
      const id = created.json().id as number;
      assert.deepEqual(created.json(), { id, name: '第三党支部', archived: false });
      assert.equal((await audited('branch.create', id)).length, 1);

      await refused(409, 'BRANCH_NAME_TAKEN', 'POST', `/api/orgs/${f.orgId}/branches`, f.admin, { name: '第一党支部' });
      await refused(400, null, 'POST', `/api/orgs/${f.orgId}/branches`, f.admin, { name: '   ' });

      const renamed = await call('PATCH', `/api/branches/${id}`, f.admin, { name: '第三党支部（离退休）' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, '第三党支部（离退休）');
      const [entry] = await audited('branch.rename', id);
      assert.deepEqual(JSON.parse(entry!.detail!), { from: '第三党支部', to: '第三党支部（离退休）' });

      const list = await call('GET', `/api/orgs/${f.orgId}/branches`, f.admin);
      const third = list.json().branches.find((b: { id: number }) => b.id === id);
      assert.deepEqual(
        { memberCount: third.memberCount, archived: third.archived, secretaries: third.secretaries },
        { memberCount: 0, archived: false, secretaries: [] },
      );
    });

    test('secretaries, members and another organisation cannot create or rename branches', async () => {
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/orgs/${f.orgId}/branches`, f.secretaryA, { name: '新支部' });
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/orgs/${f.orgId}/branches`, f.memberA1, { name: '新支部' });
      await refused(403, 'FORBIDDEN_SCOPE', 'POST', `/api/orgs/${f.orgId}/branches`, f.other.admin, { name: '新支部' });
      await refused(403, 'FORBIDDEN_SCOPE', 'PATCH', `/api/branches/${f.branchA}`, f.other.admin, { name: '改名' });
      await refused(403, 'FORBIDDEN_ROLE', 'PATCH', `/api/branches/${f.branchA}`, f.secretaryA, { name: '改名' });
      const name = await t.handle.db
        .selectFrom('branches')
        .select('name')
        .where('id', '=', f.branchA)
        .executeTakeFirst();
      assert.equal(name?.name, '第一党支部');
    });

    test('a branch with members cannot be archived; an empty one can, and then takes nobody', async () => {
      const body = await refused(409, 'BRANCH_NOT_EMPTY', 'POST', `/api/branches/${f.branchB}/archive`, f.admin);
      assert.match(body.message, /还有 \d+ 名党员/);
      const created = await call('POST', `/api/orgs/${f.orgId}/branches`, f.admin, { name: '临时支部' });
      const id = created.json().id as number;
      const archived = await call('POST', `/api/branches/${id}/archive`, f.admin);
      assert.equal(archived.statusCode, 200, archived.body);
      assert.equal(archived.json().archived, true);
      assert.equal((await audited('branch.archive', id)).length, 1);
      await refused(409, 'BRANCH_ARCHIVED', 'POST', `/api/branches/${id}/people`, f.admin, {
        name: '新同志',
        employment: 'in_service',
        politicalStatus: 'full',
      });
      await refused(409, 'BRANCH_ARCHIVED', 'POST', `/api/members/${f.memberB1}/move`, f.admin, { branchId: id });
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/branches/${f.branchB}/archive`, f.secretaryB);
    });
  });

  describe('roles', () => {
    test('a branch manager manages that branch only, and decides the secretary’s own case', async () => {
      // Before the appointment a plain member cannot read the branch's member table.
      await refused(403, 'FORBIDDEN_ROLE', 'GET', `/api/branches/${f.branchA}/member-table`, f.memberA2);
      const granted = await call('POST', `/api/members/${f.memberA2}/roles`, f.admin, {
        role: 'branch_manager',
        branchId: f.branchA,
      });
      assert.equal(granted.statusCode, 200, granted.body);
      assert.deepEqual(granted.json(), { changed: true });
      const again = await call('POST', `/api/members/${f.memberA2}/roles`, f.admin, { role: 'branch_manager' });
      assert.deepEqual(again.json(), { changed: false });
      const [entry] = await audited('role.grant', f.memberA2);
      assert.deepEqual(JSON.parse(entry!.detail!), { role: 'branch_manager', branchId: f.branchA });

      const table = await call('GET', `/api/branches/${f.branchA}/member-table`, f.memberA2);
      assert.equal(table.statusCode, 200, table.body);
      await refused(403, 'FORBIDDEN_SCOPE', 'GET', `/api/branches/${f.branchB}/member-table`, f.memberA2);

      // The secretary cannot award themselves; another manager of the branch can.
      const own = await call('POST', `/api/members/${f.secretaryA}/points/entries`, f.secretaryA, {
        delta: 1,
        reason: '自评',
      });
      assert.equal(own.json().code, 'SELF_REVIEW');
      const byManager = await call('POST', `/api/members/${f.secretaryA}/points/entries`, f.memberA2, {
        delta: 1,
        reason: '带头完成支部调研',
      });
      assert.equal(byManager.statusCode, 200, byManager.body);

      const holders = await call('GET', `/api/orgs/${f.orgId}/roles`, f.admin);
      assert.ok(
        holders
          .json()
          .items.some(
            (h: { memberId: number; role: string; branch: { id: number } | null }) =>
              h.memberId === f.memberA2 && h.role === 'branch_manager' && h.branch?.id === f.branchA,
          ),
      );
      const list = await call('GET', `/api/orgs/${f.orgId}/branches`, f.admin);
      const a = list.json().branches.find((b: { id: number }) => b.id === f.branchA);
      assert.deepEqual(a.managers, [{ id: f.memberA2, name: '李四' }]);

      const revoked = await call('DELETE', `/api/members/${f.memberA2}/roles?role=branch_manager`, f.admin);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal((await audited('role.revoke', f.memberA2)).length, 1);
      await refused(403, 'FORBIDDEN_ROLE', 'GET', `/api/branches/${f.branchA}/member-table`, f.memberA2);
    });

    test('refusals: a secretary, another organisation, a self-appointment, a member of another branch', async () => {
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/members/${f.memberA1}/roles`, f.secretaryA, {
        role: 'branch_manager',
      });
      await refused(403, 'FORBIDDEN_SCOPE', 'POST', `/api/members/${f.memberA1}/roles`, f.other.admin, {
        role: 'org_admin',
      });
      await refused(403, 'SELF_REVIEW', 'POST', `/api/members/${f.admin}/roles`, f.admin, { role: 'org_admin' });
      await refused(409, 'MEMBER_NOT_IN_BRANCH', 'POST', `/api/members/${f.memberB1}/roles`, f.admin, {
        role: 'secretary',
        branchId: f.branchA,
      });
      await refused(400, 'ROLE_TAKES_NO_BRANCH', 'POST', `/api/members/${f.memberB1}/roles`, f.admin, {
        role: 'org_admin',
        branchId: f.branchB,
      });
      await refused(400, null, 'POST', `/api/members/${f.memberB1}/roles`, f.admin, { role: 'member' });
    });

    test('the org admin names a secretary; a second org admin is appointed; the last one cannot step down', async () => {
      const named = await call('POST', `/api/members/${f.memberB1}/roles`, f.admin, { role: 'secretary' });
      assert.equal(named.statusCode, 200, named.body);
      const me = await call('GET', '/api/me', f.memberB1);
      assert.ok(
        me
          .json()
          .grants.some((g: { role: string; branchId: number }) => g.role === 'secretary' && g.branchId === f.branchB),
      );
      await call('DELETE', `/api/members/${f.memberB1}/roles?role=secretary`, f.admin);

      await refused(409, 'LAST_ORG_ADMIN', 'DELETE', `/api/members/${f.admin}/roles?role=org_admin`, f.admin);
      const second = await call('POST', `/api/members/${f.secretaryB}/roles`, f.admin, { role: 'org_admin' });
      assert.equal(second.statusCode, 200, second.body);
      // With two admins, the second removes the first; then the second is the last and stays.
      const removed = await call('DELETE', `/api/members/${f.admin}/roles?role=org_admin`, f.secretaryB);
      assert.equal(removed.statusCode, 200, removed.body);
      await refused(409, 'LAST_ORG_ADMIN', 'DELETE', `/api/members/${f.secretaryB}/roles?role=org_admin`, f.secretaryB);
      // Put the fixture back: the first admin again, the secretary steps down from admin.
      await call('POST', `/api/members/${f.admin}/roles`, f.secretaryB, { role: 'org_admin' });
      const stepDown = await call('DELETE', `/api/members/${f.secretaryB}/roles?role=org_admin`, f.secretaryB);
      assert.equal(stepDown.statusCode, 200, stepDown.body);
    });
  });

  describe('members', () => {
    test('a secretary adds and edits a member of their branch; retiring is audited as such', async () => {
      const added = await call('POST', `/api/branches/${f.branchA}/people`, f.secretaryA, {
        name: '陈新',
        phone: '13600001111',
        employment: 'in_service',
        politicalStatus: 'probationary',
        joinedPartyOn: '2025-07-01',
      });
      assert.equal(added.statusCode, 200, added.body);
      const m = added.json();
      assert.equal(m.branch.id, f.branchA);
      assert.deepEqual(m.roles, ['member']);
      assert.equal(m.active, true);
      assert.equal(m.wechatBound, false);
      assert.equal(m.phone, '13600001111', 'the own secretary sees the phone in full');
      assert.equal((await audited('member.create', m.id)).length, 1);
      const adminView = await call('GET', `/api/members/${m.id}`, f.admin);
      assert.equal(adminView.json().phone, '136****1111');

      const retired = await call('PATCH', `/api/members/${m.id}`, f.secretaryA, { employment: 'retired' });
      assert.equal(retired.statusCode, 200, retired.body);
      assert.equal(retired.json().employment, 'retired');
      assert.equal((await audited('member.retire', m.id)).length, 1);
      const back = await call('PATCH', `/api/members/${m.id}`, f.secretaryA, { employment: 'in_service' });
      assert.equal(back.json().employment, 'in_service');
      assert.equal((await audited('member.unretire', m.id)).length, 1);
      const edited = await call('PATCH', `/api/members/${m.id}`, f.admin, { name: '陈新华', phone: null });
      assert.equal(edited.json().name, '陈新华');
      assert.equal(edited.json().phone, null);
      const [update] = await audited('member.update', m.id);
      assert.deepEqual(JSON.parse(update!.detail!), { fields: ['name', 'phone'] });
    });

    test('refusals: another branch, a member, another organisation, bad input', async () => {
      const body = { name: '不该加上', employment: 'in_service', politicalStatus: 'full' };
      await refused(403, 'FORBIDDEN_SCOPE', 'POST', `/api/branches/${f.branchB}/people`, f.secretaryA, body);
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/branches/${f.branchA}/people`, f.memberA1, body);
      await refused(403, 'FORBIDDEN_SCOPE', 'POST', `/api/branches/${f.branchA}/people`, f.other.admin, body);
      await refused(400, null, 'POST', `/api/branches/${f.branchA}/people`, f.secretaryA, { ...body, name: '' });
      await refused(400, null, 'POST', `/api/branches/${f.branchA}/people`, f.secretaryA, { ...body, phone: '123' });
      await refused(400, 'DATE_IN_FUTURE', 'POST', `/api/branches/${f.branchA}/people`, f.secretaryA, {
        ...body,
        joinedPartyOn: '2999-01-01',
      });
      await refused(403, 'FORBIDDEN_SCOPE', 'PATCH', `/api/members/${f.memberA1}`, f.secretaryB, { name: '改名' });
      await refused(403, 'FORBIDDEN_ROLE', 'PATCH', `/api/members/${f.memberA1}`, f.memberA2, { name: '改名' });
      await refused(403, 'FORBIDDEN_SCOPE', 'PATCH', `/api/members/${f.memberA1}`, f.other.admin, { name: '改名' });
      await refused(400, null, 'PATCH', `/api/members/${f.memberA1}`, f.admin, {});
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/members/${f.memberA1}/move`, f.secretaryA, {
        branchId: f.branchB,
      });
      await refused(403, 'FORBIDDEN_ROLE', 'POST', `/api/members/${f.memberA1}/deactivate`, f.secretaryA, {
        reason: 'transferred',
        on: '2026-11-01',
      });
      await refused(404, null, 'POST', `/api/members/${f.memberA1}/move`, f.admin, { branchId: f.other.branch });
      const name = await t.handle.db
        .selectFrom('members')
        .select('name')
        .where('id', '=', f.memberA1)
        .executeTakeFirst();
      assert.equal(name?.name, '张三');
    });

    test('the member table searches by name and filters by branch, 在职/退休 and WeChat binding', async () => {
      await t.handle.db
        .insertInto('wechat_bindings')
        .values({ openid: 'o-zhangsan', member_id: f.memberA1, bound_at: Date.now() })
        .execute();
      const names = async (query: string, as = f.admin, url = `/api/orgs/${f.orgId}/members`) => {
        const res = await call('GET', `${url}${query}`, as);
        assert.equal(res.statusCode, 200, res.body);
        return (res.json().items as Array<{ name: string }>).map((m) => m.name).sort();
      };
      assert.deepEqual(await names('?q=张'), ['张三']);
      assert.deepEqual(await names(`?branchId=${f.branchA}&employment=retired`), ['王老五']);
      assert.deepEqual(await names(`?branchId=${f.branchA}&bound=bound`), ['张三']);
      assert.ok(!(await names(`?branchId=${f.branchA}&bound=unbound`)).includes('张三'));
      assert.ok(!(await names('')).includes('他单位党员'), 'another organisation never shows');
      const own = await names('', f.secretaryA, `/api/branches/${f.branchA}/member-table`);
      assert.ok(own.includes('张三') && !own.includes('赵六'));
      await refused(403, 'FORBIDDEN_ROLE', 'GET', `/api/orgs/${f.orgId}/members`, f.secretaryA);
    });
  });

  describe('moving a member to another branch (组织关系转接)', () => {
    test('history stays, the year’s totals and ranks follow at once, and agree with a rebuild', async () => {
      const award = async (member: number, delta: number) => {
        const res = await call('POST', `/api/members/${member}/points/entries`, f.admin, { delta, reason: '表彰' });
        assert.equal(res.statusCode, 200, res.body);
      };
      // A new member of A, with more points than anyone in B.
      const mover = (
        await call('POST', `/api/branches/${f.branchA}/people`, f.admin, {
          name: '周转',
          employment: 'in_service',
          politicalStatus: 'full',
        })
      ).json().id as number;
      await award(mover, 5);
      await award(mover, 4);
      await award(f.memberB1, 3);
      assert.equal((await rank(f.memberB1)).rank, 1);
      assert.equal((await rank(mover)).rank, 1);
      const entriesBefore = await t.handle.db
        .selectFrom('points_ledger')
        .select(['id', 'branch_id'])
        .where('member_id', '=', mover)
        .orderBy('id')
        .execute();

      const moved = await call('POST', `/api/members/${mover}/move`, f.admin, { branchId: f.branchB });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().branch.id, f.branchB);
      const [entry] = await audited('member.move', mover);
      assert.deepEqual(JSON.parse(entry!.detail!), { fromBranchId: f.branchA, toBranchId: f.branchB, endedRoles: [] });

      // History stays where it happened.
      const entriesAfter = await t.handle.db
        .selectFrom('points_ledger')
        .select(['id', 'branch_id'])
        .where('member_id', '=', mover)
        .orderBy('id')
        .execute();
      assert.deepEqual(entriesAfter, entriesBefore);
      assert.ok(entriesAfter.every((e) => e.branch_id === f.branchA));
      // The year's totals move.
      const totals = await t.handle.db
        .selectFrom('points_totals')
        .select('branch_id')
        .where('member_id', '=', mover)
        .execute();
      assert.deepEqual(
        totals.map((r) => r.branch_id),
        [f.branchB],
      );
      // Ranks at once: the mover leads B, B's member is second.
      const mine = await rank(mover);
      assert.deepEqual({ points: mine.points, rank: mine.rank }, { points: 9, rank: 1 });
      assert.equal((await rank(f.memberB1)).rank, 2);

      // The live tables equal what a rebuild from the ledger makes.
      const live = await tables();
      await rebuildRankTables(t.handle.db);
      assert.deepEqual(await tables(), live);

      // Moving to where one is already, or while deactivated, is refused.
      await refused(409, 'ALREADY_IN_BRANCH', 'POST', `/api/members/${mover}/move`, f.admin, { branchId: f.branchB });
    });

    test('a secretary moved away stops being the old branch’s secretary', async () => {
      const res = await call('POST', `/api/members/${f.secretaryB}/move`, f.admin, { branchId: f.branchA });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().grants, [{ role: 'member', branchId: null }]);
      await refused(403, 'FORBIDDEN_ROLE', 'GET', `/api/branches/${f.branchB}/member-table`, f.secretaryB);
      const back = await call('POST', `/api/members/${f.secretaryB}/move`, f.admin, { branchId: f.branchB });
      assert.equal(back.statusCode, 200);
      await call('POST', `/api/members/${f.secretaryB}/roles`, f.admin, { role: 'secretary' });
    });
  });

  describe('deactivation', () => {
    test('ends sessions and invites at once, keeps records, leaves new audiences; reactivation restores', async () => {
      const session = await bearer(t.handle.db, f.memberA1);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode, 200);
      const invite = await call('POST', `/api/branches/${f.branchA}/invites`, f.secretaryA, { memberId: f.memberA1 });
      assert.equal(invite.statusCode, 200, invite.body);
      const ledgerBefore = await t.handle.db
        .selectFrom('points_ledger')
        .select('id')
        .where('member_id', '=', f.memberA1)
        .execute();

      const res = await call('POST', `/api/members/${f.memberA1}/deactivate`, f.admin, {
        reason: 'transferred',
        on: '2026-11-20',
        note: '调往市发改委',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        { active: res.json().active, on: res.json().deactivatedOn, reason: res.json().deactivationReason },
        { active: false, on: '2026-11-20', reason: 'transferred' },
      );
      // The old token is refused at once.
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode, 401);
      const live = await t.handle.db
        .selectFrom('invites')
        .select('id')
        .where('member_id', '=', f.memberA1)
        .where('used_at', 'is', null)
        .where('expires_at', '>', Date.now())
        .execute();
      assert.deepEqual(live, [], 'no invite still works');
      const ledgerAfter = await t.handle.db
        .selectFrom('points_ledger')
        .select('id')
        .where('member_id', '=', f.memberA1)
        .execute();
      assert.deepEqual(ledgerAfter, ledgerBefore, 'records kept');
      // Not in a new activity's audience, nor in the branch's roster or counts.
      const activity = await themeDayNow(
        caller(
          () => t.app,
          () => t.handle.db,
        ),
        f.branchA,
        f.secretaryA,
      );
      const invitees = await t.handle.db
        .selectFrom('activity_invitees')
        .select('member_id')
        .where('activity_id', '=', activity)
        .execute();
      assert.ok(invitees.length > 0);
      assert.ok(!invitees.some((i) => i.member_id === f.memberA1));
      const roster = await call('GET', `/api/branches/${f.branchA}/members`, f.secretaryA);
      assert.ok(!roster.json().members.some((m: { id: number }) => m.id === f.memberA1));
      const inactive = await call('GET', `/api/orgs/${f.orgId}/members?status=inactive`, f.admin);
      assert.deepEqual(
        inactive.json().items.map((m: { id: number }) => m.id),
        [f.memberA1],
      );
      const [entry] = await audited('member.deactivate', f.memberA1);
      assert.equal(JSON.parse(entry!.detail!).reasonLabel, '转出');
      await refused(409, 'MEMBER_INACTIVE', 'POST', `/api/members/${f.memberA1}/deactivate`, f.admin, {
        reason: 'other',
        on: '2026-11-20',
      });
      await refused(409, 'MEMBER_INACTIVE', 'POST', `/api/members/${f.memberA1}/move`, f.admin, {
        branchId: f.branchB,
      });

      const back = await call('POST', `/api/members/${f.memberA1}/reactivate`, f.admin, {});
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual(
        { active: back.json().active, on: back.json().deactivatedOn, branch: back.json().branch.id },
        { active: true, on: null, branch: f.branchA },
      );
      assert.equal((await audited('member.reactivate', f.memberA1)).length, 1);
      assert.equal((await call('GET', '/api/me', f.memberA1)).statusCode, 200);
    });

    test('a deactivated member leaves the rankings at once and comes back on reactivation', async () => {
      const mover = await t.handle.db
        .selectFrom('members')
        .select('id')
        .where('name', '=', '周转')
        .executeTakeFirstOrThrow();
      assert.equal((await rank(f.memberB1)).rank, 2, 'behind the member who moved in with 9 points');
      const gone = await call('POST', `/api/members/${mover.id}/deactivate`, f.admin, {
        reason: 'deceased',
        on: '2026-11-02',
      });
      assert.equal(gone.statusCode, 200, gone.body);
      assert.equal((await rank(f.memberB1)).rank, 1);
      const live = await tables();
      await rebuildRankTables(t.handle.db);
      assert.deepEqual(await tables(), live);

      const back = await call('POST', `/api/members/${mover.id}/reactivate`, f.admin, {});
      assert.equal(back.statusCode, 200, back.body);
      assert.equal((await rank(f.memberB1)).rank, 2);
      const mine = await rank(mover.id);
      assert.deepEqual({ points: mine.points, rank: mine.rank }, { points: 9, rank: 1 });
      const restored = await tables();
      await rebuildRankTables(t.handle.db);
      assert.deepEqual(await tables(), restored);
    });

    test('refusals: oneself, the last org admin, a future date, a secretary', async () => {
      const body = { reason: 'other', on: '2026-11-01' };
      await refused(403, 'SELF_REVIEW', 'POST', `/api/members/${f.admin}/deactivate`, f.admin, body);
      await refused(400, 'DATE_IN_FUTURE', 'POST', `/api/members/${f.memberA2}/deactivate`, f.admin, {
        ...body,
        on: '2999-01-01',
      });
      await refused(400, null, 'POST', `/api/members/${f.memberA2}/deactivate`, f.admin, {
        reason: 'fired',
        on: '2026-11-01',
      });
      await refused(403, 'FORBIDDEN_SCOPE', 'POST', `/api/members/${f.memberA2}/deactivate`, f.other.admin, body);
      // Another admin cannot deactivate the only other admin if that leaves none... with two, the
      // admin being deactivated loses the role, and the last one is kept.
      const second = await call('POST', `/api/members/${f.memberB1}/roles`, f.admin, { role: 'org_admin' });
      assert.equal(second.statusCode, 200, second.body);
      const gone = await call('POST', `/api/members/${f.memberB1}/deactivate`, f.admin, body);
      assert.equal(gone.statusCode, 200, gone.body);
      assert.deepEqual(gone.json().grants, [{ role: 'member', branchId: null }]);
      await call('POST', `/api/members/${f.memberB1}/reactivate`, f.admin, {});
    });
  });
});
