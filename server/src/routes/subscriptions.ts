// Opt-in reminders: a member keeps a one-time subscription right after accepting it in WeChat
// (wx.requestSubscribeMessage), lists them and withdraws them in 我的. Sending is notify/notifier.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import { MySubscriptions, Subscription, SubscriptionParams } from '../contract/subscriptions.js';
import { actorOf } from '../plugins/guard.js';
import {
  checkActivityReminder,
  checkPendingDecision,
  listSubscriptions,
  subscribe,
  templateIds,
  withdraw,
} from '../notify/subscriptions.js';

const created = { 200: Subscription, 409: ErrorBody, ...guardedErrors };

const subscriptions: FastifyPluginAsyncTypebox = async (app) => {
  const config = app.config.subscribe;

  app.get(
    '/me/subscriptions',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['me'],
        summary: '我的消息提醒：等待发送的一次性订阅与最近的发送结果，以及可订阅的模板',
        response: { 200: MySubscriptions, ...guardedErrors },
      },
    },
    async (request) => ({
      templates: templateIds(config),
      reminderLeadMinutes: Math.round(config.reminderLeadMs / 60_000),
      items: await listSubscriptions(app.db, actorOf(request).memberId),
    }),
  );

  app.delete(
    '/me/subscriptions/:subscriptionId',
    {
      config: { access: { roles: ['member'], scope: 'subscription', relation: 'own' } },
      schema: {
        tags: ['me'],
        summary: '取消一条等待发送的消息提醒',
        params: SubscriptionParams,
        response: { 204: Type.Null(), 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await withdraw(app.db, request.target.subscription!.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/subscriptions/new-quiz',
    {
      config: { access: { roles: ['member'] } },
      schema: { tags: ['me'], summary: '有新答题时通知我（一次）', response: created },
    },
    async (request) => subscribe(app.db, config, actorOf(request), 'new_quiz', null),
  );

  app.post(
    '/activities/:id/reminder',
    {
      config: { access: { roles: ['member'], scope: 'activity', relation: 'audienceOrManage' } },
      schema: {
        tags: ['activities'],
        summary: '开始前提醒我（一次；仅限本活动的参加人员，活动开始前）',
        params: IdParams,
        response: created,
      },
    },
    async (request) => {
      const activity = request.target.activity!;
      checkActivityReminder(activity);
      const result = await subscribe(app.db, config, actorOf(request), 'activity_reminder', {
        type: 'activity',
        id: activity.id,
      });
      // Subscribed inside the lead time: the reminder goes out now rather than at the next minute.
      app.notifier.kick();
      return result;
    },
  );

  app.post(
    '/volunteer/records/:id/result-subscription',
    {
      config: { access: { roles: ['member'], scope: 'volunteerRecord', relation: 'own' } },
      schema: {
        tags: ['volunteer'],
        summary: '审核结果通知我（一次；仅限本人待审核的记录）',
        params: IdParams,
        response: created,
      },
    },
    async (request) => {
      const record = request.target.volunteerRecord!;
      checkPendingDecision(record.status);
      return subscribe(app.db, config, actorOf(request), 'review_result', { type: 'volunteer', id: record.id });
    },
  );

  app.post(
    '/objections/:id/result-subscription',
    {
      config: { access: { roles: ['member'], scope: 'objection', relation: 'own' } },
      schema: {
        tags: ['points'],
        summary: '处理结果通知我（一次；仅限本人待处理的异议）',
        params: IdParams,
        response: created,
      },
    },
    async (request) => {
      const objection = request.target.objection!;
      checkPendingDecision(objection.status);
      return subscribe(app.db, config, actorOf(request), 'review_result', { type: 'objection', id: objection.id });
    },
  );
};

export default subscriptions;
