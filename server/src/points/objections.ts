// Objections (异议): a member disputes a ledger entry with a reason; the branch secretary
// settles it with a reversing entry, an adjusting entry, or a reasoned rejection.
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/index.js';
import type { Objection, ObjectionContext, ObjectionStatus, ResolveObjectionBody } from '../contract/points-review.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { toIso } from '../lib/time.js';
import { presentEntries } from './ledger.js';
import { award, isYearClosed, loadRules, pointsTransaction, reverse } from './service.js';
import { capGroupLabel } from './rules-check.js';
import { periodBounds } from '../lib/time.js';

/** The guard has checked that the entry is the actor's own. */
export async function raiseObjection(
  db: Db,
  actor: Actor,
  entry: { id: number; org_id: number; branch_id: number | null },
  reason: string,
  now = Date.now(),
) {
  const entryId = entry.id;
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('points_objections')
      .select('id')
      .where('member_id', '=', actor.memberId)
      .where('entry_id', '=', entryId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (open) throw conflict('OBJECTION_OPEN', '这条记录的异议正在处理中，请耐心等待');
    const row = await trx
      .insertInto('points_objections')
      .values({
        org_id: entry.org_id,
        branch_id: entry.branch_id,
        member_id: actor.memberId,
        entry_id: entryId,
        reason: reason.trim(),
        status: 'pending',
        resolution_note: null,
        resolution_entry_id: null,
        resolved_by: null,
        resolved_at: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/**
 * The member takes back an objection still pending (the guard has checked it is their own).
 * The status is checked in the same statement, so a secretary settling it at the same moment
 * either comes first (the withdrawal is refused) or finds it withdrawn.
 */
export async function withdrawObjection(db: Db, actor: Actor, id: number, now = Date.now()): Promise<void> {
  const moved = await db
    .updateTable('points_objections')
    .set({ status: 'withdrawn', resolved_by: actor.memberId, resolved_at: now })
    .where('id', '=', id)
    .where('member_id', '=', actor.memberId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw conflict('OBJECTION_NOT_PENDING', '这条异议已处理或已撤回，不能再撤回');
}

export async function resolveObjection(
  db: Db,
  actor: Actor,
  id: number,
  body: ResolveObjectionBody,
  now = Date.now(),
): Promise<void> {
  await pointsTransaction(db, async (trx) => {
    // Scope and "not one's own" were decided by the guard; the status is read again here,
    // inside the transaction, so two managers cannot settle the same objection twice.
    const objection = await trx.selectFrom('points_objections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!objection) throw notFound('异议');
    if (objection.status !== 'pending') throw conflict('OBJECTION_RESOLVED', '该异议已处理');
    const note = body.note.trim();
    let entryId: number | null = null;
    let status: ObjectionStatus;
    if (body.outcome === 'reverse') {
      if (body.delta !== undefined) throw badRequest('DELTA_NOT_ALLOWED', '冲正不需要填写分值');
      entryId = (await reverse(trx, objection.entry_id, { actorId: actor.memberId, reason: `异议处理：${note}`, now }))
        .id;
      status = 'reversed';
    } else if (body.outcome === 'adjust') {
      if (body.delta === undefined || body.delta === 0)
        throw badRequest('DELTA_REQUIRED', '请填写调整的分值（不能为 0）');
      const original = await trx
        .selectFrom('points_ledger')
        .select(['occurred_at', 'org_id', 'year'])
        .where('id', '=', objection.entry_id)
        .executeTakeFirstOrThrow();
      // Dated like the disputed entry; once that year is closed, now, in the open year.
      const closed = await isYearClosed(trx, original.org_id, original.year);
      const result = await award(trx, {
        memberId: objection.member_id,
        // A correction, not an award: booked under its own rule, outside the award cap.
        ruleCode: 'adjustment',
        sourceType: 'manual',
        sourceId: `objection-${id}`,
        occurredAt: closed ? now : original.occurred_at,
        correctsEntryId: objection.entry_id,
        delta: body.delta,
        reason: `异议处理：${note}`,
        actorId: actor.memberId,
        onCap: 'reject',
        now,
      });
      entryId = result.entry?.id ?? null;
      status = 'adjusted';
    } else {
      if (body.delta !== undefined) throw badRequest('DELTA_NOT_ALLOWED', '不予采纳时不需要填写分值');
      status = 'rejected';
    }
    await trx
      .updateTable('points_objections')
      .set({
        status,
        resolution_note: note,
        resolution_entry_id: entryId,
        resolved_by: actor.memberId,
        resolved_at: now,
      })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'objection.resolve',
        targetType: 'points_objection',
        targetId: id,
        detail: { outcome: body.outcome, delta: body.delta ?? null, note, entryId },
      },
      now,
    );
  });
}

export async function listObjections(
  db: Db,
  filter: { memberId?: number; branchId?: number; status?: ObjectionStatus },
): Promise<Objection[]> {
  let query = db.selectFrom('points_objections').selectAll().orderBy('id', 'desc').limit(200);
  if (filter.memberId !== undefined) query = query.where('member_id', '=', filter.memberId);
  if (filter.branchId !== undefined) query = query.where('branch_id', '=', filter.branchId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const entryIds = [
    ...new Set(rows.flatMap((r) => [r.entry_id, ...(r.resolution_entry_id ? [r.resolution_entry_id] : [])])),
  ];
  const [entryRows, people] = await Promise.all([
    db.selectFrom('points_ledger').selectAll().where('id', 'in', entryIds).execute(),
    db
      .selectFrom('members')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.member_id))])
      .execute(),
  ]);
  const entries = new Map((await presentEntries(db, entryRows)).map((e) => [e.id, e]));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    member: { id: r.member_id, name: nameOf.get(r.member_id) ?? '' },
    entry: entries.get(r.entry_id)!,
    reason: r.reason,
    status: r.status as ObjectionStatus,
    resolutionNote: r.resolution_note,
    resolutionEntry: r.resolution_entry_id ? (entries.get(r.resolution_entry_id) ?? null) : null,
    resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
    createdAt: toIso(r.created_at),
  }));
}

