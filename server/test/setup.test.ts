// `npm run setup`: the first organisation on a production database, its admin's one-time
// invite, refusals that change nothing, a second organisation, and the invite bound through
// the same WeChat flow a real admin uses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, repoRoot } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/index.js';
import { reissueAdminInvite, setUpOrganisation } from '../src/setup/organisation.js';
import { AppError } from '../src/errors.js';
import { openTestApp, openTestDatabase, snapshotCounts, dialectUnderTest, type TestApp } from './helpers.js';
import { startFakeWechat } from '../../mocks/wechat.js';

const run = promisify(execFile);
const HOUR = 60 * 60 * 1000;

async function bindThroughWechat(app: FastifyInstance, wechatBase: string, inviteCode: string) {
  const login = (await (await fetch(`${wechatBase}/__mock/login`, { method: 'POST' })).json()) as { code: string };
  const exchanged = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: login.code } });
  assert.equal(exchanged.statusCode, 200, exchanged.body);
  assert.equal(exchanged.json().status, 'unbound');
  const bound = await app.inject({
    method: 'POST',
    url: '/api/auth/bind',
    payload: { bindTicket: exchanged.json().bindTicket, inviteCode },
  });
  assert.equal(bound.statusCode, 200, bound.body);
  return { authorization: `Bearer ${bound.json().token as string}` };
}

describe('setup: a real organisation', () => {
  let t: TestApp;
  let wechat: { app: FastifyInstance; baseUrl: string };

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl });
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('creates the organisation, its admin without a branch, the default rules and an invite', async () => {
    const before = await snapshotCounts(t.handle);
    const result = await setUpOrganisation(
      t.handle.db,
      { orgName: ' 某市直机关工委 ', adminName: '周管理', adminPhone: '13900001111' },
      72 * HOUR,
    );
    assert.equal(result.orgName, '某市直机关工委');
    assert.match(result.inviteCode, /^[2-9A-HJKMNP-Z]{8}$/);
    const org = await t.handle.db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', result.orgId)
      .executeTakeFirstOrThrow();
    assert.equal(org.ranking_visibility, 'off', 'ranking visibility starts off');
    const admin = await t.handle.db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', result.adminId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [admin.org_id, admin.branch_id, admin.name, admin.phone],
      [result.orgId, null, '周管理', '13900001111'],
    );
    const grants = await t.handle.db.selectFrom('role_grants').selectAll().where('member_id', '=', admin.id).execute();
    assert.deepEqual(
      grants.map((g) => [g.role, g.org_id, g.branch_id]),
      [['org_admin', result.orgId, null]],
    );
    const rules = await t.handle.db
      .selectFrom('points_rule_sets')
      .selectAll()
      .where('org_id', '=', result.orgId)
      .execute();
    assert.equal(rules.length, 1, 'the default rules are published');
    const setupAudit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', result.orgId)
      .where('action', '=', 'org.setup')
      .execute();
    assert.equal(setupAudit.length, 1, 'audited');
    const afterCounts = await snapshotCounts(t.handle);
    assert.equal(afterCounts.members! - before.members!, 1, 'no demo data: the admin is the only member');
    assert.equal(afterCounts.invites! - before.invites!, 1);
    for (const table of ['activities', 'questions', 'quizzes', 'points_ledger', 'volunteer_records'] as const) {
      assert.equal(afterCounts[table], before[table], `no demo ${table}`);
    }
  });

  test('the same name again is refused and changes nothing; bad input too', async () => {
    await setUpOrganisation(t.handle.db, { orgName: '重复测试党委', adminName: '甲' }, HOUR);
    const before = await snapshotCounts(t.handle);
    const orgsBefore = await t.handle.db.selectFrom('orgs').select('id').execute();
    for (const input of [
      { orgName: '重复测试党委', adminName: '乙' },
      { orgName: '  重复测试党委', adminName: '乙' },
      { orgName: '   ', adminName: '乙' },
      { orgName: '新党委', adminName: '' },
      { orgName: '新党委', adminName: '乙', adminPhone: '12345' },
    ]) {
      await assert.rejects(
        setUpOrganisation(t.handle.db, input, HOUR),
        (error: unknown) => error instanceof AppError && error.statusCode >= 400 && error.statusCode < 500,
        JSON.stringify(input),
      );
    }
    await assert.rejects(setUpOrganisation(t.handle.db, { orgName: '重复测试党委', adminName: '乙' }, HOUR), {
      code: 'ORG_EXISTS',
      statusCode: 409,
    });
    assert.deepEqual(await snapshotCounts(t.handle), before);
    assert.deepEqual(await t.handle.db.selectFrom('orgs').select('id').execute(), orgsBefore);
  });

  test('a second organisation gets its own admin; the printed invite binds through WeChat once', async () => {
    const first = await setUpOrganisation(t.handle.db, { orgName: '第一单位党委', adminName: '钱一' }, HOUR);
    const second = await setUpOrganisation(t.handle.db, { orgName: '第二单位党委', adminName: '孙二' }, HOUR);
    assert.notEqual(first.orgId, second.orgId);
    const auth = await bindThroughWechat(t.app, wechat.baseUrl, second.inviteCode.toLowerCase());
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: auth });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().name, '孙二');
    assert.equal(me.json().org.id, second.orgId);
    assert.deepEqual(me.json().roles, ['org_admin']);
    const settings = await t.app.inject({ method: 'GET', url: `/api/orgs/${second.orgId}/settings`, headers: auth });
    assert.equal(settings.statusCode, 200);
    assert.equal(settings.json().rankingVisibility, 'off');
    const across = await t.app.inject({ method: 'GET', url: `/api/orgs/${first.orgId}/settings`, headers: auth });
    assert.equal(across.statusCode, 403, 'the second organisation’s admin cannot read the first');

    const login = (await (await fetch(`${wechat.baseUrl}/__mock/login`, { method: 'POST' })).json()) as {
      code: string;
    };
    const ticket = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: login.code } });
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/bind',
      payload: { bindTicket: ticket.json().bindTicket, inviteCode: second.inviteCode },
    });
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().code, 'INVITE_USED', 'the invite is single use');
  });
  test('a lost invite is reissued while the admin is unbound: the old code stops working; then refused', async () => {
    const created = await setUpOrganisation(t.handle.db, { orgName: '补发测试党委', adminName: '何补发' }, HOUR);
    const reissued = await reissueAdminInvite(t.handle.db, '补发测试党委', HOUR);
    assert.equal(reissued.adminId, created.adminId);
    assert.notEqual(reissued.inviteCode, created.inviteCode);
    await assert.rejects(bindThroughWechat(t.app, wechat.baseUrl, created.inviteCode), /INVITE_EXPIRED/);
    const auth = await bindThroughWechat(t.app, wechat.baseUrl, reissued.inviteCode);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: auth })).json().name, '何补发');
    const before = await snapshotCounts(t.handle);
    await assert.rejects(reissueAdminInvite(t.handle.db, '补发测试党委', HOUR), { code: 'ADMIN_ALREADY_BOUND' });
    await assert.rejects(reissueAdminInvite(t.handle.db, '没有这个组织', HOUR), { code: 'ORG_NOT_FOUND' });
    assert.deepEqual(await snapshotCounts(t.handle), before);
  });
});

