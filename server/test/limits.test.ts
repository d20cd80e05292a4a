import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { toIso } from '../src/lib/time.js';
import { openTestApp, openTestDatabase, snapshotCounts, type TestApp, type TestDatabase } from './helpers.js';
import { buildOrgFixture, bearer, type OrgFixture } from '../../mocks/fixtures.js';
import { startFakeWechat } from '../../mocks/wechat.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MIN = 60_000;

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const countSessions = async (t: { handle: TestDatabase }) =>
  Number(
    (
      await t.handle.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function assertRefusal(res: { statusCode: number; json(): { code: string; message: string } }, code: string) {
  assert.equal(res.statusCode, 429);
  assert.equal(res.json().code, code);
  assert.match(res.json().message, /[\u4e00-\u9fa5]/);
}

async function themeDay(app: FastifyInstance, f: OrgFixture) {
  const start = Date.now() - 5 * MIN;
  const res = await app.inject({
    method: 'POST',
    url: `/api/branches/${f.branchA}/activities`,
    headers: await bearer(app.db, f.secretaryA),
    payload: {
      type: 'theme_day',
      title: '主题党日：学习党章',
      topic: '学习党章第一章',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  const id = (res.json() as { id: number }).id;
  const display = await app.inject({
    method: 'GET',
    url: `/api/activities/${id}/display`,
    headers: await bearer(app.db, f.secretaryA),
  });
  return { id, code: (display.json() as { code: string }).code };
}

describe('demo sign-in needs the demo mode', () => {
  test('refused without it whatever NODE_ENV says, with a stable code and a Chinese message', async () => {
    for (const NODE_ENV of [undefined, 'development', 'staging', 'production']) {
      const config = loadConfig({ NODE_ENV, WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'a-real-secret' });
      const t = await openTestApp({ env: config.env, demo: config.demo });
      try {
        const f = await buildOrgFixture(t.handle.db);
        const list = await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
        assert.equal(list.statusCode, 403, `NODE_ENV=${NODE_ENV}`);
        assert.equal(list.json().code, 'DEMO_DISABLED');
        const login = await t.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: f.admin } });
        assert.equal(login.statusCode, 403, `NODE_ENV=${NODE_ENV}: the org admin cannot be signed in as`);
        assert.equal(login.json().code, 'DEMO_DISABLED');
        assert.equal(login.json().message, '本服务未开启演示登录');
        assert.equal(await countSessions(t), 0);
      } finally {
        await t.close();
      }
    }
  });

  test('works with it', async () => {
    const config = loadConfig({ NODE_ENV: 'staging', XF_DEMO: '1' });
    const t = await openTestApp({ env: config.env, demo: config.demo });
    try {
      const f = await buildOrgFixture(t.handle.db);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { memberId: f.admin } });
      assert.equal(login.statusCode, 200);
    } finally {
      await t.close();
    }
  });
});

describe('rate limits (in process memory)', () => {
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
  const post = (url: string, payload: object, remoteAddress = '203.0.113.1') =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress });

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl, demo: true, signInPerMinute: 3 });
    f = await buildOrgFixture(t.handle.db);
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('sign-in: a client address gets its quota per minute, then 429 and nothing happens', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await post('/api/auth/demo', { memberId: f.memberA1 }, '203.0.113.10');
      assert.equal(ok.statusCode, 200);
    }
    const sessions = await countSessions(t);
    const refused = await post('/api/auth/demo', { memberId: f.memberA1 }, '203.0.113.10');
    assertRefusal(refused, 'RATE_LIMITED');
    assert.match(refused.json().message, /请 \d+ 秒后再试/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal(await countSessions(t), sessions, 'no session for a refused sign-in');
    const elsewhere = await post('/api/auth/demo', { memberId: f.memberA1 }, '203.0.113.11');
    assert.equal(elsewhere.statusCode, 200, 'another address is not affected');

    for (let i = 0; i < 3; i++) {
      const ok = await post('/api/auth/wechat', { code: (await wxLogin()).code }, '203.0.113.10');
      assert.equal(ok.statusCode, 200);
    }
    const before = await snapshotCounts(t.handle);
    assertRefusal(await post('/api/auth/wechat', { code: (await wxLogin()).code }, '203.0.113.10'), 'RATE_LIMITED');
    assert.deepEqual(await snapshotCounts(t.handle), before, 'no bind ticket for a refused exchange');
  });

  test('invite binding: 10 wrong codes per WeChat account, then even the right code waits', async () => {
    const issue = await t.app.inject({
      method: 'POST',
      url: `/api/branches/${f.branchA}/invites`,
      payload: { memberId: f.memberA2 },
      headers: await bearer(t.handle.db, f.secretaryA),
    });
    const invite = issue.json().code as string;
    const openid = `o-guesser-${randomBytes(4).toString('hex')}`;
    const ticket = async (address: string) =>
      (await post('/api/auth/wechat', { code: (await wxLogin(openid)).code }, address)).json().bindTicket as string;
    const bindTicket = await ticket('198.51.100.1');
    for (let i = 0; i < 10; i++) {
      const wrong = await post('/api/auth/bind', { bindTicket, inviteCode: `WRONG${String(i).padStart(3, '0')}` });
      assert.equal(wrong.json().code, 'INVITE_INVALID', `attempt ${i + 1}`);
    }
    const before = await snapshotCounts(t.handle);
    assertRefusal(await post('/api/auth/bind', { bindTicket, inviteCode: invite }), 'INVITE_TOO_MANY_ATTEMPTS');
    // A fresh ticket for the same WeChat account, from another address, is refused too.
    const fresh = await ticket('198.51.100.2');
    assertRefusal(
      await post('/api/auth/bind', { bindTicket: fresh, inviteCode: invite }, '198.51.100.2'),
      'INVITE_TOO_MANY_ATTEMPTS',
    );
    const after = await snapshotCounts(t.handle);
    assert.equal(after.wechat_bindings, before.wechat_bindings, 'nothing bound');
    assert.equal(after.invites, before.invites);
    const unused = await t.handle.db
      .selectFrom('invites')
      .select('used_at')
      .where('code', '=', invite)
      .executeTakeFirst();
    assert.equal(unused?.used_at, null, 'the invite is still there for its member');

    // Another account is not affected.
    const other = await post('/api/auth/bind', { bindTicket: await ticket2(), inviteCode: invite }, '198.51.100.3');
    assert.equal(other.statusCode, 200, other.body);

    async function ticket2() {
      return (await post('/api/auth/wechat', { code: (await wxLogin()).code }, '198.51.100.3')).json()
        .bindTicket as string;
    }
  });

  test('invite binding: 30 wrong codes per client address, across accounts', async () => {
    const address = '192.0.2.50';
    let refusedAt = 0;
    for (let i = 0; i < 40 && !refusedAt; i++) {
      const login = await post('/api/auth/wechat', { code: (await wxLogin()).code }, `192.0.2.${100 + (i % 100)}`);
      const res = await post(
        '/api/auth/bind',
        { bindTicket: login.json().bindTicket, inviteCode: 'ZZZZZZZZ' },
        address,
      );
      if (res.statusCode === 429) {
        assertRefusal(res, 'INVITE_TOO_MANY_ATTEMPTS');
        refusedAt = i + 1;
      } else assert.equal(res.json().code, 'INVITE_INVALID');
    }
    assert.equal(refusedAt, 31);
  });

  test('a dead bind ticket counts against the address', async () => {
    const address = '192.0.2.77';
    for (let i = 0; i < 30; i++) {
      const res = await post('/api/auth/bind', { bindTicket: 'x'.repeat(40), inviteCode: 'ZZZZZZZZ' }, address);
      assert.equal(res.json().code, 'BIND_TICKET_INVALID');
    }
    assertRefusal(
      await post('/api/auth/bind', { bindTicket: 'x'.repeat(40), inviteCode: 'ZZZZZZZZ' }, address),
      'INVITE_TOO_MANY_ATTEMPTS',
    );
  });
});

