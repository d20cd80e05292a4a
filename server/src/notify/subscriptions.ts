// Members' one-time subscriptions to reminders (WeChat subscribe messages). Voluntary by design:
// a subscription is only ever made by the member's own tap (the mini-program asks WeChat with
// `wx.requestSubscribeMessage` first), one accepted subscription allows one message, and the
// member sees and withdraws them in 我的. The sending is in notifier.ts.
import type { Actor } from '../auth/actor.js';
import type { AppConfig, SubscribeKindName } from '../config.js';
import type { Db } from '../db/index.js';
import type { SubscriptionKind, SubscriptionTable } from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import { toIso } from '../lib/time.js';
import type { Selectable } from 'kysely';

export const KIND_CONFIG: Record<SubscriptionKind, SubscribeKindName> = {
  activity_reminder: 'activityReminder',
  review_result: 'reviewResult',
  new_quiz: 'newQuiz',
};

type TargetType = 'activity' | 'volunteer' | 'objection';

export interface SubscriptionView {
  id: number;
  kind: SubscriptionKind;
  targetType: TargetType | null;
  targetId: number | null;
  /** What the member will be told about, in words: "活动开始提醒：主题党日…". */
  title: string;
  status: Selectable<SubscriptionTable>['status'];
  createdAt: string;
  finishedAt: string | null;
}

const subscriptionsOff = (what: string) =>
  conflict('SUBSCRIPTIONS_OFF', `本单位尚未开通“${what}”消息提醒，请联系管理员`);
const KIND_LABEL: Record<SubscriptionKind, string> = {
  activity_reminder: '活动开始提醒',
  review_result: '审核结果通知',
  new_quiz: '新答题通知',
};

/** The template ids the mini-program asks WeChat for (null: that kind is off). */
export function templateIds(config: AppConfig['subscribe']) {
  return {
    activityReminder: config.templates.activityReminder?.id ?? null,
    reviewResult: config.templates.reviewResult?.id ?? null,
    newQuiz: config.templates.newQuiz?.id ?? null,
  };
}

/**
 * Keeps a subscription the member just accepted in WeChat. One pending subscription per member,
 * kind and target: accepting again returns the one already kept. Needs the member's WeChat
 * binding (the message goes to that openid).
 */
export async function subscribe(
  db: Db,
  config: AppConfig['subscribe'],
  actor: Actor,
  kind: SubscriptionKind,
  target: { type: TargetType; id: number } | null,
  now = Date.now(),
): Promise<SubscriptionView> {
  const template = config.templates[KIND_CONFIG[kind]];
  if (!template) throw subscriptionsOff(KIND_LABEL[kind]);
  const binding = await db
    .selectFrom('wechat_bindings')
    .select('openid')
    .where('member_id', '=', actor.memberId)
    .executeTakeFirst();
  if (!binding) {
    throw conflict('WECHAT_NOT_BOUND', '消息提醒需要在微信小程序中登录后开启');
  }
  let query = db
    .selectFrom('subscriptions')
    .select('id')
    .where('member_id', '=', actor.memberId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending');
  query = target
    ? query.where('target_type', '=', target.type).where('target_id', '=', target.id)
    : query.where('target_id', 'is', null);
  const existing = await query.executeTakeFirst();
  const id =
    existing?.id ??
    (
      await db
        .insertInto('subscriptions')
        .values({
          org_id: actor.orgId,
          member_id: actor.memberId,
          kind,
          target_type: target?.type ?? null,
          target_id: target?.id ?? null,
          template_id: template.id,
          status: 'pending',
          created_at: now,
          claimed_at: null,
          finished_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const [view] = await listSubscriptions(db, actor.memberId, { ids: [id] });
  return view!;
}

/** An activity reminder is for an invitee of a scheduled activity that has not begun. */
export function checkActivityReminder(
  activity: { status: string; starts_at: number; mine: { invited: boolean } },
  now = Date.now(),
): void {
  if (!activity.mine.invited) throw new AppError(403, 'NOT_INVITED', '您不在本次活动的参加人员名单中');
  if (activity.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED', '活动已取消');
  if (activity.status !== 'scheduled' || activity.starts_at <= now) {
    throw conflict('ACTIVITY_STARTED', '活动已经开始，无需再提醒');
  }
}

/** An outcome can be told only while it is still to be decided. */
export function checkPendingDecision(status: string): void {
  if (status !== 'pending') throw conflict('ALREADY_DECIDED', '已有审核结果，可在记录中查看');
}

/** The member's pending subscriptions and the last 20 that ended, newest first. */
export async function listSubscriptions(
  db: Db,
  memberId: number,
  filter: { ids?: number[] } = {},
): Promise<SubscriptionView[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .leftJoin('activities as a', (join) => join.onRef('a.id', '=', 's.target_id').on('s.target_type', '=', 'activity'))
    .leftJoin('volunteer_records as v', (join) =>
      join.onRef('v.id', '=', 's.target_id').on('s.target_type', '=', 'volunteer'),
    )
    .select([
      's.id',
      's.kind',
      's.target_type',
      's.target_id',
      's.status',
      's.created_at',
      's.finished_at',
      'a.title as activity_title',
      'v.served_on',
      'v.hours',
    ])
    .where('s.member_id', '=', memberId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc');
  if (filter.ids) query = query.where('s.id', 'in', filter.ids);
  const rows = await query.execute();
  const pending = rows.filter((r) => r.status === 'pending' || r.status === 'claimed');
  const ended = rows.filter((r) => r.status !== 'pending' && r.status !== 'claimed').slice(0, 20);
  return [...pending, ...ended].map((r) => ({
    id: r.id,
    kind: r.kind,
    targetType: r.target_type,
    targetId: r.target_id,
    title: describe(r),
    status: r.status,
    createdAt: toIso(r.created_at),
    finishedAt: r.finished_at === null ? null : toIso(r.finished_at),
  }));
}

function describe(row: {
  kind: SubscriptionKind;
  target_type: string | null;
  activity_title: string | null;
  served_on: string | null;
  hours: number | null;
}): string {
  if (row.kind === 'activity_reminder') return `${KIND_LABEL[row.kind]}：${row.activity_title ?? '活动'}`;
  if (row.kind === 'new_quiz') return '有新答题时通知我（一次）';
  if (row.target_type === 'volunteer') {
    return `${KIND_LABEL[row.kind]}：${row.served_on ?? ''} 志愿服务 ${Number(row.hours ?? 0)} 小时`.trim();
  }
  return `${KIND_LABEL[row.kind]}：积分异议`;
}

/** Withdraws a pending subscription (the guard has checked it is the caller's own). */
export async function withdraw(db: Db, id: number, now = Date.now()): Promise<void> {
  const result = await db
    .updateTable('subscriptions')
    .set({ status: 'withdrawn', finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw conflict('SUBSCRIPTION_FINISHED', '这条提醒已发送或已结束，无法取消');
  }
}
