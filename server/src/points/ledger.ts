import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database, LedgerRow } from '../db/schema.js';
import type { LedgerEntry, PointsRules, SourceType } from '../contract/points.js';
import { cst, periodBounds, toIso, yearOf, type CapPeriod } from '../lib/time.js';
import { loadRules } from './service.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The time an entry really happened for the member (the check-in, the approval, the submission,
 * the award): when it was booked. Lists are ordered by it, newest first.
 */
const recordedOrder = sql<number>`created_at`;

/** Ledger entries as members read them: newest first, each with its rule label and source title. */
export async function listLedger(
  db: Db,
  filter: { memberId: number; year: number; limit: number; offset?: number },
): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('points_ledger')
    .selectAll()
    .where('member_id', '=', filter.memberId)
    .where('year', '=', filter.year)
    .orderBy(recordedOrder, 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return presentEntries(db, rows);
}

export async function ledgerEntryById(db: Db, id: number): Promise<LedgerEntry> {
  const rows = await db.selectFrom('points_ledger').selectAll().where('id', '=', id).execute();
  const [entry] = await presentEntries(db, rows);
  if (!entry) throw new Error(`ledger entry ${id} vanished`);
  return entry;
}

export async function presentEntries(db: Db, rows: LedgerRow[]): Promise<LedgerEntry[]> {
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.id);
  const [rules, reversals, titles, caps] = await Promise.all([
    loadRules(db, rows[0]!.org_id),
    db.selectFrom('points_ledger').select(['id', 'reverses_entry_id']).where('reverses_entry_id', 'in', ids).execute(),
    sourceTitles(db, rows),
    capNotes(db, rows),
  ]);
  const reversedBy = new Map(reversals.map((r) => [r.reverses_entry_id as number, r.id]));
  const labels = new Map(rules.rules.map((r) => [r.code, r.label]));

  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    year: r.year,
    delta: r.delta,
    ruleCode: r.rule_code,
    ruleLabel:
      r.source_type === 'reversal'
        ? `冲正：${labels.get(r.rule_code) ?? r.rule_code}`
        : (labels.get(r.rule_code) ?? r.rule_code),
    ruleVersion: r.rule_version,
    sourceType: r.source_type as SourceType,
    sourceId: r.source_id,
    sourceTitle: titles.get(`${r.source_type}:${r.source_id}`) ?? null,
    reason: r.reason,
    cappedFrom: r.capped_from,
    capNote: caps.get(r.id) ?? null,
    reversesEntryId: r.reverses_entry_id,
    reversedByEntryId: reversedBy.get(r.id) ?? null,
    correctsEntryId: r.corrects_entry_id,
    actorId: r.actor_id,
    occurredAt: toIso(r.source_type === 'reversal' ? r.created_at : r.occurred_at),
    recordedAt: toIso(r.created_at),
  }));
}

// How a cap group is named to a member; a group not listed here takes its first rule's label.
const CAP_GROUP_LABEL: Record<string, string> = {
  theme_day: '主题党日',
  meetings: '“三会一课”',
  quiz: '考试',
  daily_practice: '每日一练',
  volunteer: '志愿服务',
  award: '表彰奖励',
};
const CAP_LABEL: Record<CapPeriod, string> = { day: '每日上限', month: '每月上限', year: '年度上限' };

/**
 * For each entry a cap cut: the cap that was full once it was booked, in words
 * (志愿服务年度上限 8 分已用满). The longest full period is named, since it binds longest.
 * The rules are those in effect on the entry's date; usage counts the entries booked up to it.
 */
export async function capNotes(
  db: Executor,
  rows: Array<
    Pick<LedgerRow, 'id' | 'org_id' | 'member_id' | 'cap_group' | 'rule_code' | 'occurred_at' | 'capped_from'>
  >,
): Promise<Map<number, string>> {
  const notes = new Map<number, string>();
  for (const r of rows) {
    if (r.capped_from === null) continue;
    const rules: PointsRules = await loadRules(db, r.org_id, r.occurred_at);
    const caps = rules.caps[r.cap_group] ?? {};
    const label =
      CAP_GROUP_LABEL[r.cap_group] ??
      rules.rules.find((rule) => rule.capGroup === r.cap_group)?.label ??
      rules.rules.find((rule) => rule.code === r.rule_code)?.label ??
      r.cap_group;
    for (const period of ['year', 'month', 'day'] as const) {
      const cap = caps[period];
      if (cap === undefined) continue;
      const [from, to] = periodBounds(r.occurred_at, period);
      const used = await db
        .selectFrom('points_ledger')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('used'))
        .where('member_id', '=', r.member_id)
        .where('cap_group', '=', r.cap_group)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .where('id', '<=', r.id)
        .executeTakeFirstOrThrow();
      if (Number(used.used) < cap) continue;
      const when =
        period === 'year'
          ? ''
          : period === 'month'
            ? `，${cst(r.occurred_at).format('M月')}`
            : `，${cst(r.occurred_at).format('M月D日')}`;
      notes.set(r.id, `${label}${CAP_LABEL[period]} ${cap} 分${when}已用满`);
      break;
    }
    // The cap was changed or entries reversed since: say what was cut, without naming a cap.
    if (!notes.has(r.id)) notes.set(r.id, `${label}积分已达上限`);
  }
  return notes;
}

/** 11月28日, the way a served-on date is written to a member. */
const monthDay = (date: string) => {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
};

async function sourceTitles(db: Db, rows: Array<{ source_type: string; source_id: string }>) {
  const idsOf = (type: string) =>
    [...new Set(rows.filter((r) => r.source_type === type).map((r) => Number(r.source_id)))].filter(Number.isInteger);
  const activityIds = idsOf('activity');
  const attemptIds = idsOf('quiz_attempt');
  const volunteerIds = idsOf('volunteer_record');
  const titles = new Map<string, string>();
  if (activityIds.length) {
    for (const a of await db
      .selectFrom('activities')
      .select(['id', 'title'])
      .where('id', 'in', activityIds)
      .execute()) {
      titles.set(`activity:${a.id}`, a.title);
    }
  }
  if (attemptIds.length) {
    const attempts = await db
      .selectFrom('quiz_attempts')
      .innerJoin('quizzes', 'quizzes.id', 'quiz_attempts.quiz_id')
      .select(['quiz_attempts.id', 'quizzes.title'])
      .where('quiz_attempts.id', 'in', attemptIds)
      .execute();
    for (const a of attempts) titles.set(`quiz_attempt:${a.id}`, a.title);
  }
  if (volunteerIds.length) {
    const records = await db
      .selectFrom('volunteer_records')
      .select(['id', 'category', 'served_on', 'hours'])
      .where('id', 'in', volunteerIds)
      .execute();
    for (const v of records)
      titles.set(`volunteer_record:${v.id}`, `${monthDay(v.served_on)} ${v.category} ${Number(v.hours)} 小时`);
  }
  return titles;
}

/** A member's entries of a year, newest first, optionally of one source, with the total count. */
export async function ledgerPage(
  db: Db,
  memberId: number,
  query: { year?: number; sourceType?: string; limit?: number; offset?: number },
) {
  const year = query.year ?? yearOf(Date.now());
  let base = db.selectFrom('points_ledger').where('member_id', '=', memberId).where('year', '=', year);
  if (query.sourceType) base = base.where('source_type', '=', query.sourceType);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(recordedOrder, 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 30)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await presentEntries(db, rows), total: Number(count.n) };
}
