// Sends what members subscribed to, and nothing else. One loop (`tick`) finds the subscriptions
// whose moment has come, runs every minute in-process, and runs at once after a decision that may
// make one due (a volunteer review, an objection, a new quiz: `kick()`, called after the commit).
// Because the loop reads committed rows, a crash between a decision and its message loses
// nothing: the next tick sends it.
//
// Never twice: each subscription is claimed with a conditional update (pending -> claimed) before
// WeChat is called, so two processes (or two ticks) cannot both send it. A claim that never ended
// (the process died mid-send) is closed as failed after ten minutes, not sent again: WeChat may
// have delivered it.
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig, TemplateConfig } from '../config.js';
import type { Db } from '../db/index.js';
import type { SubscriptionKind } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { cst } from '../lib/time.js';
import { KIND_CONFIG } from './subscriptions.js';
import type { SendOutcome, WechatMessenger } from './wechat.js';

const STALE_CLAIM_MS = 10 * 60 * 1000;

interface Due {
  subscriptionId: number;
  memberId: number;
  kind: SubscriptionKind;
  targetType: string | null;
  targetId: number | null;
  templateId: string;
  page: string;
  /** The three field values, in the order of the template's keys. */
  values: [string, string, string];
}

export interface TickSummary {
  sent: number;
  refused: number;
  quota: number;
  unavailable: number;
  failed: number;
  expired: number;
}

/** WeChat's `thing` fields take 20 characters, `phrase` 5. */
const thing = (text: string) => {
  const clean = text.replace(/\s+/g, ' ').trim() || '—';
  return [...clean].length > 20 ? `${[...clean].slice(0, 19).join('')}…` : clean;
};
const time = (ms: number) => cst(ms).format('YYYY年MM月DD日 HH:mm');
const OBJECTION_OUTCOME: Record<string, string> = { reversed: '已冲正', adjusted: '已调整', rejected: '未采纳' };

