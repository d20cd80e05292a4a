// Opt-in reminders end to end: members subscribe (after accepting in WeChat), the notifier sends
// through the fake WeChat exactly what was subscribed, once, and handles WeChat's refusals, quota
// and expired access tokens; members see and withdraw their subscriptions.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestApp, type TestApp } from '../helpers.js';
import { bearer, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { startFakeWechat, type DeliveredMessage } from '../../../mocks/wechat.js';
import { ConfigError, loadConfig, type AppConfig } from '../../src/config.js';
import { cst, toIso } from '../../src/lib/time.js';
import { Notifier } from '../../src/notify/notifier.js';
import { WechatMessenger } from '../../src/notify/wechat.js';
import { addBank, inFuture } from './quiz-fixture.js';

const MIN = 60_000;
const T = { activityReminder: 'tmpl-activity-0001', reviewResult: 'tmpl-review-00001', newQuiz: 'tmpl-quiz-000001' };
const subscribeConfig: AppConfig['subscribe'] = {
  templates: {
    activityReminder: { id: T.activityReminder, keys: ['thing1', 'time2', 'thing3'] },
    reviewResult: { id: T.reviewResult, keys: ['thing1', 'phrase2', 'thing3'] },
    newQuiz: { id: T.newQuiz, keys: ['thing4', 'time5', 'thing6'] },
  },
  reminderLeadMs: 60 * MIN,
  miniprogramState: 'developer',
};

describe('subscribe messages', () => {
  let t: TestApp;
  let f: OrgFixture;
  let wechat: { app: FastifyInstance; baseUrl: string };
  const openid = (memberId: number) => `o-member-${memberId}`;

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, as: number, payload?: object) =>
    t.app.inject({ method, url, headers: await bearer(t.handle.db, as), ...(payload ? { payload } : {}) });
  const mock = async (path: string, body?: object) => {
    const res = await fetch(`${wechat.baseUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.json() as Promise<{ messages: DeliveredMessage[]; tokensIssued: number }>;
  };
  /** What wx.requestSubscribeMessage does on the phone when the member taps 允许. */
  const acceptInWechat = (memberId: number, templateId: string) =>
    mock('/__mock/subscribe', { openid: openid(memberId), templateIds: [templateId] });
  const messagesTo = async (memberId: number) =>
    (await mock('/__mock/messages')).messages.filter((m) => m.touser === openid(memberId));
  const tick = async () => {
    await t.app.notifier.idle();
    return t.app.notifier.tick();
  };
  const sendsOf = (subscriptionId: number) =>
    t.handle.db
      .selectFrom('subscription_sends')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id')
      .execute();
  const statusOf = async (id: number) =>
    (await t.handle.db.selectFrom('subscriptions').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;
  const activityIn = async (minutes: number, title = '主题党日：学习新党章') => {
    const start = Date.now() + minutes * MIN;
    const res = await call('POST', `/api/branches/${f.branchA}/activities`, f.secretaryA, {
      type: 'theme_day',
      title,
      topic: '学习党章',
      place: '三楼会议室',
      startsAt: toIso(start),
      endsAt: toIso(start + 120 * MIN),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };
  const volunteerRecord = async (memberId: number) => {
    const res = await call('POST', '/api/volunteer/records', memberId, {
      servedOn: cst(Date.now()).format('YYYY-MM-DD'),
      hours: 2,
      category: '社区服务',
      place: '和平社区',
      description: '清理楼道小广告',
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };

  before(async () => {
    wechat = await startFakeWechat();
    t = await openTestApp({ wechatApiBase: wechat.baseUrl, subscribe: subscribeConfig });
    f = await buildOrgFixture(t.handle.db);
    for (const memberId of [f.memberA1, f.memberA2, f.retiredA3, f.memberB1, f.secretaryA, f.other.member]) {
      await t.handle.db
        .insertInto('wechat_bindings')
        .values({ openid: openid(memberId), member_id: memberId, bound_at: Date.now() })
        .execute();
    }
  });
  beforeEach(() => {
    t.app.clock.offsetMs = 0;
  });
  after(async () => {
    await t.close();
    await wechat.app.close();
  });

  test('the member sees which reminders exist, and none is kept before they ask', async () => {
    const res = await call('GET', '/api/me/subscriptions', f.memberA1);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().templates, T);
    assert.equal(res.json().reminderLeadMinutes, 60);
    assert.deepEqual(res.json().items, []);
  });

  test('an activity reminder goes out once, within the lead time, only to who subscribed', async () => {
    const activityId = await activityIn(3 * 60);
    await acceptInWechat(f.memberA1, T.activityReminder);
    const first = await call('POST', `/api/activities/${activityId}/reminder`, f.memberA1);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'pending');
    assert.match(first.json().title, /活动开始提醒：主题党日/);
    const again = await call('POST', `/api/activities/${activityId}/reminder`, f.memberA1);
    assert.equal(again.json().id, first.json().id, 'accepting twice keeps one subscription');

    assert.equal((await tick()).sent, 0, 'three hours before the start nothing is due');
    assert.equal((await messagesTo(f.memberA1)).length, 0);

    t.app.clock.offsetMs = 2 * 60 * MIN + 5 * MIN; // 55 minutes before the start
    assert.equal((await tick()).sent, 1);
    assert.equal((await tick()).sent, 0, 'a one-time subscription is used up');
    const [message] = await messagesTo(f.memberA1);
    assert.equal(message?.template_id, T.activityReminder);
    assert.equal(message?.page, `packages/activities/pages/detail/index?id=${activityId}`);
    assert.equal(message?.data.thing1?.value, '主题党日：学习新党章');
    assert.match(message?.data.time2?.value ?? '', /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/);
    assert.equal(message?.data.thing3?.value, '三楼会议室');
    assert.equal(await statusOf(first.json().id), 'sent');
    assert.deepEqual(
      (await sendsOf(first.json().id)).map((s) => s.outcome),
      ['sent'],
    );
    // Invited but not subscribed: nothing.
    assert.equal((await messagesTo(f.memberA2)).length, 0);
    const mine = (await call('GET', '/api/me/subscriptions', f.memberA1)).json();
    assert.equal(mine.items[0].status, 'sent');
  });

  test('reminders are for invitees of an activity that has not begun', async () => {
    const activityId = await activityIn(3 * 60, '支部党员大会');
    const outsider = await call('POST', `/api/activities/${activityId}/reminder`, f.memberB1);
    assert.equal(outsider.statusCode, 403);
    assert.equal(outsider.json().code, 'NOT_INVITED');
    const otherOrg = await call('POST', `/api/activities/${activityId}/reminder`, f.other.member);
    assert.ok([403, 404].includes(otherOrg.statusCode), otherOrg.body);
    const started = await activityIn(-5, '已开始的活动');
    const late = await call('POST', `/api/activities/${started}/reminder`, f.memberA1);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'ACTIVITY_STARTED');
    const count = await t.handle.db
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_id', 'in', [activityId, started])
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, 'a refusal keeps nothing');
  });

  test('a reminder whose activity is cancelled expires unsent', async () => {
    const activityId = await activityIn(3 * 60, '将取消的活动');
    await acceptInWechat(f.memberA2, T.activityReminder);
    const sub = (await call('POST', `/api/activities/${activityId}/reminder`, f.memberA2)).json();
    const cancel = await call('POST', `/api/activities/${activityId}/cancel`, f.secretaryA, { reason: '场地冲突' });
    assert.equal(cancel.statusCode, 200, cancel.body);
    t.app.clock.offsetMs = 2 * 60 * MIN + 5 * MIN;
    const summary = await tick();
    assert.equal(summary.sent, 0);
    assert.equal(await statusOf(sub.id), 'expired');
    assert.equal((await messagesTo(f.memberA2)).length, 0);
  });

  test('WeChat refuses (43101): the subscription ends as refused and the attempt is recorded', async () => {
    const activityId = await activityIn(30, '党课');
    // Kept by the API, but the member's acceptance never reached WeChat (or was switched off).
    const sub = (await call('POST', `/api/activities/${activityId}/reminder`, f.retiredA3)).json();
    await tick();
    assert.equal(await statusOf(sub.id), 'refused');
    const [send] = await sendsOf(sub.id);
    assert.equal(send?.outcome, 'refused');
    assert.equal(send?.errcode, 43101);
    assert.equal((await tick()).refused, 0, 'never tried again');
  });

  test('over the quota (45009) the subscription waits and goes out on a later tick', async () => {
    const activityId = await activityIn(30, '党小组会');
    await acceptInWechat(f.memberA2, T.activityReminder);
    await mock('/__mock/fail', { errcode: 45009 });
    const sub = (await call('POST', `/api/activities/${activityId}/reminder`, f.memberA2)).json();
    await t.app.notifier.idle(); // subscribing inside the lead time kicks a send at once
    assert.equal(await statusOf(sub.id), 'pending');
    assert.equal((await messagesTo(f.memberA2)).filter((m) => m.data.thing1?.value === '党小组会').length, 0);
    assert.equal((await tick()).sent, 1);
    assert.equal(await statusOf(sub.id), 'sent');
    assert.deepEqual(
      (await sendsOf(sub.id)).map((s) => [s.outcome, s.errcode]),
      [
        ['quota', 45009],
        ['sent', null],
      ],
    );
  });

  test('an expired (42001) or invalid (40001) access token is refreshed and the send retried once', async () => {
    const messenger = new WechatMessenger(
      { wechatApiBase: wechat.baseUrl, wechatAppId: 'wx-demo-appid', wechatAppSecret: 'demo-secret' },
      'developer',
    );
    await acceptInWechat(f.memberA1, T.newQuiz);
    await acceptInWechat(f.memberA1, T.newQuiz);
    await acceptInWechat(f.memberA1, T.newQuiz);
    const message = {
      touser: openid(f.memberA1),
      templateId: T.newQuiz,
      page: 'pages/study/index',
      data: { thing4: '测试' },
    };
    assert.deepEqual(await messenger.send(message), { outcome: 'sent' });
    assert.equal(messenger.tokensFetched, 1);
    assert.deepEqual(await messenger.send(message), { outcome: 'sent' });
    assert.equal(messenger.tokensFetched, 1, 'the token is cached');

    await mock('/__mock/expire-tokens', {});
    assert.deepEqual(await messenger.send(message), { outcome: 'sent' });
    assert.equal(messenger.tokensFetched, 2, 'a new token after 42001');

    await mock('/__mock/fail', { errcode: 40001, times: 2 });
    const twice = await messenger.send(message);
    assert.equal(twice.outcome, 'unavailable', 'retried once only, and left for a later tick');
    assert.equal(messenger.tokensFetched, 3);
  });

  test('a volunteer review outcome goes to the member who asked, after the decision', async () => {
    const recordId = await volunteerRecord(f.memberA1);
    await acceptInWechat(f.memberA1, T.reviewResult);
    const sub = await call('POST', `/api/volunteer/records/${recordId}/result-subscription`, f.memberA1);
    assert.equal(sub.statusCode, 200, sub.body);
    assert.match(sub.json().title, /审核结果通知：.* 志愿服务 2 小时/);
    assert.equal(
      (await call('POST', `/api/volunteer/records/${recordId}/result-subscription`, f.memberA2)).statusCode,
      403,
    );
    assert.equal((await tick()).sent, 0, 'nothing before the decision');

    const approved = await call('POST', `/api/volunteer/records/${recordId}/approve`, f.secretaryA);
    assert.equal(approved.statusCode, 200, approved.body);
    await t.app.notifier.idle();
    const outcome = (await messagesTo(f.memberA1)).filter((m) => m.template_id === T.reviewResult);
    assert.equal(outcome.length, 1);
    assert.equal(outcome[0]?.data.phrase2?.value, '已通过');
    assert.equal(outcome[0]?.page, `packages/volunteer/pages/record/index?id=${recordId}`);
    const late = await call('POST', `/api/volunteer/records/${recordId}/result-subscription`, f.memberA1);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'ALREADY_DECIDED');

    // A rejection, for a member who did not ask: nothing is sent.
    const other = await volunteerRecord(f.memberA2);
    const rejected = await call('POST', `/api/volunteer/records/${other}/reject`, f.secretaryA, {
      reason: '请补充说明',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    await t.app.notifier.idle();
    assert.equal((await messagesTo(f.memberA2)).filter((m) => m.template_id === T.reviewResult).length, 0);
  });

  test('an objection outcome goes to the member who asked', async () => {
    const entry = (
      await call('POST', `/api/members/${f.memberA2}/points/entries`, f.secretaryA, { delta: 2, reason: '先锋岗表彰' })
    ).json();
    const objection = (
      await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA2, { reason: '应为 3 分' })
    ).json();
    await acceptInWechat(f.memberA2, T.reviewResult);
    const sub = await call('POST', `/api/objections/${objection.id}/result-subscription`, f.memberA2);
    assert.equal(sub.statusCode, 200, sub.body);
    assert.equal(
      (await call('POST', `/api/objections/${objection.id}/result-subscription`, f.memberA1)).statusCode,
      403,
    );
    const resolved = await call('POST', `/api/objections/${objection.id}/resolve`, f.secretaryA, {
      outcome: 'reject',
      note: '按规则为 2 分',
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    await t.app.notifier.idle();
    const [message] = (await messagesTo(f.memberA2)).filter((m) => m.template_id === T.reviewResult);
    assert.equal(message?.data.thing1?.value, '积分异议');
    assert.equal(message?.data.phrase2?.value, '未采纳');
    assert.equal(message?.data.thing3?.value, '按规则为 2 分');
  });

  test('an objection the member withdraws sends nothing and ends its reminder', async () => {
    const entry = (
      await call('POST', `/api/members/${f.memberA2}/points/entries`, f.secretaryA, {
        delta: 1,
        reason: '志愿服务表彰',
      })
    ).json();
    const objection = (
      await call('POST', `/api/points/entries/${entry.id}/objections`, f.memberA2, { reason: '应为 2 分' })
    ).json();
    await acceptInWechat(f.memberA2, T.reviewResult);
    const sub = await call('POST', `/api/objections/${objection.id}/result-subscription`, f.memberA2);
    assert.equal(sub.statusCode, 200, sub.body);
    const before = (await messagesTo(f.memberA2)).length;
    const withdrawn = await call('POST', `/api/objections/${objection.id}/withdraw`, f.memberA2);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    await t.app.notifier.tick();
    assert.equal((await messagesTo(f.memberA2)).length, before, 'nothing is sent for the member’s own withdrawal');
    assert.equal(await statusOf(sub.json().id), 'expired');
  });

  test('a new quiz reaches subscribers in its audience only, once each', async () => {
    const bank = await addBank(t.handle.db, f.orgId);
    await acceptInWechat(f.memberB1, T.newQuiz);
    await acceptInWechat(f.memberA1, T.newQuiz);
    const before = (await messagesTo(f.memberA1)).filter((m) => m.template_id === T.newQuiz).length;
    for (const member of [f.memberA1, f.memberB1]) {
      const res = await call('POST', '/api/me/subscriptions/new-quiz', member);
      assert.equal(res.statusCode, 200, res.body);
    }
    const quiz = (branchId: number | null, title: string, as: number) =>
      call('POST', '/api/quizzes', as, {
        title,
        kind: 'exam',
        branchId,
        questionIds: bank.map((q) => q.id),
        timeLimitMinutes: 20,
        passMark: 60,
        maxAttempts: 1,
        opensAt: inFuture(-1),
        closesAt: inFuture(60 * 24),
      });
    // Opened a minute ago, i.e. before the subscriptions: not "new" for them.
    const res = await quiz(f.branchA, '第一支部党章测试', f.secretaryA);
    assert.equal(res.statusCode, 200, res.body);
    await t.app.notifier.idle();
    assert.equal((await messagesTo(f.memberA1)).filter((m) => m.template_id === T.newQuiz).length, before);

    t.app.clock.offsetMs = 2 * MIN;
    const later = await call('POST', '/api/quizzes', f.secretaryA, {
      title: '第一支部廉政测试',
      kind: 'exam',
      branchId: f.branchA,
      questionIds: bank.map((q) => q.id),
      timeLimitMinutes: 20,
      passMark: 60,
      maxAttempts: 1,
      opensAt: toIso(Date.now() + MIN),
      closesAt: inFuture(60 * 24),
    });
    assert.equal(later.statusCode, 200, later.body);
    await tick();
    const toA1 = (await messagesTo(f.memberA1)).filter((m) => m.template_id === T.newQuiz);
    assert.equal(toA1.length, before + 1);
    assert.equal(toA1.at(-1)?.data.thing4?.value, '第一支部廉政测试');
    assert.equal((await messagesTo(f.memberB1)).length, 0, 'a branch A quiz is not for branch B');

    const orgWide = await call('POST', '/api/quizzes', f.admin, {
      title: '全委党史测试',
      kind: 'exam',
      branchId: null,
      questionIds: bank.map((q) => q.id),
      timeLimitMinutes: 20,
      passMark: 60,
      maxAttempts: 1,
      opensAt: toIso(Date.now() + MIN),
      closesAt: inFuture(60 * 24),
    });
    assert.equal(orgWide.statusCode, 200, orgWide.body);
    await tick();
    assert.deepEqual(
      (await messagesTo(f.memberB1)).map((m) => m.data.thing4?.value),
      ['全委党史测试'],
    );
    assert.equal(
      (await messagesTo(f.memberA1)).filter((m) => m.template_id === T.newQuiz).length,
      before + 1,
      "A1's one-time subscription was used by the first quiz",
    );
  });

  test('a member withdraws a pending subscription; only their own; nothing is sent after', async () => {
    const recordId = await volunteerRecord(f.retiredA3);
    await acceptInWechat(f.retiredA3, T.reviewResult);
    const sub = (await call('POST', `/api/volunteer/records/${recordId}/result-subscription`, f.retiredA3)).json();
    const byOther = await call('DELETE', `/api/me/subscriptions/${sub.id}`, f.memberA1);
    assert.equal(byOther.statusCode, 403);
    const bySecretary = await call('DELETE', `/api/me/subscriptions/${sub.id}`, f.secretaryA);
    assert.equal(bySecretary.statusCode, 403);
    assert.equal(await statusOf(sub.id), 'pending');
    const mine = await call('DELETE', `/api/me/subscriptions/${sub.id}`, f.retiredA3);
    assert.equal(mine.statusCode, 204, mine.body);
    assert.equal(await statusOf(sub.id), 'withdrawn');
    const twice = await call('DELETE', `/api/me/subscriptions/${sub.id}`, f.retiredA3);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'SUBSCRIPTION_FINISHED');
    assert.equal((await call('DELETE', '/api/me/subscriptions/999999', f.retiredA3)).statusCode, 404);

    await call('POST', `/api/volunteer/records/${recordId}/approve`, f.secretaryA);
    await t.app.notifier.idle();
    assert.equal((await messagesTo(f.retiredA3)).filter((m) => m.template_id === T.reviewResult).length, 0);
    const list = (await call('GET', '/api/me/subscriptions', f.retiredA3)).json();
    assert.ok(list.items.some((i: { id: number; status: string }) => i.id === sub.id && i.status === 'withdrawn'));
    assert.equal(
      (await call('GET', '/api/me/subscriptions', f.memberA1))
        .json()
        .items.some((i: { id: number }) => i.id === sub.id),
      false,
      'nobody else sees it',
    );
  });

  test('two senders at once deliver a subscription once', async () => {
    const activityId = await activityIn(30, '双进程测试');
    await acceptInWechat(f.memberA1, T.activityReminder);
    await acceptInWechat(f.memberA1, T.activityReminder);
    // Kept without the route's immediate kick, so both senders find it due.
    const [row] = await t.handle.db
      .insertInto('subscriptions')
      .values({
        org_id: f.orgId,
        member_id: f.memberA1,
        kind: 'activity_reminder',
        target_type: 'activity',
        target_id: activityId,
        template_id: T.activityReminder,
        status: 'pending',
        created_at: Date.now(),
        claimed_at: null,
        finished_at: null,
      })
      .returning('id')
      .execute();
    const messenger = () =>
      new WechatMessenger(
        { wechatApiBase: wechat.baseUrl, wechatAppId: 'wx-demo-appid', wechatAppSecret: 'demo-secret' },
        'developer',
      );
    const senders = [0, 1].map(() => new Notifier(t.handle.db, subscribeConfig, t.app.clock, messenger(), t.app.log));
    const [a, b] = await Promise.all(senders.map((n) => n.tick()));
    assert.equal(a!.sent + b!.sent, 1);
    assert.equal((await messagesTo(f.memberA1)).filter((m) => m.data.thing1?.value === '双进程测试').length, 1);
    assert.equal(await statusOf(row!.id), 'sent');
  });

  test('without an access token (a wrong secret) nothing is sent and the subscription waits', async () => {
    const activityId = await activityIn(30, '令牌测试');
    await acceptInWechat(f.memberA2, T.activityReminder);
    const [row] = await t.handle.db
      .insertInto('subscriptions')
      .values({
        org_id: f.orgId,
        member_id: f.memberA2,
        kind: 'activity_reminder',
        target_type: 'activity',
        target_id: activityId,
        template_id: T.activityReminder,
        status: 'pending',
        created_at: Date.now(),
        claimed_at: null,
        finished_at: null,
      })
      .returning('id')
      .execute();
    const broken = new Notifier(
      t.handle.db,
      subscribeConfig,
      t.app.clock,
      new WechatMessenger(
        { wechatApiBase: wechat.baseUrl, wechatAppId: 'wx-demo-appid', wechatAppSecret: 'wrong-secret' },
        'developer',
      ),
      t.app.log,
    );
    assert.equal((await broken.tick()).unavailable, 1);
    assert.equal(await statusOf(row!.id), 'pending');
    const [send] = await sendsOf(row!.id);
    assert.equal(send?.outcome, 'unavailable');
    assert.match(send?.errmsg ?? '', /40125/);
    assert.equal((await tick()).sent, 1, 'the app, with the right secret, sends it');
    assert.equal(await statusOf(row!.id), 'sent');
  });

  test('a member signed in without WeChat cannot subscribe', async () => {
    const res = await call('POST', '/api/me/subscriptions/new-quiz', f.secretaryB);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'WECHAT_NOT_BOUND');
  });
});

describe('subscribe messages switched off', () => {
  test('without template ids the feature is off and says so', async () => {
    const t = await openTestApp();
    try {
      const f = await buildOrgFixture(t.handle.db);
      const headers = await bearer(t.handle.db, f.memberA1);
      const list = await t.app.inject({ method: 'GET', url: '/api/me/subscriptions', headers });
      assert.deepEqual(list.json().templates, { activityReminder: null, reviewResult: null, newQuiz: null });
      const res = await t.app.inject({ method: 'POST', url: '/api/me/subscriptions/new-quiz', headers });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'SUBSCRIPTIONS_OFF');
      assert.match(res.json().message, /尚未开通/);
      assert.equal(t.app.notifier.enabled, false);
    } finally {
      await t.close();
    }
  });

  test('template ids are checked at start-up', () => {
    assert.throws(() => loadConfig({ WECHAT_TEMPLATE_NEW_QUIZ: 'bad id!' }), ConfigError);
    assert.throws(() => loadConfig({ REMINDER_LEAD_MINUTES: '0' }), ConfigError);
    const config = loadConfig({
      WECHAT_TEMPLATE_NEW_QUIZ: 'AbCdEfGh12345678',
      WECHAT_TEMPLATE_REVIEW_RESULT: 'Xy_z-98765432:thing2,phrase7,thing9',
      REMINDER_LEAD_MINUTES: '30',
    });
    assert.deepEqual(config.subscribe.templates.newQuiz, {
      id: 'AbCdEfGh12345678',
      keys: ['thing1', 'time2', 'thing3'],
    });
    assert.deepEqual(config.subscribe.templates.reviewResult?.keys, ['thing2', 'phrase7', 'thing9']);
    assert.equal(config.subscribe.templates.activityReminder, null);
    assert.equal(config.subscribe.reminderLeadMs, 30 * MIN);
  });
});