describe('rate limits shared through Redis', async () => {
  const reachable = await redisReachable();
  if (!reachable) console.warn(`Redis not reachable at ${REDIS_URL}: skipped the shared rate-limit test.`);

  let handle: TestDatabase;
  let apps: FastifyInstance[] = [];
  let f: OrgFixture;
  const prefix = `xf-test-limits-${process.pid}-${randomBytes(3).toString('hex')}:`;

  before(async () => {
    if (!reachable) return;
    handle = await openTestDatabase();
    f = await buildOrgFixture(handle.db);
    // Two API processes in front of one database, as behind a load balancer.
    const config = {
      ...loadConfig({ NODE_ENV: 'test' }),
      staticDir: null,
      demo: true,
      signInPerMinute: 4,
      redisUrl: REDIS_URL,
      redisPrefix: prefix,
    };
    apps = [await buildApp(config, handle), await buildApp(config, handle)];
    for (const app of apps) await app.ready();
  });
  after(async () => {
    if (!reachable) return;
    for (const app of apps) await app.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await handle.close();
  });

  test('two processes count one client’s sign-ins together', { skip: !reachable }, async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const signIn = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/demo',
        payload: { memberId: f.memberA1 },
        remoteAddress: '10.1.1.1',
      });
    assert.equal((await signIn(a)).statusCode, 200);
    assert.equal((await signIn(b)).statusCode, 200);
    assert.equal((await signIn(a)).statusCode, 200);
    assert.equal((await signIn(b)).statusCode, 200);
    assertRefusal(await signIn(a), 'RATE_LIMITED');
    assertRefusal(await signIn(b), 'RATE_LIMITED');
  });

  test('two processes count one member’s wrong check-in codes together', { skip: !reachable }, async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const activity = await themeDay(a, f);
    const wrong = String((Number(activity.code) + 500_000) % 1_000_000).padStart(6, '0');
    const checkIn = async (app: FastifyInstance, memberId: number, code: string) =>
      app.inject({
        method: 'POST',
        url: `/api/activities/${activity.id}/checkin`,
        headers: await bearer(handle.db, memberId),
        payload: { code },
      });
    for (let i = 0; i < 10; i++) {
      const res = await checkIn(i % 2 ? b : a, f.retiredA3, wrong);
      assert.equal(res.json().code, 'CHECKIN_CODE_INVALID', `attempt ${i + 1}`);
    }
    // Ten wrong codes, five through each process: both now refuse, even the right code.
    assertRefusal(await checkIn(a, f.retiredA3, activity.code), 'CHECKIN_TOO_MANY_ATTEMPTS');
    assertRefusal(await checkIn(b, f.retiredA3, activity.code), 'CHECKIN_TOO_MANY_ATTEMPTS');
    const attendance = await handle.db
      .selectFrom('attendance')
      .select('id')
      .where('activity_id', '=', activity.id)
      .where('member_id', '=', f.retiredA3)
      .execute();
    assert.equal(attendance.length, 0, 'no attendance for a refused check-in');
    const other = await checkIn(b, f.memberA1, activity.code);
    assert.equal(other.statusCode, 200, 'other members are not affected');
  });
});
