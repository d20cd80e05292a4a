// A newly set-up organisation's checklist (开通向导, issue #10): each step turns done from the
// organisation's own rows as the admin creates a branch, adds members, names a secretary, hands
// out invites and confirms the rules; only the org admin reads it. Then the WeChat reviewer's
// account (setup --reviewer): a plain member in a sandbox branch, left out of the checklist,
// refused every real branch's roster, handed over to the next reviewer on a second run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestApp, snapshotCounts, type TestApp } from './helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../mocks/fixtures.js';
import { startFakeWechat } from '../../mocks/wechat.js';
import { setUpOrganisation } from '../src/setup/organisation.js';
import { reviewNotes, setUpReviewer, SANDBOX_BRANCH_NAME } from '../src/setup/reviewer.js';
import { AppError } from '../src/errors.js';

type Method = 'GET' | 'POST' | 'PATCH';
const HOUR = 60 * 60 * 1000;

describe('onboarding checklist and the reviewer account', () => {
  let t: TestApp;
  let wechat: { app: FastifyInstance; baseUrl: string };
  let f: OrgFixture;
  let orgId: number;
  let adminId: number;
  const call = async (method: Method, url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const checklist = async () => {
    const res = await call('GET', `/api/orgs/${orgId}/onboarding`, adminId);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const doneSteps = (c: Record<string, { done?: boolean }>) =>
    ['branches', 'roster', 'secretaries', 'invites', 'rules'].filter((k) => c[k]!.done);

  async function bindThroughWechat(inviteCode: string) {
    const login = (await (await fetch(`${wechat.baseUrl}/__mock/login`, { method: 'POST' })).json()) as {
      code: string;
    };
    const exchanged = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: login.code } });
    assert.equal(exchanged.json().status, 'unbound', exchanged.body);
    const bound = await t.app.inject({
      method: 'POST',
      url: '/api/auth/bind',
      payload: { bindTicket: exchanged.json().bindTicket, inviteCode },
    });
    assert.equal(bound.statusCode, 200, bound.body);
    return { authorization: `Bearer ${bound.json().token as string}` };
  }

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl });
    f = await buildOrgFixture(t.handle.db);
    const created = await setUpOrganisation(
      t.handle.db,
      { orgName: '新建机关党委', adminName: '周管理', adminPhone: null },
      72 * HOUR,
    );
    orgId = created.orgId;
    adminId = created.adminId;
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('a fresh organisation starts with nothing done; only its org admin reads the checklist', async () => {
    const fresh = await checklist();
    assert.equal(fresh.done, false);
    assert.deepEqual(doneSteps(fresh), [], 'rules published by setup are not yet reviewed by a person');
    assert.equal(fresh.branches.count, 0);
    assert.equal(fresh.rules.reviewedAt, null);

    for (const [as, code] of [
      [f.admin, 'FORBIDDEN_SCOPE'],
      [f.secretaryA, 'FORBIDDEN_ROLE'],
      [f.memberA1, 'FORBIDDEN_ROLE'],
    ] as const) {
      const before = await snapshotCounts(t.handle);
      const read = await call('GET', `/api/orgs/${orgId}/onboarding`, as);
      assert.equal(read.statusCode, 403, read.body);
      assert.equal(read.json().code, code);
      const mark = await call('POST', `/api/orgs/${orgId}/onboarding/rules-reviewed`, as);
      assert.equal(mark.statusCode, 403, mark.body);
      assert.deepEqual(await snapshotCounts(t.handle), before);
    }
  });

  test('each step turns done from real rows, in the order the admin works', async () => {
    const branch = await call('POST', `/api/orgs/${orgId}/branches`, adminId, { name: '第一党支部' });
    assert.equal(branch.statusCode, 200, branch.body);
    const branchId = branch.json().id as number;
    let c = await checklist();
    assert.deepEqual(doneSteps(c), ['branches']);
    assert.deepEqual(c.roster.emptyBranches, [{ id: branchId, name: '第一党支部' }]);

    const add = async (name: string) => {
      const res = await call('POST', `/api/branches/${branchId}/people`, adminId, {
        name,
        employment: 'in_service',
        politicalStatus: 'full',
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().id as number;
    };
    const chen = await add('陈书记');
    await add('刘党员');
    c = await checklist();
    assert.deepEqual(doneSteps(c), ['branches', 'roster']);
    assert.equal(c.roster.members, 2);
    assert.deepEqual(c.secretaries.missing, [{ id: branchId, name: '第一党支部' }]);
    assert.equal(c.invites.withoutCode, 2);

    const named = await call('POST', `/api/members/${chen}/roles`, adminId, { role: 'secretary' });
    assert.equal(named.statusCode, 200, named.body);
    c = await checklist();
    assert.deepEqual(doneSteps(c), ['branches', 'roster', 'secretaries']);

    // A second branch without members sends the roster step back.
    const second = await call('POST', `/api/orgs/${orgId}/branches`, adminId, { name: '第二党支部' });
    c = await checklist();
    assert.deepEqual(doneSteps(c), ['branches', 'secretaries']);
    await call('POST', `/api/branches/${second.json().id}/archive`, adminId);

    const sheet = await call('POST', `/api/branches/${branchId}/invite-sheet`, adminId);
    assert.equal(sheet.statusCode, 200, sheet.body);
    c = await checklist();
    assert.deepEqual(doneSteps(c), ['branches', 'roster', 'secretaries', 'invites']);
    assert.equal(c.invites.withoutCode, 0);
    assert.equal(c.done, false);

    const reviewed = await call('POST', `/api/orgs/${orgId}/onboarding/rules-reviewed`, adminId);
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    assert.equal(reviewed.json().done, true);
    assert.match(reviewed.json().rules.reviewedAt, /^\d{4}-\d{2}-\d{2}T/);
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'points.rules_review')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_id, adminId);
    assert.deepEqual(JSON.parse(entry.detail!), { version: 1 });
  });

  test('codes that ran out count as not handed out; binding WeChat counts as done', async () => {
    await t.handle.db
      .updateTable('invites')
      .set({ expires_at: Date.now() - 1 })
      .where('member_id', 'in', (eb) => eb.selectFrom('members').select('id').where('org_id', '=', orgId))
      .where('used_at', 'is', null)
      .execute();
    let c = await checklist();
    assert.equal(c.invites.done, false);
    assert.equal(c.invites.withoutCode, 2);
    assert.equal(c.invites.pendingBranches[0].name, '第一党支部');
    const members = await t.handle.db
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', orgId)
      .where('branch_id', 'is not', null)
      .execute();
    for (const m of members) {
      await t.handle.db
        .insertInto('wechat_bindings')
        .values({ openid: `o-onboarding-${m.id}`, member_id: m.id, bound_at: Date.now() })
        .execute();
    }
    c = await checklist();
    assert.equal(c.invites.done, true);
    assert.equal(c.invites.bound, 2);
    assert.equal(c.done, true);
  });

  test('the reviewer: a member of a sandbox branch, outside the checklist, refused real rosters', async () => {
    const realBranch = (await checklist()).roster;
    const reviewer = await setUpReviewer(t.handle.db, '新建机关党委', 14);
    assert.equal(reviewer.released, false);
    const branch = await t.handle.db
      .selectFrom('branches')
      .select(['name', 'sandbox'])
      .where('id', '=', reviewer.branchId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(branch, { name: SANDBOX_BRANCH_NAME, sandbox: 1 });
    const c = await checklist();
    assert.equal(c.done, true, 'the sandbox branch and its unbound reviewer do not reopen the checklist');
    const listed = await call('GET', `/api/orgs/${orgId}/branches`, adminId);
    const flags = listed.json().branches.map((b: { name: string; sandbox?: boolean }) => [b.name, b.sandbox ?? false]);
    assert.deepEqual(flags, [
      ['第一党支部', false],
      ['第二党支部', false],
      [SANDBOX_BRANCH_NAME, true],
    ]);
    assert.deepEqual(c.roster, realBranch);
    const notes = reviewNotes(reviewer, '2026-12-14 10:00');
    assert.ok(notes.includes(reviewer.inviteCode) && notes.includes(SANDBOX_BRANCH_NAME), notes);

    const auth = await bindThroughWechat(reviewer.inviteCode);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: auth });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual(me.json().roles, ['member']);
    assert.equal(me.json().branch.name, SANDBOX_BRANCH_NAME);

    const realMember = await t.handle.db
      .selectFrom('members')
      .select(['id', 'branch_id'])
      .where('org_id', '=', orgId)
      .where('name', '=', '刘党员')
      .executeTakeFirstOrThrow();
    for (const url of [
      `/api/branches/${realMember.branch_id}/members`,
      `/api/branches/${realMember.branch_id}/member-table`,
      `/api/branches/${realMember.branch_id}/invite-sheet`,
      `/api/members/${realMember.id}`,
      `/api/orgs/${orgId}/members`,
      `/api/orgs/${orgId}/onboarding`,
      `/api/branches/${realMember.branch_id}/dashboard`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
    }
    const otherOrg = await t.app.inject({ method: 'GET', url: `/api/branches/${f.branchA}/members`, headers: auth });
    assert.equal(otherOrg.statusCode, 403);

    // A second run hands the account to the next reviewer: the old binding and session end.
    const next = await setUpReviewer(t.handle.db, '新建机关党委', 30);
    assert.equal(next.released, true);
    assert.equal(next.memberId, reviewer.memberId);
    assert.equal(next.branchId, reviewer.branchId);
    const old = await t.app.inject({ method: 'GET', url: '/api/me', headers: auth });
    assert.equal(old.statusCode, 401);
    const again = await bindThroughWechat(next.inviteCode);
    const me2 = await t.app.inject({ method: 'GET', url: '/api/me', headers: again });
    assert.equal(me2.json().id, reviewer.memberId);
    const audited = await t.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'org.reviewer')
      .where('org_id', '=', orgId)
      .execute();
    assert.equal(audited.length, 2);
  });

  test('the reviewer setup refuses an unknown organisation and a bad number of days, changing nothing', async () => {
    const before = await snapshotCounts(t.handle);
    await assert.rejects(
      setUpReviewer(t.handle.db, '没有这个组织', 14),
      (e) => e instanceof AppError && e.code === 'ORG_NOT_FOUND',
    );
    await assert.rejects(
      setUpReviewer(t.handle.db, '新建机关党委', 31),
      (e) => e instanceof AppError && e.code === 'REVIEWER_DAYS_INVALID',
    );
    assert.deepEqual(await snapshotCounts(t.handle), before);
  });
});
