// The points core: every change to a member's points goes through `award` or `reverse`.
// The ledger is append-only (the database refuses UPDATE and DELETE, migration 0007); a
// source pays a rule at most once (unique key); caps are checked and the yearly total
// updated in the same transaction as the entry.
// A closed year (points/years.ts) takes no new entry dated in it, on every path:
// - automatic sources (attendance, quiz, daily practice, approved volunteer service) keep
//   the member's record (the attendance, the result, the hours still count) and pay nothing,
//   `yearClosed: true` in the result saying why;
// - a manual award or deduction is refused with YEAR_CLOSED;
// - a correction (reversal, or an adjustment after an objection) of an entry in a closed year
//   is booked now, in the open year, naming the entry it corrects (`corrects_entry_id`): the
//   closed year's snapshot and its publication stay exactly as closed, and the publication
//   lists the corrections made since (years.ts `publicationsFor`).
// The database refuses an entry dated in a closed year too (trigger, migration 0007).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database, LedgerRow } from '../db/schema.js';
import type { PointsRule, PointsRules, PointsSummary, SourceType } from '../contract/points.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { periodBounds, yearOf, type CapPeriod } from '../lib/time.js';
import { defaultRules, starLevelOf } from './rules.js';
import { applyRankChange } from '../rankings/counts.js';
import { committed } from '../lib/after-commit.js';

type Executor = Kysely<Database> | Transaction<Database>;

export async function inTransaction<T>(db: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : pointsTransaction(db, fn);
}

/**
 * A transaction for work that moves points: after it commits, the after-commit hooks run
 * (the Redis rank mirror copies what changed). `award` and `reverse` refuse to run inside a
 * transaction opened any other way (see lib/after-commit.ts).
 */
export async function pointsTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>) {
  return committed(db, fn);
}

/** True once the organisation has closed the year (a snapshot exists; see years.ts). */
export async function isYearClosed(db: Executor, orgId: number, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('points_years')
    .select('year')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row !== undefined;
}

export const yearClosedError = (year: number) =>
  conflict('YEAR_CLOSED', `${year}年积分已结算，不能再记入该年度；如需更正，请在当前年度冲正或调整`);

/**
 * The rules in effect at `at` (default now): the highest version whose effective date has come.
 * A later publication supersedes one still waiting for its date. An event dated before the
 * first version took effect is judged by the first version. One indexed query, like reading
 * the latest version; the parse is cached below.
 */
export async function loadRules(db: Executor, orgId: number, at = Date.now()): Promise<PointsRules> {
  const row = await db
    .selectFrom('points_rule_sets')
    .select(['version', 'rules'])
    .where('org_id', '=', orgId)
    .orderBy(sql`case when effective_from <= ${at} then version else -version end`, 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { version: 0, ...defaultRules };
  return parsedRules(row.version, row.rules);
}

/**
 * The base score of a year: that of the last version taking effect in or before the year. A
 * change of base mid-year re-bases the whole year (publishRules updates the year's totals).
 */
export async function yearBase(db: Executor, orgId: number, year: number): Promise<number> {
  const [, end] = periodBounds(Date.UTC(year, 6, 1), 'year');
  return (await loadRules(db, orgId, end - 1)).baseScore;
}

// The parse of a stored rule set is kept, keyed by its text (so two databases in one process
// never share an entry): a check-in burst would otherwise parse the same JSON thousands of
// times a second. Callers treat rules as read-only.
const parsed = new Map<string, PointsRules>();
function parsedRules(version: number, json: string): PointsRules {
  const key = `${version}:${json}`;
  let rules = parsed.get(key);
  if (!rules) {
    rules = { ...(JSON.parse(json) as Omit<PointsRules, 'version'>), version };
    if (parsed.size > 200) parsed.clear();
    parsed.set(key, rules);
  }
  return rules;
}

/**
 * Stores a new version of an organisation's rules, in effect from `effectiveFrom` (default:
 * now). Earlier entries keep the version they were paid under. When the base score changes,
 * the open years from the effective date's year on are re-based (see yearBase).
 */
export async function publishRules(
  db: Executor,
  orgId: number,
  rules: Omit<PointsRules, 'version'>,
  actorId: number | null,
  now = Date.now(),
  effectiveFrom = now,
): Promise<PointsRules> {
  const latest = await db
    .selectFrom('points_rule_sets')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const version = Number(latest?.version ?? 0) + 1;
  const fromYear = yearOf(effectiveFrom);
  const baseBefore = version > 1 ? await yearBase(db, orgId, fromYear) : rules.baseScore;
  await db
    .insertInto('points_rule_sets')
    .values({
      org_id: orgId,
      version,
      rules: JSON.stringify(rules),
      created_by: actorId,
      created_at: now,
      effective_from: effectiveFrom,
    })
    .execute();
  if (baseBefore !== rules.baseScore) {
    await db
      .updateTable('points_totals')
      .set({ base: rules.baseScore, updated_at: now })
      .where('org_id', '=', orgId)
      .where('year', '>=', fromYear)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('points_years')
              .select('year')
              .whereRef('points_years.org_id', '=', 'points_totals.org_id')
              .whereRef('points_years.year', '=', 'points_totals.year'),
          ),
        ),
      )
      .execute();
  }
  return { ...rules, version };
}

