// What a secretary (own branch) or the org admin (any branch, or the whole org) does with
// an activity: create, edit, cancel, keep the roster, decide leave, close, write the record.
// Every action is audited in the same transaction.
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { ActivityInput, CreateActivityBody, LeaveDecisionBody, MarkBody } from '../contract/activities.js';
import type { Db } from '../db/index.js';
import { audit } from '../lib/audit.js';
import { badRequest, notFound } from '../errors.js';
import { activityErrors as E } from './errors.js';
import { chargeAbsence, payAttendance, unpayAttendance } from './points.js';
import type { ActivityRow, GuardedActivity, LeaveRow } from './repo.js';
import { loadRules, pointsTransaction, reverse } from '../points/service.js';
import { attendanceRuleFor } from '../points/rules.js';

const MINUTE = 60_000;
/** The geofence radii a secretary chooses from: a room, a building, a compound, a district. */
export const GEOFENCE_RADII_M = [100, 300, 500, 1000] as const;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: string, field: string): number {
  const ms = ISO_WITH_OFFSET.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw E.invalidTime(field);
  return ms;
}

/** Times and place of an activity from the input, with the defaults of DESIGN.md. */
function scheduleOf(input: ActivityInput) {
  const startsAt = parseInstant(input.startsAt, '开始时间');
  const endsAt = parseInstant(input.endsAt, '结束时间');
  if (endsAt <= startsAt) throw E.endsBeforeStart();
  if (endsAt - startsAt > 3 * 24 * 60 * MINUTE) throw E.tooLong();
  const opens = input.checkinOpensAt ? parseInstant(input.checkinOpensAt, '签到开始时间') : startsAt - 30 * MINUTE;
  const closes = input.checkinClosesAt ? parseInstant(input.checkinClosesAt, '签到截止时间') : endsAt;
  if (closes <= opens) throw E.windowInvalid();
  const radius = input.geofence?.radiusM;
  if (radius !== undefined && !(GEOFENCE_RADII_M as readonly number[]).includes(radius)) {
    throw E.radiusInvalid(GEOFENCE_RADII_M);
  }
  return {
    type: input.type,
    title: input.title.trim(),
    topic: input.topic.trim(),
    place: input.place.trim(),
    lat: input.geofence?.lat ?? null,
    lng: input.geofence?.lng ?? null,
    radius_m: input.geofence?.radiusM ?? null,
    starts_at: startsAt,
    ends_at: endsAt,
    checkin_opens_at: opens,
    checkin_closes_at: closes,
    late_after: startsAt + (input.lateAfterMinutes ?? 10) * MINUTE,
  };
}

export async function createActivity(
  db: Db,
  actor: Actor,
  audience: { orgId: number; branchId: number | null },
  body: CreateActivityBody,
  now: number,
): Promise<number> {
  const schedule = scheduleOf(body);
  let members = db
    .selectFrom('members')
    .select('id')
    .where('org_id', '=', audience.orgId)
    .where('active', '=', 1)
    .where('branch_id', 'is not', null);
  if (audience.branchId !== null) members = members.where('branch_id', '=', audience.branchId);
  const everyone = (await members.execute()).map((m) => m.id);
  let invitees = everyone;
  if (body.memberIds) {
    const inAudience = new Set(everyone);
    if (!body.memberIds.every((id) => inAudience.has(id))) throw E.notInAudience();
    invitees = body.memberIds;
  }
  if (invitees.length === 0) throw E.noAudience();

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('activities')
      .values({
        org_id: audience.orgId,
        branch_id: audience.branchId,
        ...schedule,
        status: 'scheduled',
        secret: randomBytes(32).toString('base64url'),
        record: null,
        created_by: actor.memberId,
        created_at: now,
        closed_at: null,
      })
      .returning('id')
      .execute();
    const id = row[0]!.id;
    for (let i = 0; i < invitees.length; i += 1000) {
      await trx
        .insertInto('activity_invitees')
        .values(invitees.slice(i, i + 1000).map((memberId) => ({ activity_id: id, member_id: memberId })))
        .execute();
    }
    await audit(
      trx,
      {
        orgId: audience.orgId,
        actorId: actor.memberId,
        action: 'activity.create',
        targetType: 'activity',
        targetId: id,
        detail: { title: schedule.title, type: schedule.type, invited: invitees.length },
      },
      now,
    );
    return id;
  });
}