/** The disputed entry's cap use that year and the member's other objections (guard: a manager). */
export async function objectionContext(
  db: Db,
  objection: { id: number; member_id: number; entry_id: number },
): Promise<ObjectionContext> {
  const entry = await db
    .selectFrom('points_ledger')
    .select(['org_id', 'cap_group', 'occurred_at', 'year'])
    .where('id', '=', objection.entry_id)
    .executeTakeFirstOrThrow();
  const [from, to] = periodBounds(entry.occurred_at, 'year');
  const [used, rules, others] = await Promise.all([
    db
      .selectFrom('points_ledger')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('used'))
      .where('member_id', '=', objection.member_id)
      .where('cap_group', '=', entry.cap_group)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .executeTakeFirstOrThrow(),
    loadRules(db, entry.org_id, entry.occurred_at),
    db
      .selectFrom('points_objections as o')
      .innerJoin('points_ledger as l', 'l.id', 'o.entry_id')
      .select(['o.id', 'o.reason', 'o.status', 'o.resolution_note', 'o.created_at', 'l.delta', 'l.rule_code'])
      .where('o.member_id', '=', objection.member_id)
      .where('o.id', '!=', objection.id)
      .orderBy('o.id', 'desc')
      .limit(20)
      .execute(),
  ]);
  const labelOf = (code: string) => rules.rules.find((r) => r.code === code)?.label ?? code;
  return {
    capUse: {
      label: capGroupLabel(rules, entry.cap_group),
      year: entry.year,
      used: Number(used.used),
      yearCap: rules.caps[entry.cap_group]?.year ?? null,
    },
    earlier: others.map((o) => ({
      id: o.id,
      entryLabel: labelOf(o.rule_code),
      entryDelta: o.delta,
      reason: o.reason,
      status: o.status as ObjectionStatus,
      resolutionNote: o.resolution_note,
      createdAt: toIso(o.created_at),
    })),
  };
}