describe('setup: the command line, as in production', () => {
  let wechat: { app: FastifyInstance; baseUrl: string };
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let open: () => DatabaseHandle;

  before(async () => {
    wechat = await startFakeWechat({ appId: 'wx-prod', appSecret: 'prod-secret' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-setup-'));
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      WECHAT_APPID: 'wx-prod',
      WECHAT_SECRET: 'prod-secret',
      LOG_LEVEL: 'silent',
    };
    if (dialectUnderTest === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env.DATABASE_URL = database.url;
      open = () => openDatabase({ databaseUrl: database.url!, sqlitePath: '' });
      cleanup = () => database.close();
    } else {
      env.SQLITE_PATH = path.join(dir, 'xianfeng.db');
      open = () => openDatabase({ databaseUrl: null, sqlitePath: env.SQLITE_PATH! });
      cleanup = async () => {};
    }
  });
  after(async () => {
    await cleanup();
    await wechat.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setup = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/setup/cli.ts', ...args], { cwd: repoRoot, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  test('prints an invite that binds; a repeat is refused; a second organisation is added', async () => {
    const created = await setup('--org', '市直机关工委', '--admin', '吴管理', '--phone', '13700002222');
    assert.equal(created.code, 0, created.stderr);
    const code = /一次性邀请码：([2-9A-Z]{8})/.exec(created.stdout)?.[1];
    assert.ok(code, created.stdout);
    assert.match(created.stdout, /不公开/);

    const again = await setup('--org', '市直机关工委', '--admin', '别人');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /已有名为「市直机关工委」的组织/);
    const usage = await setup('--org', '缺管理员');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /用法/);
    const second = await setup('--org', '另一机关党委', '--admin', '郑管理');
    assert.equal(second.code, 0, second.stderr);

    const handle = open();
    const config = { ...loadConfig(env), staticDir: null, wechatApiBase: wechat.baseUrl, uploadsDir: dir };
    const app = await buildApp(config, handle);
    try {
      await app.ready();
      const orgs = await handle.db.selectFrom('orgs').select(['name', 'ranking_visibility']).orderBy('id').execute();
      assert.deepEqual(orgs, [
        { name: '市直机关工委', ranking_visibility: 'off' },
        { name: '另一机关党委', ranking_visibility: 'off' },
      ]);
      const demo = await app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
      assert.equal(demo.statusCode, 403, 'no demo sign-in in production');
      const auth = await bindThroughWechat(app, wechat.baseUrl, code);
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: auth });
      assert.equal(me.json().name, '吴管理');
      assert.deepEqual(me.json().roles, ['org_admin']);
    } finally {
      await app.close();
      await handle.destroy();
    }
  });

  test('--reviewer prints a code and the text for 审核备注; bad days are refused', async () => {
    const reviewer = await setup('--org', '市直机关工委', '--reviewer', '--days', '10');
    assert.equal(reviewer.code, 0, reviewer.stderr);
    const code = /一次性邀请码：([2-9A-Z]{8})/.exec(reviewer.stdout)?.[1];
    assert.ok(code, reviewer.stdout);
    assert.match(reviewer.stdout, /审核备注/);
    assert.ok(reviewer.stdout.includes(`填写 ${code} 并确认`), reviewer.stdout);
    const tooLong = await setup('--org', '市直机关工委', '--reviewer', '--days', '99');
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /REVIEWER_DAYS_INVALID/);
    const unknown = await setup('--org', '没有这个组织', '--reviewer');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /ORG_NOT_FOUND/);
  });
});