function assertOpen(activity: ActivityRow) {
  if (activity.status === 'cancelled') throw E.cancelled();
  if (activity.status === 'closed') throw E.closed();
}

async function attendedCount(db: Pick<Db, 'selectFrom'>, activityId: number): Promise<number> {
  const row = await db
    .selectFrom('attendance')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', 'in', ['present', 'late'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateActivity(db: Db, actor: Actor, activity: ActivityRow, input: ActivityInput, now: number) {
  const id = activity.id;
  assertOpen(activity);
  const schedule = scheduleOf(input);
  if (schedule.type !== activity.type && (await attendedCount(db, id)) > 0) throw E.typeLocked();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('activities').set(schedule).where('id', '=', id).execute();
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: 'activity.update',
        targetType: 'activity',
        targetId: id,
        detail: { title: schedule.title },
      },
      now,
    );
  });
}

export async function cancelActivity(db: Db, actor: Actor, activity: ActivityRow, reason: string, now: number) {
  const id = activity.id;
  assertOpen(activity);
  if ((await attendedCount(db, id)) > 0) throw E.hasAttendance();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('activities')
      .set({ status: 'cancelled', cancel_reason: reason.trim() })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: 'activity.cancel',
        targetType: 'activity',
        targetId: id,
        detail: { reason },
      },
      now,
    );
  });
}

/** Reverses an absence deduction when the secretary corrects an absence. */
async function refundAbsence(
  trx: Transaction<Database>,
  activity: ActivityRow,
  memberId: number,
  actorId: number,
  now: number,
) {
  const entries = await trx
    .selectFrom('points_ledger')
    .select('id')
    .where('member_id', '=', memberId)
    .where('rule_code', '=', 'absence')
    .where('source_type', '=', 'activity')
    .where('source_id', '=', String(activity.id))
    .execute();
  for (const entry of entries) {
    const reversed = await trx
      .selectFrom('points_ledger')
      .select('id')
      .where('reverses_entry_id', '=', entry.id)
      .executeTakeFirst();
    if (!reversed) await reverse(trx, entry.id, { actorId, reason: '书记更正缺席记录', now });
  }
}

/** A manual roster mark (present / late / leave / absent) with a note; audited. */
export async function markAttendance(
  db: Db,
  actor: Actor,
  activity: ActivityRow,
  memberId: number,
  body: MarkBody,
  now: number,
) {
  const id = activity.id;
  if (activity.status === 'cancelled') throw E.cancelled();
  // A meeting days away has no one to mark present yet; leave can be recorded in advance.
  if (body.status !== 'leave' && now < activity.checkin_opens_at) throw E.markTooEarly(activity.checkin_opens_at);
  const invited = await db
    .selectFrom('activity_invitees')
    .innerJoin('members', 'members.id', 'activity_invitees.member_id')
    .select('members.name')
    .where('activity_invitees.activity_id', '=', id)
    .where('activity_invitees.member_id', '=', memberId)
    .executeTakeFirst();
  if (!invited) throw badRequest('MEMBER_NOT_INVITED', '该党员不在本次活动的参加人员名单中');
  const note = body.note?.trim() || null;
  const attended = body.status === 'present' || body.status === 'late';

  await pointsTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('attendance')
      .selectAll()
      .where('activity_id', '=', id)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    const wasAttended = existing?.status === 'present' || existing?.status === 'late';
    const method = attended ? (wasAttended ? existing!.method : 'roster') : null;
    const checkedInAt = attended ? (existing?.checked_in_at ?? null) : null;
    if (existing) {
      await trx
        .updateTable('attendance')
        .set({ status: body.status, method, checked_in_at: checkedInAt, note, marked_by: actor.memberId })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('attendance')
        .values({
          activity_id: id,
          member_id: memberId,
          status: body.status,
          method,
          checked_in_at: checkedInAt,
          note,
          marked_by: actor.memberId,
          created_at: now,
        })
        .execute();
    }
    if (body.status === 'leave') {
      await trx
        .updateTable('leave_requests')
        .set({ status: 'approved', decided_by: actor.memberId, decided_at: now, updated_at: now })
        .where('activity_id', '=', id)
        .where('member_id', '=', memberId)
        .where('status', '=', 'pending')
        .execute();
    }
    if (attended) await payAttendance(trx, activity, memberId, { now, actorId: actor.memberId });
    else await unpayAttendance(trx, activity, memberId, { now, actorId: actor.memberId, reason: '书记更正签到记录' });
    if (body.status !== 'absent') await refundAbsence(trx, activity, memberId, actor.memberId, now);
    else if (activity.status === 'closed') await chargeAbsence(trx, activity, memberId, now, actor.memberId);
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: 'attendance.mark',
        targetType: 'activity',
        targetId: id,
        detail: { memberId, from: existing?.status ?? null, to: body.status, note },
      },
      now,
    );
  });
}

