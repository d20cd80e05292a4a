import type { Db } from '../db/index.js';
import type { LedgerRow } from '../db/schema.js';
import type { LedgerEntry, SourceType } from '../contract/points.js';
import { toIso, yearOf } from '../lib/time.js';
import { loadRules } from './service.js';

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
  const [rules, reversals, titles] = await Promise.all([
    loadRules(db, rows[0]!.org_id),
    db.selectFrom('points_ledger').select(['id', 'reverses_entry_id']).where('reverses_entry_id', 'in', ids).execute(),
    sourceTitles(db, rows),
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
    reversesEntryId: r.reverses_entry_id,
    reversedByEntryId: reversedBy.get(r.id) ?? null,
    correctsEntryId: r.corrects_entry_id,
    actorId: r.actor_id,
    occurredAt: toIso(r.source_type === 'reversal' ? r.created_at : r.occurred_at),
  }));
}

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
    for (const v of records) titles.set(`volunteer_record:${v.id}`, `${v.served_on} ${v.category} ${v.hours} 小时`);
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
      .orderBy('id', 'desc')
      .limit(query.limit ?? 30)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await presentEntries(db, rows), total: Number(count.n) };
}
