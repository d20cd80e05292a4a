// Keeps the rank tables in step with the ledger, inside the ledger's own transaction:
// a member's total per period, and how many members hold each points value per scope and
// period. A rank is then 1 + the sum of the counts above one's own value: a few rows.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { monthKey, scopeKey, scopesOf, yearKey } from './periods.js';
import { noteRankChange, noteScopesLeft } from './mirror.js';

export interface LedgerChange {
  memberId: number;
  orgId: number;
  branchId: number | null;
  occurredAt: number;
  delta: number;
}

interface CountOp {
  scope: string;
  period: string;
  points: number;
  by: 1 | -1;
}

/** Called by the points core (award, reverse) after each entry with a non-zero delta. */
export async function applyRankChange(trx: Transaction<Database>, change: LedgerChange): Promise<void> {
  if (change.delta === 0) return;
  const periods = [yearKey(change.occurredAt), monthKey(change.occurredAt)];
  const ops: CountOp[] = [];
  let optIn: number | null = null;
  for (const period of periods) {
    const row = await trx
      .selectFrom('rank_member_totals')
      .select(['points', 'org_id', 'branch_id'])
      .where('member_id', '=', change.memberId)
      .where('period', '=', period)
      .executeTakeFirst();
    const before = row?.points ?? 0;
    const after = before + change.delta;
    if (row) {
      await trx
        .updateTable('rank_member_totals')
        .set((eb) => ({ points: eb('points', '+', change.delta) }))
        .where('member_id', '=', change.memberId)
        .where('period', '=', period)
        .execute();
    } else {
      optIn ??= await optInOf(trx, change.memberId);
      await trx
        .insertInto('rank_member_totals')
        .values({
          member_id: change.memberId,
          period,
          org_id: change.orgId,
          branch_id: change.branchId,
          points: after,
          opt_in: optIn,
        })
        .execute();
    }
    // The scopes the member was first counted in stay theirs for the period.
    const scopes = scopesOf(row?.org_id ?? change.orgId, row ? row.branch_id : change.branchId);
    for (const scope of scopes) {
      if (before !== 0) ops.push({ scope, period, points: before, by: -1 });
      if (after !== 0) ops.push({ scope, period, points: after, by: 1 });
    }
  }
  // One order for every writer, so two transactions never wait on each other's count rows in a cycle.
  ops.sort((a, b) =>
    a.scope !== b.scope
      ? a.scope < b.scope
        ? -1
        : 1
      : a.period !== b.period
        ? a.period < b.period
          ? -1
          : 1
        : a.points - b.points,
  );
  // One statement for every count row the change touches: fewer round trips while the rows
  // are locked (on PostgreSQL a burst of awards to members with equal points queues on them).
  if (ops.length > 0) {
    await trx
      .insertInto('rank_counts')
      .values(ops.map((op) => ({ scope: op.scope, period: op.period, points: op.points, n: op.by })))
      .onConflict((oc) =>
        oc
          .columns(['scope', 'period', 'points'])
          .doUpdateSet((eb) => ({ n: eb('rank_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
  noteRankChange(trx, change.memberId, periods);
}

async function optInOf(trx: Transaction<Database>, memberId: number): Promise<number> {
  const pref = await trx
    .selectFrom('ranking_preferences')
    .select('opt_in')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return pref?.opt_in ?? 0;
}

/**
 * A member moved to another branch (组织关系转接): their periods' totals leave the old
 * branch's counts and join the new one's, in the caller's transaction, so ranks in both
 * branches are right at once; the ledger keeps where each entry happened. Rank scopes
 * follow the member's current branch, which is also what `rebuildRankTables` computes.
 */
export async function moveRankScopes(
  trx: Transaction<Database>,
  memberId: number,
  toBranchId: number | null,
): Promise<void> {
  const rows = await trx
    .selectFrom('rank_member_totals')
    .select(['period', 'org_id', 'branch_id', 'points'])
    .where('member_id', '=', memberId)
    .execute();
  const moving = rows.filter((r) => r.branch_id !== toBranchId);
  if (moving.length === 0) return;
  const ops: CountOp[] = [];
  const left = new Set<string>();
  for (const row of moving) {
    if (row.points === 0) continue;
    if (row.branch_id !== null) {
      const scope = scopeKey('branch', row.branch_id);
      ops.push({ scope, period: row.period, points: row.points, by: -1 });
      left.add(`${scope}:${row.period}`);
    }
    if (toBranchId !== null)
      ops.push({ scope: scopeKey('branch', toBranchId), period: row.period, points: row.points, by: 1 });
  }
  await trx
    .updateTable('rank_member_totals')
    .set({ branch_id: toBranchId })
    .where('member_id', '=', memberId)
    .execute();
  await applyCountOps(trx, ops);
  noteRankChange(trx, memberId, [...new Set(moving.map((r) => r.period))]);
  noteScopesLeft(trx, memberId, [...left]);
}

/**
 * A deactivated member leaves every ranking (they are in no population any more): their
 * periods leave the counts of every scope, in the caller's transaction. `restoreRanks` puts
 * them back from the ledger on reactivation; `rebuildRankTables` skips inactive members.
 */
export async function removeFromRanks(trx: Transaction<Database>, memberId: number): Promise<void> {
  const rows = await trx
    .selectFrom('rank_member_totals')
    .select(['period', 'org_id', 'branch_id', 'points'])
    .where('member_id', '=', memberId)
    .execute();
  if (rows.length === 0) return;
  const ops: CountOp[] = [];
  const left: string[] = [];
  for (const row of rows) {
    for (const scope of scopesOf(row.org_id, row.branch_id)) {
      left.push(`${scope}:${row.period}`);
      if (row.points !== 0) ops.push({ scope, period: row.period, points: row.points, by: -1 });
    }
  }
  await trx.deleteFrom('rank_member_totals').where('member_id', '=', memberId).execute();
  await applyCountOps(trx, ops);
  noteScopesLeft(trx, memberId, left);
}

/** Reactivation: the member's periods, summed from the ledger, join their current scopes. */
export async function restoreRanks(trx: Transaction<Database>, memberId: number): Promise<void> {
  const member = await trx
    .selectFrom('members')
    .select(['org_id', 'branch_id'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const entries = await trx
    .selectFrom('points_ledger')
    .select(['occurred_at', 'delta'])
    .where('member_id', '=', memberId)
    .execute();
  const byPeriod = new Map<string, number>();
  for (const e of entries) {
    for (const period of [yearKey(e.occurred_at), monthKey(e.occurred_at)]) {
      byPeriod.set(period, (byPeriod.get(period) ?? 0) + e.delta);
    }
  }
  if (byPeriod.size === 0) return;
  // Whatever is left from before (nothing, unless written while inactive) is replaced.
  await removeFromRanks(trx, memberId);
  const optIn = await optInOf(trx, memberId);
  const periods = [...byPeriod.keys()];
  await trx
    .insertInto('rank_member_totals')
    .values(
      periods.map((period) => ({
        member_id: memberId,
        period,
        org_id: member.org_id,
        branch_id: member.branch_id,
        points: byPeriod.get(period)!,
        opt_in: optIn,
      })),
    )
    .execute();
  const ops: CountOp[] = [];
  for (const period of periods) {
    const points = byPeriod.get(period)!;
    if (points === 0) continue;
    for (const scope of scopesOf(member.org_id, member.branch_id)) ops.push({ scope, period, points, by: 1 });
  }
  await applyCountOps(trx, ops);
  noteRankChange(trx, memberId, periods);
}

async function applyCountOps(trx: Transaction<Database>, ops: CountOp[]): Promise<void> {
  if (ops.length === 0) return;
  ops.sort((a, b) =>
    a.scope !== b.scope
      ? a.scope < b.scope
        ? -1
        : 1
      : a.period !== b.period
        ? a.period < b.period
          ? -1
          : 1
        : a.points - b.points,
  );
  await trx
    .insertInto('rank_counts')
    .values(ops.map((op) => ({ scope: op.scope, period: op.period, points: op.points, n: op.by })))
    .onConflict((oc) =>
      oc
        .columns(['scope', 'period', 'points'])
        .doUpdateSet((eb) => ({ n: eb('rank_counts.n', '+', eb.ref('excluded.n')) })),
    )
    .execute();
}