/** A member asks for leave before the start; asking again updates the reason. */
export async function requestLeave(
  db: Db,
  actor: Actor,
  loaded: GuardedActivity,
  reason: string,
  now: number,
): Promise<LeaveRow> {
  const { mine, ...activity } = loaded;
  const id = activity.id;
  if (!mine.invited) throw E.notInvited();
  assertOpen(activity);
  if (now >= activity.starts_at) throw E.leaveTooLate();
  const attendance = mine.attendance;
  if (attendance?.status === 'present' || attendance?.status === 'late') throw E.leaveAfterAttending();
  if (attendance?.status === 'leave') throw E.leaveApproved();
  const existing = await db
    .selectFrom('leave_requests')
    .select(['id', 'status'])
    .where('activity_id', '=', id)
    .where('member_id', '=', actor.memberId)
    .executeTakeFirst();
  if (existing?.status === 'approved') throw E.leaveApproved();
  if (existing) {
    await db
      .updateTable('leave_requests')
      .set({
        reason: reason.trim(),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    return leaveRowOf(db, id, actor.memberId);
  }
  await db
    .insertInto('leave_requests')
    .values({
      activity_id: id,
      member_id: actor.memberId,
      reason: reason.trim(),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['activity_id', 'member_id']).doNothing())
    .execute();
  return leaveRowOf(db, id, actor.memberId);
}

const leaveRowOf = (db: Db, activityId: number, memberId: number) =>
  db
    .selectFrom('leave_requests')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();

export async function decideLeave(
  db: Db,
  actor: Actor,
  activity: ActivityRow,
  requestId: number,
  body: LeaveDecisionBody,
  now: number,
) {
  const id = activity.id;
  if (activity.status === 'cancelled') throw E.cancelled();
  const request = await db
    .selectFrom('leave_requests')
    .selectAll()
    .where('id', '=', requestId)
    .where('activity_id', '=', id)
    .executeTakeFirst();
  if (!request) throw notFound('请假申请');
  if (request.status !== 'pending') throw E.leaveDecided();
  const attendance = await db
    .selectFrom('attendance')
    .selectAll()
    .where('activity_id', '=', id)
    .where('member_id', '=', request.member_id)
    .executeTakeFirst();
  if (body.approve && (attendance?.status === 'present' || attendance?.status === 'late')) {
    throw E.leaveMemberAttended();
  }
  const note = body.note?.trim() || null;
  // The member reads why; a bare 不批准 leaves them guessing.
  if (!body.approve && (note === null || note.length < 2)) throw E.rejectReasonRequired();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('leave_requests')
      .set({
        status: body.approve ? 'approved' : 'rejected',
        decided_by: actor.memberId,
        decided_at: now,
        decision_note: note,
        updated_at: now,
      })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw E.leaveDecided();
    if (body.approve) {
      if (attendance) {
        await trx
          .updateTable('attendance')
          .set({ status: 'leave', method: null, checked_in_at: null, note: request.reason, marked_by: actor.memberId })
          .where('id', '=', attendance.id)
          .execute();
        await refundAbsence(trx, activity, request.member_id, actor.memberId, now);
      } else {
        await trx
          .insertInto('attendance')
          .values({
            activity_id: id,
            member_id: request.member_id,
            status: 'leave',
            method: null,
            checked_in_at: null,
            note: request.reason,
            marked_by: actor.memberId,
            created_at: now,
          })
          .execute();
      }
    }
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: body.approve ? 'leave.approve' : 'leave.reject',
        targetType: 'leave_request',
        targetId: requestId,
        detail: { activityId: id, memberId: request.member_id, note },
      },
      now,
    );
  });
}