export function findRule(rules: PointsRules, code: string): PointsRule {
  const rule = rules.rules.find((r) => r.code === code);
  if (!rule) throw new AppError(500, 'POINTS_RULE_MISSING', `积分规则 ${code} 未配置`);
  return rule;
}

export interface AwardInput {
  memberId: number;
  ruleCode: string;
  sourceType: Exclude<SourceType, 'reversal'>;
  sourceId: string | number;
  occurredAt: number;
  /** Multiplies the rule's points (full hours of volunteer service). Default 1. */
  units?: number;
  /** For manual rules (award, deduction): the amount chosen, checked against the rule's min/max. */
  delta?: number;
  reason?: string | null;
  actorId?: number | null;
  /** `clamp` (automatic awards) pays what the cap leaves; `reject` (manual awards) refuses instead. */
  onCap?: 'clamp' | 'reject';
  /** The member's organisation's rules, when the caller already loaded them in this transaction. */
  rules?: PointsRules;
  /** For a correction (an objection's adjustment): the entry it corrects. */
  correctsEntryId?: number | null;
  now?: number;
}

export interface AwardResult {
  entry: LedgerRow | null;
  /** False when the source had already been paid: the first entry is returned. */
  created: boolean;
  /** True when nothing was paid because the year of `occurredAt` is closed (automatic sources). */
  yearClosed?: boolean;
}

const PERIODS: CapPeriod[] = ['day', 'month', 'year'];
const PERIOD_LABEL: Record<CapPeriod, string> = { day: '今日', month: '本月', year: '本年度' };

async function lockTotals(
  trx: Transaction<Database>,
  memberId: number,
  year: number,
  now: number,
  known?: { org_id: number; branch_id: number | null },
) {
  const member =
    known ??
    (await trx.selectFrom('members').select(['org_id', 'branch_id']).where('id', '=', memberId).executeTakeFirst());
  if (!member) throw notFound('党员');
  // Taking the row lock here serialises concurrent awards to one member on PostgreSQL,
  // so the cap check below sees every earlier entry (SQLite serialises writers anyway).
  const lock = () =>
    trx
      .updateTable('points_totals')
      .set({ updated_at: now })
      .where('member_id', '=', memberId)
      .where('year', '=', year)
      .executeTakeFirst();
  if (Number((await lock()).numUpdatedRows) > 0) return member;
  await trx
    .insertInto('points_totals')
    .values({
      member_id: memberId,
      year,
      org_id: member.org_id,
      branch_id: member.branch_id,
      base: await yearBase(trx, member.org_id, year),
      earned: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['member_id', 'year']).doNothing())
    .execute();
  await lock();
  return member;
}

