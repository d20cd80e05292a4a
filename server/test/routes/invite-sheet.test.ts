// The branch invite sheet: generating issues codes only for active members who have not bound
// WeChat, voiding their earlier codes; viewing issues nothing; a code from the sheet binds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { addMember, buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { startFakeWechat } from '../../../mocks/wechat.js';

interface Entry {
  memberId: number;
  name: string;
  code: string | null;
  bindPath: string | null;
}

describe('invite sheet', () => {
  let t: TestApp;
  let f: OrgFixture;
  let wechat: { app: FastifyInstance; baseUrl: string };
  let bound: number;
  let inactive: number;

  const call = async (method: 'GET' | 'POST', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const wxLogin = async (openid: string) => {
    const res = await fetch(`${wechat.baseUrl}/__mock/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    });
    return ((await res.json()) as { code: string }).code;
  };
  const bindWith = async (openid: string, inviteCode: string) => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: await wxLogin(openid) },
    });
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/bind',
      payload: { bindTicket: login.json().bindTicket, inviteCode },
    });
  };

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl });
    f = await buildOrgFixture(t.handle.db);
    bound = f.memberA1;
    await t.handle.db
      .insertInto('wechat_bindings')
      .values({ openid: 'openid-bound-already', member_id: bound, bound_at: Date.now() })
      .execute();
    inactive = await addMember(t.handle.db, { orgId: f.orgId, branchId: f.branchA, name: '已转出' });
    await t.handle.db.updateTable('members').set({ active: 0 }).where('id', '=', inactive).execute();
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('viewing before generating shows the unbound members without codes and issues nothing', async () => {
    const counts = await snapshotCounts(t.handle);
    const res = await call('GET', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    assert.equal(res.statusCode, 200, res.body);
    const entries = res.json().entries as Entry[];
    const ids = entries.map((e) => e.memberId);
    assert.ok(!ids.includes(bound), 'a bound member is not on the sheet');
    assert.ok(!ids.includes(inactive), 'an inactive member is not on the sheet');
    assert.ok(ids.includes(f.memberA2) && ids.includes(f.retiredA3));
    assert.ok(entries.every((e) => e.code === null && e.bindPath === null));
    assert.equal(res.json().issuedAt, null);
    assert.deepEqual(await snapshotCounts(t.handle), counts);
  });

  test('generating issues one code per unbound active member, voids earlier codes, is audited once', async () => {
    const earlier = await call('POST', `/api/branches/${f.branchA}/invites`, f.secretaryA, { memberId: f.memberA2 });
    const earlierCode = earlier.json().code as string;
    const auditBefore = (await snapshotCounts(t.handle)).audit_log ?? 0;
    // The org admin generates it: the fixture's secretary is unbound, and nobody issues their own code.
    const res = await call('POST', `/api/branches/${f.branchA}/invite-sheet`, f.admin);
    assert.equal(res.statusCode, 200, res.body);
    const entries = res.json().entries as Entry[];
    assert.ok(entries.length >= 3);
    assert.ok(entries.every((e) => e.code && /^[2-9A-HJKMNP-Z]{8}$/.test(e.code)));
    assert.equal(new Set(entries.map((e) => e.code)).size, entries.length, 'codes are distinct');
    assert.ok(entries.every((e) => e.bindPath === `pages/login/index?code=${e.code}`));
    assert.ok(!entries.some((e) => e.memberId === bound || e.memberId === inactive));
    const issued = await t.handle.db
      .selectFrom('invites')
      .select('member_id')
      .where('created_at', '>=', Date.parse(res.json().issuedAt))
      .execute();
    assert.deepEqual(issued.map((i) => i.member_id).sort(), entries.map((e) => e.memberId).sort());
    assert.notEqual(entries.find((e) => e.memberId === f.memberA2)?.code, earlierCode);
    const entriesAudit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invite.sheet')
      .execute();
    assert.equal(entriesAudit.length, 1);
    assert.deepEqual(JSON.parse(entriesAudit[0]!.detail!), { issued: entries.length });
    assert.equal((await snapshotCounts(t.handle)).audit_log, auditBefore + 1);

    // Viewing again shows the same codes and issues none.
    const counts = await snapshotCounts(t.handle);
    const view = await call('GET', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    assert.deepEqual(
      (view.json().entries as Entry[]).map((e) => e.code),
      entries.map((e) => e.code),
    );
    assert.deepEqual(await snapshotCounts(t.handle), counts);

    // The voided earlier code no longer binds.
    const stale = await bindWith('openid-stale', earlierCode);
    assert.equal(stale.statusCode, 400);
    assert.equal(stale.json().code, 'INVITE_EXPIRED');
  });

  test('a code from the sheet binds through the fake WeChat; the member leaves the sheet', async () => {
    const sheet = await call('GET', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    const entry = (sheet.json().entries as Entry[]).find((e) => e.memberId === f.retiredA3)!;
    const res = await bindWith('openid-wanglaowu', entry.code!);
    assert.equal(res.statusCode, 200, res.body);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    assert.equal(me.json().id, f.retiredA3);
    const after = await call('GET', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    assert.ok(!(after.json().entries as Entry[]).some((e) => e.memberId === f.retiredA3));
    // Regenerating one code (the existing route) replaces that member's code on the sheet.
    const one = await call('POST', `/api/branches/${f.branchA}/invites`, f.secretaryA, { memberId: f.memberA2 });
    const again = await call('GET', `/api/branches/${f.branchA}/invite-sheet`, f.secretaryA);
    assert.equal((again.json().entries as Entry[]).find((e) => e.memberId === f.memberA2)?.code, one.json().code);
  });

  test('only the branch managers: another branch 403, members 403, another organisation refused', async () => {
    for (const method of ['GET', 'POST'] as const) {
      assert.equal((await call(method, `/api/branches/${f.branchB}/invite-sheet`, f.secretaryA)).statusCode, 403);
      assert.equal((await call(method, `/api/branches/${f.branchA}/invite-sheet`, f.memberA2)).statusCode, 403);
      const cross = await call(method, `/api/branches/${f.branchA}/invite-sheet`, f.other.admin);
      assert.ok([403, 404].includes(cross.statusCode), cross.body);
    }
    const admin = await call('GET', `/api/branches/${f.branchB}/invite-sheet`, f.admin);
    assert.equal(admin.statusCode, 200);
  });
});