/** Closing marks everyone invited but unrecorded as absent and settles points. */
export async function closeActivity(db: Db, actor: Actor, activity: ActivityRow, now: number) {
  const id = activity.id;
  assertOpen(activity);
  if (now < activity.starts_at) throw E.notStarted();
  // Closing marks the unrecorded absent; for the closer that would be deciding their own
  // case, so they are checked in or marked by another manager first (never silently absent).
  const closer = await db
    .selectFrom('activity_invitees as i')
    .leftJoin('attendance as a', (join) =>
      join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
    )
    .select('a.id as attendanceId')
    .where('i.activity_id', '=', id)
    .where('i.member_id', '=', actor.memberId)
    .executeTakeFirst();
  if (closer && closer.attendanceId === null) throw E.closerNotRecorded();
  await pointsTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('activities')
      .set({ status: 'closed', closed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw E.closed();
    const unrecorded = await trx
      .selectFrom('activity_invitees as i')
      .leftJoin('attendance as a', (join) =>
        join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
      )
      .select('i.member_id')
      .where('i.activity_id', '=', id)
      .where('a.id', 'is', null)
      .execute();
    const absent = unrecorded.map((r) => r.member_id);
    for (let i = 0; i < absent.length; i += 500) {
      await trx
        .insertInto('attendance')
        .values(
          absent.slice(i, i + 500).map((memberId) => ({
            activity_id: id,
            member_id: memberId,
            status: 'absent',
            method: null,
            checked_in_at: null,
            note: null,
            marked_by: actor.memberId,
            created_at: now,
          })),
        )
        .execute();
    }
    for (const memberId of absent) await chargeAbsence(trx, activity, memberId, now, actor.memberId);
    // Attendance was paid when recorded; a roster mark made while the rule paid nothing
    // (or before a rule change) is settled here, once.
    const rules = await loadRules(trx, activity.org_id, activity.starts_at);
    if (attendanceRuleFor(rules, activity.type)) {
      const attended = await trx
        .selectFrom('attendance')
        .select('member_id')
        .where('activity_id', '=', id)
        .where('status', 'in', ['present', 'late'])
        .execute();
      const paid = await trx
        .selectFrom('points_ledger')
        .select('member_id')
        .where('source_type', '=', 'activity')
        .where('source_id', '=', String(id))
        .execute();
      const paidIds = new Set(paid.map((p) => p.member_id));
      for (const row of attended) {
        if (!paidIds.has(row.member_id))
          await payAttendance(trx, activity, row.member_id, { now, actorId: actor.memberId });
      }
    }
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: 'activity.close',
        targetType: 'activity',
        targetId: id,
        detail: { markedAbsent: absent.length },
      },
      now,
    );
  });
}

export async function saveRecord(db: Db, actor: Actor, activity: ActivityRow, record: string, now: number) {
  const id = activity.id;
  if (activity.status === 'cancelled') throw E.cancelled();
  if (now < activity.starts_at) throw E.notStarted();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('activities')
      .set({ record: record.trim(), record_by: actor.memberId, record_at: now })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      {
        orgId: activity.org_id,
        actorId: actor.memberId,
        action: 'activity.record',
        targetType: 'activity',
        targetId: id,
        detail: { length: record.trim().length },
      },
      now,
    );
  });
}
