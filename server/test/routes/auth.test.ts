import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestApp, snapshotCounts, type TestApp } from '../helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../../mocks/fixtures.js';
import { startFakeWechat } from '../../../mocks/wechat.js';

describe('sign-in', () => {
  let t: TestApp;
  let f: OrgFixture;
  let wechat: { app: FastifyInstance; baseUrl: string };

  const wxLogin = async (openid?: string) => {
    const res = await fetch(`${wechat.baseUrl}/__mock/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(openid ? { openid } : {}),
    });
    return (await res.json()) as { code: string; openid: string };
  };
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const issueInvite = async (memberId: number, as = f.secretaryA, branch = f.branchA) => {
    const res = await post(`/api/branches/${branch}/invites`, { memberId }, await bearer(t.handle.db, as));
    assert.equal(res.statusCode, 200, res.body);
    return res.json().code as string;
  };

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl, demo: true });
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('demo accounts list every active account with a title', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
    assert.equal(res.statusCode, 200);
    const accounts = res.json().accounts as Array<{ memberId: number; title: string; roles: string[] }>;
    const secretary = accounts.find((a) => a.memberId === f.secretaryA);
    assert.deepEqual(secretary?.roles, ['secretary', 'member']);
    assert.equal(secretary?.title, '第一党支部 书记');
    assert.equal(accounts[0]?.roles[0], 'org_admin', 'the admin comes first');
  });

  test('demo sign-in issues a session that /api/me accepts', async () => {
    const res = await post('/api/auth/demo', { memberId: f.memberA1 });
    assert.equal(res.statusCode, 200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().name, '张三');
    assert.equal(me.json().phone, '13712345678', 'a member sees their own phone in full');
    assert.equal(me.json().points.total, 60);
    assert.equal(me.json().points.starLevel.label, '★');
  });

  test('demo sign-in is refused in production', async () => {
    const prod = await openTestApp({ env: 'production' });
    try {
      const list = await prod.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
      assert.equal(list.statusCode, 403);
      assert.equal(list.json().code, 'DEMO_DISABLED');
      const login = await prod.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: 1 } });
      assert.equal(login.statusCode, 403);
    } finally {
      await prod.close();
    }
  });

  test('demo sign-in rejects bad input and unknown accounts', async () => {
    for (const payload of [{}, { memberId: 'x' }, { memberId: 0 }, { memberId: 1, extra: true }]) {
      const res = await post('/api/auth/demo', payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().code, 'VALIDATION_FAILED');
      assert.match(res.json().message, /[\u4e00-\u9fa5]/);
    }
    const missing = await post('/api/auth/demo', { memberId: 999999 });
    assert.equal(missing.statusCode, 404);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/demo',
      payload: '{"memberId":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'INVALID_JSON');
  });

  test('guarded routes refuse missing, unknown and expired sessions', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/me' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().code, 'UNAUTHENTICATED');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer nope' } });
    assert.equal(unknown.statusCode, 401);
    const expired = await bearer(t.handle.db, f.memberA1, -1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: expired });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'SESSION_EXPIRED');
  });

  test('logout ends the session', async () => {
    const headers = await bearer(t.handle.db, f.memberA1);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    assert.equal(out.statusCode, 204);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers });
    assert.equal(me.statusCode, 401);
  });

  test('WeChat: an unbound openid binds with a one-time invite code, then signs in directly', async () => {
    const first = await wxLogin('openid-zhangsan');
    const login = await post('/api/auth/wechat', { code: first.code });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.json().status, 'unbound');
    const invite = await issueInvite(f.memberA1);
    assert.match(invite, /^[0-9A-Z]{8}$/);
    const bind = await post('/api/auth/bind', {
      bindTicket: login.json().bindTicket,
      inviteCode: invite.toLowerCase(),
    });
    assert.equal(bind.statusCode, 200, bind.body);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${bind.json().token}` },
    });
    assert.equal(me.json().id, f.memberA1);

    const again = await post('/api/auth/wechat', { code: (await wxLogin('openid-zhangsan')).code });
    assert.equal(again.json().status, 'bound');
    const roster = await t.app.inject({
      method: 'GET',
      url: `/api/branches/${f.branchA}/members`,
      headers: await bearer(t.handle.db, f.secretaryA),
    });
    assert.equal(roster.json().members.find((m: { id: number }) => m.id === f.memberA1).wechatBound, true);
  });

  test('WeChat: reused and unknown codes are refused like the real platform', async () => {
    const { code } = await wxLogin();
    assert.equal((await post('/api/auth/wechat', { code })).statusCode, 200);
    const reused = await post('/api/auth/wechat', { code });
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().code, 'WECHAT_CODE_INVALID');
    const unknown = await post('/api/auth/wechat', { code: 'not-a-code' });
    assert.equal(unknown.json().code, 'WECHAT_CODE_INVALID');
    const empty = await post('/api/auth/wechat', { code: '' });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().code, 'VALIDATION_FAILED');
  });

  test('WeChat: an unreachable platform is a 502 with a Chinese message', async () => {
    const offline = await openTestApp({ wechatApiBase: 'http://127.0.0.1:9' });
    try {
      const res = await offline.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'abc' } });
      assert.equal(res.statusCode, 502);
      assert.equal(res.json().code, 'WECHAT_UNAVAILABLE');
    } finally {
      await offline.close();
    }
  });

  test('invite codes are single use, expire, and a newer code replaces an older one', async () => {
    const ticket = async () =>
      (await post('/api/auth/wechat', { code: (await wxLogin()).code })).json().bindTicket as string;
    const older = await issueInvite(f.memberA2);
    const newer = await issueInvite(f.memberA2);
    const before = await snapshotCounts(t.handle);
    const replaced = await post('/api/auth/bind', { bindTicket: await ticket(), inviteCode: older });
    assert.equal(replaced.json().code, 'INVITE_EXPIRED');
    const wrong = await post('/api/auth/bind', { bindTicket: await ticket(), inviteCode: 'ZZZZZZZZ' });
    assert.equal(wrong.json().code, 'INVITE_INVALID');
    const badTicket = await post('/api/auth/bind', { bindTicket: 'x'.repeat(40), inviteCode: newer });
    assert.equal(badTicket.json().code, 'BIND_TICKET_INVALID');
    const after = await snapshotCounts(t.handle);
    assert.equal(after.wechat_bindings, before.wechat_bindings, 'refusals bind nothing');
    assert.equal(after.invites, before.invites);

    assert.equal((await post('/api/auth/bind', { bindTicket: await ticket(), inviteCode: newer })).statusCode, 200);
    const used = await post('/api/auth/bind', { bindTicket: await ticket(), inviteCode: newer });
    assert.equal(used.json().code, 'INVITE_USED');

    const stale = await issueInvite(f.retiredA3);
    await t.handle.db
      .updateTable('invites')
      .set({ expires_at: Date.now() - 1 })
      .where('code', '=', stale)
      .execute();
    const expired = await post('/api/auth/bind', { bindTicket: await ticket(), inviteCode: stale });
    assert.equal(expired.statusCode, 400);
    assert.equal(expired.json().code, 'INVITE_EXPIRED');
  });

  test('invites: only for the own branch, and only by a secretary or the org admin', async () => {
    const member = await post(
      `/api/branches/${f.branchA}/invites`,
      { memberId: f.memberA2 },
      await bearer(t.handle.db, f.memberA1),
    );
    assert.equal(member.statusCode, 403);
    assert.equal(member.json().code, 'FORBIDDEN_ROLE');
    const otherBranch = await post(
      `/api/branches/${f.branchB}/invites`,
      { memberId: f.memberB1 },
      await bearer(t.handle.db, f.secretaryA),
    );
    assert.equal(otherBranch.statusCode, 403);
    assert.equal(otherBranch.json().code, 'FORBIDDEN_SCOPE');
    const smuggled = await post(
      `/api/branches/${f.branchA}/invites`,
      { memberId: f.memberB1 },
      await bearer(t.handle.db, f.secretaryA),
    );
    assert.equal(smuggled.statusCode, 400);
    assert.equal(smuggled.json().code, 'MEMBER_NOT_IN_BRANCH');
    const otherOrg = await post(
      `/api/branches/${f.branchA}/invites`,
      { memberId: f.memberA2 },
      await bearer(t.handle.db, f.other.admin),
    );
    assert.equal(otherOrg.statusCode, 403);
    const unknownBranch = await post(
      `/api/branches/999999/invites`,
      { memberId: f.memberA2 },
      await bearer(t.handle.db, f.admin),
    );
    assert.equal(unknownBranch.statusCode, 404);
    const admin = await post(
      `/api/branches/${f.branchB}/invites`,
      { memberId: f.memberB1 },
      await bearer(t.handle.db, f.admin),
    );
    assert.equal(admin.statusCode, 200);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invite.issue')
      .where('actor_id', '=', f.admin)
      .execute();
    assert.equal(audit.length, 1, 'issuing an invite is audited');
  });
});