export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickSummary> | null = null;
  private again = false;
  private readonly pendingKicks = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly config: AppConfig['subscribe'],
    private readonly clock: Clock,
    private readonly messenger: WechatMessenger,
    private readonly log: FastifyBaseLogger,
  ) {}

  get enabled(): boolean {
    return Object.values(this.config.templates).some((t) => t !== null);
  }

  start(intervalMs = 60_000): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Runs a tick soon (after the current one, if one is running); never throws. */
  kick(): void {
    if (!this.enabled) return;
    const work = this.tick().catch((error) => this.log.error({ err: error }, 'subscribe messages: tick failed'));
    this.pendingKicks.add(work);
    void work.finally(() => this.pendingKicks.delete(work));
  }

  /** Resolves once every kicked tick has finished (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.pendingKicks.size > 0 || this.running) {
      await Promise.allSettled([...this.pendingKicks, this.running]);
    }
  }

  /** One pass over everything due. Ticks in one process run one after another. */
  async tick(): Promise<TickSummary> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: TickSummary = { sent: 0, refused: 0, quota: 0, unavailable: 0, failed: 0, expired: 0 };
      do {
        this.again = false;
        const summary = await this.pass();
        for (const key of Object.keys(total) as Array<keyof TickSummary>) total[key] += summary[key];
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<TickSummary> {
    const now = this.clock.now();
    const summary: TickSummary = { sent: 0, refused: 0, quota: 0, unavailable: 0, failed: 0, expired: 0 };
    summary.expired = await this.closeStale(now);
    const due = [...(await this.dueReminders(now)), ...(await this.dueOutcomes()), ...(await this.dueQuizzes(now))];
    for (const item of due) {
      const outcome = await this.deliver(item, now);
      if (outcome) summary[outcome] += 1;
    }
    if (due.length > 0) this.log.info({ ...summary }, 'subscribe messages sent');
    return summary;
  }

  private template(kind: SubscriptionKind): TemplateConfig | null {
    return this.config.templates[KIND_CONFIG[kind]];
  }

  /** Claims left behind by a crash end as failed; reminders whose activity began or was cancelled expire. */
  private async closeStale(now: number): Promise<number> {
    await this.db
      .updateTable('subscriptions')
      .set({ status: 'failed', finished_at: now })
      .where('status', '=', 'claimed')
      .where('claimed_at', '<', now - STALE_CLAIM_MS)
      .execute();
    const result = await this.db
      .updateTable('subscriptions')
      .set({ status: 'expired', finished_at: now })
      .where('status', '=', 'pending')
      .where('kind', '=', 'activity_reminder')
      .where((eb) =>
        eb(
          'target_id',
          'in',
          eb
            .selectFrom('activities')
            .select('id')
            .where((a) => a.or([a('status', '!=', 'scheduled'), a('starts_at', '<=', now)])),
        ),
      )
      .executeTakeFirst();
    const withdrawn = await this.db
      .updateTable('subscriptions')
      .set({ status: 'expired', finished_at: now })
      .where('status', '=', 'pending')
      .where('target_type', '=', 'objection')
      .where((eb) =>
        eb('target_id', 'in', eb.selectFrom('points_objections').select('id').where('status', '=', 'withdrawn')),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) + Number(withdrawn.numUpdatedRows);
  }

  private async dueReminders(now: number): Promise<Due[]> {
    if (!this.template('activity_reminder')) return [];
    const rows = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('activities as a', 'a.id', 's.target_id')
      // Still invited when the reminder goes out (the audience may have changed).
      .innerJoin('activity_invitees as i', (join) =>
        join.onRef('i.activity_id', '=', 'a.id').onRef('i.member_id', '=', 's.member_id'),
      )
      .select(['s.id', 's.member_id', 's.template_id', 'a.id as activity_id', 'a.title', 'a.place', 'a.starts_at'])
      .where('s.status', '=', 'pending')
      .where('s.kind', '=', 'activity_reminder')
      .where('s.target_type', '=', 'activity')
      .where('a.status', '=', 'scheduled')
      .where('a.starts_at', '>', now)
      .where('a.starts_at', '<=', now + this.config.reminderLeadMs)
      .execute();
    return rows.map((r) => ({
      subscriptionId: r.id,
      memberId: r.member_id,
      kind: 'activity_reminder',
      targetType: 'activity',
      targetId: r.activity_id,
      templateId: r.template_id,
      page: `packages/activities/pages/detail/index?id=${r.activity_id}`,
      values: [thing(r.title), time(r.starts_at), thing(r.place || '见活动详情')],
    }));
  }

  private async dueOutcomes(): Promise<Due[]> {
    if (!this.template('review_result')) return [];
    const volunteer = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('volunteer_records as v', 'v.id', 's.target_id')
      .select(['s.id', 's.member_id', 's.template_id', 'v.id as record_id', 'v.hours', 'v.status', 'v.reject_reason'])
      .where('s.status', '=', 'pending')
      .where('s.kind', '=', 'review_result')
      .where('s.target_type', '=', 'volunteer')
      .where('v.status', 'in', ['approved', 'rejected'])
      .whereRef('v.decided_at', '>=', 's.created_at')
      .execute();
    const objections = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('points_objections as o', 'o.id', 's.target_id')
      .select(['s.id', 's.member_id', 's.template_id', 'o.id as objection_id', 'o.status', 'o.resolution_note'])
      .where('s.status', '=', 'pending')
      .where('s.kind', '=', 'review_result')
      .where('s.target_type', '=', 'objection')
      // A withdrawal is the member's own doing: nothing to tell them (closeStale ends it).
      .where('o.status', 'not in', ['pending', 'withdrawn'])
      .whereRef('o.resolved_at', '>=', 's.created_at')
      .execute();
    return [
      ...volunteer.map((r): Due => ({
        subscriptionId: r.id,
        memberId: r.member_id,
        kind: 'review_result',
        targetType: 'volunteer',
        targetId: r.record_id,
        templateId: r.template_id,
        page: `packages/volunteer/pages/record/index?id=${r.record_id}`,
        values: [
          thing(`志愿服务 ${Number(r.hours)} 小时`),
          r.status === 'approved' ? '已通过' : '已退回',
          thing(r.status === 'approved' ? '积分已按规则计入' : `退回理由：${r.reject_reason ?? ''}`),
        ],
      })),
      ...objections.map((r): Due => ({
        subscriptionId: r.id,
        memberId: r.member_id,
        kind: 'review_result',
        targetType: 'objection',
        targetId: r.objection_id,
        templateId: r.template_id,
        page: 'packages/points/pages/mine/index',
        values: ['积分异议', OBJECTION_OUTCOME[r.status] ?? '已处理', thing(r.resolution_note ?? '详见我的积分')],
      })),
    ];
  }

  /** A quiz that opened after the member subscribed, in their audience (their branch or the whole org). */
  private async dueQuizzes(now: number): Promise<Due[]> {
    if (!this.template('new_quiz')) return [];
    const rows = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .innerJoin('quizzes as q', (join) => join.onRef('q.org_id', '=', 'm.org_id'))
      .select(['s.id', 's.member_id', 's.template_id', 'q.id as quiz_id', 'q.title', 'q.closes_at', 'q.opens_at'])
      .where('s.status', '=', 'pending')
      .where('s.kind', '=', 'new_quiz')
      .where('m.active', '=', 1)
      .where('m.branch_id', 'is not', null)
      .where((eb) => eb.or([eb('q.branch_id', 'is', null), eb('q.branch_id', '=', eb.ref('m.branch_id'))]))
      .whereRef('q.opens_at', '>', 's.created_at')
      .where('q.opens_at', '<=', now)
      .where('q.closes_at', '>', now)
      .orderBy('q.opens_at')
      .orderBy('q.id')
      .execute();
    const first = new Map<number, (typeof rows)[number]>();
    for (const row of rows) if (!first.has(row.id)) first.set(row.id, row);
    return [...first.values()].map((r) => ({
      subscriptionId: r.id,
      memberId: r.member_id,
      kind: 'new_quiz',
      targetType: null,
      targetId: r.quiz_id,
      templateId: r.template_id,
      page: 'pages/study/index',
      values: [thing(r.title), time(r.closes_at), '自愿参加，点击查看'],
    }));
  }

  /** Claims one subscription, sends it and records the outcome; null when another pass got it first. */
  private async deliver(item: Due, now: number): Promise<SendOutcome['outcome'] | null> {
    const claim = await this.db
      .updateTable('subscriptions')
      .set({ status: 'claimed', claimed_at: now })
      .where('id', '=', item.subscriptionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return null;

    const template = this.template(item.kind)!;
    const binding = await this.db
      .selectFrom('wechat_bindings')
      .select('openid')
      .where('member_id', '=', item.memberId)
      .executeTakeFirst();
    const result: SendOutcome = binding
      ? await this.messenger.send({
          touser: binding.openid,
          templateId: item.templateId,
          page: item.page,
          data: Object.fromEntries(template.keys.map((key, i) => [key, item.values[i]!])),
        })
      : { outcome: 'failed', errcode: null, errmsg: 'no WeChat binding' };
    // Over the quota, or without a usable access token, WeChat sent nothing: the subscription waits
    // for the next tick.
    const retry = result.outcome === 'quota' || result.outcome === 'unavailable';

    const finished = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('subscriptions')
        .set(
          retry
            ? { status: 'pending', claimed_at: null }
            : { status: result.outcome as 'sent' | 'refused' | 'failed', finished_at: finished },
        )
        .where('id', '=', item.subscriptionId)
        .execute();
      await trx
        .insertInto('subscription_sends')
        .values({
          subscription_id: item.subscriptionId,
          member_id: item.memberId,
          kind: item.kind,
          target_type: item.targetType ?? (item.kind === 'new_quiz' ? 'quiz' : null),
          target_id: item.targetId,
          outcome: result.outcome,
          errcode: result.outcome === 'sent' ? null : result.errcode,
          errmsg: result.outcome === 'sent' ? null : result.errmsg.slice(0, 500),
          created_at: finished,
        })
        .execute();
    });
    if (result.outcome !== 'sent') {
      this.log.warn({ subscriptionId: item.subscriptionId, ...result }, 'subscribe message not sent');
    }
    return result.outcome;
  }
}