export async function award(db: Db | Transaction<Database>, input: AwardInput): Promise<AwardResult> {
  const now = input.now ?? Date.now();
  const sourceId = String(input.sourceId);
  return inTransaction(db, async (trx) => {
    const memberRow = await trx
      .selectFrom('members')
      .select(['org_id', 'branch_id'])
      .where('id', '=', input.memberId)
      .executeTakeFirst();
    if (!memberRow) throw notFound('党员');
    const rules = input.rules ?? (await loadRules(trx, memberRow.org_id, input.occurredAt));
    const rule = findRule(rules, input.ruleCode);

    let delta: number;
    if (input.delta !== undefined) {
      const min = rule.min ?? rule.points;
      const max = rule.max ?? rule.points;
      if (!Number.isInteger(input.delta) || input.delta < min || input.delta > max) {
        throw badRequest('POINTS_OUT_OF_RANGE', `${rule.label}每次须在 ${min} 至 ${max} 分之间`);
      }
      delta = input.delta;
    } else {
      delta = rule.points * Math.floor(input.units ?? 1);
    }
    if (delta === 0) return { entry: null, created: false };

    const year = yearOf(input.occurredAt);
    const member = await lockTotals(trx, input.memberId, year, now, memberRow);
    // Checked under the lock, so two racing requests for one source cannot both pay.
    const existing = await trx
      .selectFrom('points_ledger')
      .selectAll()
      .where('member_id', '=', input.memberId)
      .where('rule_code', '=', input.ruleCode)
      .where('source_type', '=', input.sourceType)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    if (existing) return { entry: existing, created: false };
    // Checked under the totals lock, which closing a year takes too (years.ts): an award that
    // got here first is in the snapshot, one that comes after sees the year closed.
    if (await isYearClosed(trx, member.org_id, year)) {
      if (input.sourceType === 'manual') throw yearClosedError(year);
      return { entry: null, created: false, yearClosed: true };
    }

    let cappedFrom: number | null = null;
    if (delta > 0) {
      const caps = rules.caps[rule.capGroup] ?? {};
      let allowed = delta;
      let tightest: CapPeriod | null = null;
      for (const period of PERIODS) {
        const cap = caps[period];
        if (cap === undefined) continue;
        const [from, to] = periodBounds(input.occurredAt, period);
        const used = await trx
          .selectFrom('points_ledger')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('used'))
          .where('member_id', '=', input.memberId)
          .where('cap_group', '=', rule.capGroup)
          .where('occurred_at', '>=', from)
          .where('occurred_at', '<', to)
          .executeTakeFirstOrThrow();
        const left = Math.max(0, cap - Number(used.used));
        if (left < allowed) {
          allowed = left;
          tightest = period;
        }
      }
      if (allowed < delta) {
        if (input.onCap === 'reject') {
          throw conflict(
            'POINTS_CAP_REACHED',
            `${rule.label}${PERIOD_LABEL[tightest ?? 'year']}已达上限，最多还可加 ${allowed} 分`,
          );
        }
        cappedFrom = delta;
        delta = allowed;
      }
    }

    const entry = await trx
      .insertInto('points_ledger')
      .values({
        org_id: member.org_id,
        branch_id: member.branch_id,
        member_id: input.memberId,
        year,
        delta,
        capped_from: cappedFrom,
        rule_code: rule.code,
        cap_group: rule.capGroup,
        rule_version: rules.version,
        source_type: input.sourceType,
        source_id: sourceId,
        reason: input.reason ?? null,
        actor_id: input.actorId ?? null,
        reverses_entry_id: null,
        corrects_entry_id: input.correctsEntryId ?? null,
        occurred_at: input.occurredAt,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (delta !== 0) {
      await addToTotal(trx, input.memberId, year, delta, now);
      await applyRankChange(trx, {
        memberId: input.memberId,
        orgId: member.org_id,
        branchId: member.branch_id,
        occurredAt: input.occurredAt,
        delta,
      });
    }
    return { entry, created: true };
  });
}

async function addToTotal(trx: Transaction<Database>, memberId: number, year: number, delta: number, now: number) {
  await trx
    .updateTable('points_totals')
    .set((eb) => ({ earned: eb('earned', '+', delta), updated_at: now }))
    .where('member_id', '=', memberId)
    .where('year', '=', year)
    .execute();
}

/**
 * A correction: a new entry with the opposite delta. The original is never edited.
 * Dated like the original, so that period caps net out; but when the original's year is
 * closed, booked now in the open year (its cap group `correction`, outside every cap), so the
 * closed year's snapshot stays what was closed and published.
 */
export async function reverse(
  db: Db | Transaction<Database>,
  entryId: number,
  input: { actorId: number | null; reason: string; now?: number },
): Promise<LedgerRow> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const original = await trx.selectFrom('points_ledger').selectAll().where('id', '=', entryId).executeTakeFirst();
    if (!original) throw notFound('积分记录');
    if (original.source_type === 'reversal') throw badRequest('CANNOT_REVERSE_REVERSAL', '冲正记录不能再次冲正');
    await lockTotals(trx, original.member_id, original.year, now);
    const already = await trx
      .selectFrom('points_ledger')
      .select('id')
      .where('reverses_entry_id', '=', original.id)
      .executeTakeFirst();
    if (already) throw conflict('ALREADY_REVERSED', '该积分记录已被冲正');
    let booked = {
      year: original.year,
      occurredAt: original.occurred_at,
      capGroup: original.cap_group,
      orgId: original.org_id,
      branchId: original.branch_id,
    };
    if (await isYearClosed(trx, original.org_id, original.year)) {
      const year = yearOf(now);
      const member = await lockTotals(trx, original.member_id, year, now);
      if (await isYearClosed(trx, member.org_id, year)) throw yearClosedError(year);
      booked = { year, occurredAt: now, capGroup: 'correction', orgId: member.org_id, branchId: member.branch_id };
    }
    const entry = await trx
      .insertInto('points_ledger')
      .values({
        org_id: booked.orgId,
        branch_id: booked.branchId,
        member_id: original.member_id,
        year: booked.year,
        delta: -original.delta,
        capped_from: null,
        rule_code: original.rule_code,
        cap_group: booked.capGroup,
        rule_version: original.rule_version,
        source_type: 'reversal',
        source_id: String(original.id),
        reason: input.reason,
        actor_id: input.actorId,
        reverses_entry_id: original.id,
        corrects_entry_id: original.id,
        occurred_at: booked.occurredAt,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (entry.delta !== 0) {
      await addToTotal(trx, original.member_id, booked.year, entry.delta, now);
      await applyRankChange(trx, {
        memberId: original.member_id,
        orgId: booked.orgId,
        branchId: booked.branchId,
        occurredAt: booked.occurredAt,
        delta: entry.delta,
      });
    }
    return entry;
  });
}

export async function pointsSummary(
  db: Executor,
  memberId: number,
  orgId: number,
  year: number,
): Promise<PointsSummary> {
  const [rules, totals, snapshot] = await Promise.all([
    loadRules(db, orgId),
    db
      .selectFrom('points_totals')
      .select(['base', 'earned'])
      .where('member_id', '=', memberId)
      .where('year', '=', year)
      .executeTakeFirst(),
    db
      .selectFrom('points_year_snapshots')
      .select(['base', 'earned'])
      .where('member_id', '=', memberId)
      .where('year', '=', year)
      .executeTakeFirst(),
  ]);
  // A closed year answers from its snapshot: later entries cannot change it.
  if (snapshot) {
    const total = snapshot.base + snapshot.earned;
    return {
      year,
      base: snapshot.base,
      earned: snapshot.earned,
      total,
      starLevel: starLevelOf(total, rules),
      closed: true,
    };
  }
  const base = totals?.base ?? (await yearBase(db, orgId, year));
  const earned = totals?.earned ?? 0;
  const total = base + earned;
  return { year, base, earned, total, starLevel: starLevelOf(total, rules), closed: false };
}
