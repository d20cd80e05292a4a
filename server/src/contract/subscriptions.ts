import { Type, type Static } from 'typebox';
import { Id, Instant } from './common.js';

export const SubscriptionKind = Type.Union([
  Type.Literal('activity_reminder'),
  Type.Literal('review_result'),
  Type.Literal('new_quiz'),
]);
export type SubscriptionKind = Static<typeof SubscriptionKind>;

export const Subscription = Type.Object({
  id: Id,
  kind: SubscriptionKind,
  targetType: Type.Union([Type.Literal('activity'), Type.Literal('volunteer'), Type.Literal('objection'), Type.Null()]),
  targetId: Type.Union([Id, Type.Null()]),
  title: Type.String({ description: '提醒的内容，如“活动开始提醒：主题党日”' }),
  status: Type.Union(
    [
      Type.Literal('pending'),
      Type.Literal('claimed'),
      Type.Literal('sent'),
      Type.Literal('refused'),
      Type.Literal('failed'),
      Type.Literal('expired'),
      Type.Literal('withdrawn'),
    ],
    {
      description:
        'pending 等待发送；claimed 正在发送；sent 已发送；refused 微信未送达（已关闭提醒）；failed 发送失败；expired 活动已开始或取消；withdrawn 已取消',
    },
  ),
  createdAt: Instant,
  finishedAt: Type.Union([Instant, Type.Null()]),
});
export type Subscription = Static<typeof Subscription>;

/** The template ids the mini-program passes to wx.requestSubscribeMessage; null: that reminder is off. */
export const SubscribeTemplates = Type.Object({
  activityReminder: Type.Union([Type.String(), Type.Null()]),
  reviewResult: Type.Union([Type.String(), Type.Null()]),
  newQuiz: Type.Union([Type.String(), Type.Null()]),
});
export type SubscribeTemplates = Static<typeof SubscribeTemplates>;

export const MySubscriptions = Type.Object({
  templates: SubscribeTemplates,
  /** How long before an activity starts its reminder goes out, in minutes. */
  reminderLeadMinutes: Type.Integer(),
  /** Pending ones first, then the 20 latest that ended. */
  items: Type.Array(Subscription),
});
export type MySubscriptions = Static<typeof MySubscriptions>;

export const SubscriptionParams = Type.Object({ subscriptionId: Id }, { additionalProperties: false });
