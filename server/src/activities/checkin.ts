// A member checks in with the QR token or the 6-digit code. Identity comes from the session;
// one attendance per (activity, member) is enforced by the database's unique key, so a
// repeated or concurrent check-in gets the first record back and pays no second time.
import type { Actor } from '../auth/actor.js';
import type { CheckInBody, CheckInResult } from '../contract/activities.js';
import type { Db } from '../db/index.js';
import { activityErrors as E } from './errors.js';
import { distanceM } from './geo.js';
import { payAttendance } from './points.js';
import { attendanceOf, type ActivityRow } from './repo.js';
import { notFound } from '../errors.js';
import { verifyCheckIn } from './token.js';
import { toIso } from '../lib/time.js';
import type { UnitOfWork } from '../lib/group-commit.js';
import type { FailureGate } from '../plugins/limits.js';

export async function checkIn(
  db: Db,
  unit: UnitOfWork,
  actor: Actor,
  activityId: number,
  body: CheckInBody,
  now: number,
  /**
   * Wrong codes of this member at this activity. A 6-digit code has a million values and two
   * are valid at a time, so guesses are limited (10 in 5 minutes, shared by every API process
   * through Redis when it is configured).
   */
  guesses: FailureGate,
): Promise<CheckInResult> {
  if (body.token === undefined && body.code === undefined) throw E.codeRequired();
  // The activity and the member's invitation and attendance, in one read.
  const row = await db
    .selectFrom('activities as act')
    .leftJoin('activity_invitees as i', (join) =>
      join.onRef('i.activity_id', '=', 'act.id').on('i.member_id', '=', actor.memberId),
    )
    .leftJoin('attendance as a', (join) =>
      join.onRef('a.activity_id', '=', 'act.id').on('a.member_id', '=', actor.memberId),
    )
    .selectAll('act')
    .select([
      'i.member_id as invitedMemberId',
      'a.id as attendanceId',
      'a.status as attendanceStatus',
      'a.method as attendanceMethod',
      'a.checked_in_at as attendanceCheckedInAt',
    ])
    .where('act.id', '=', activityId)
    .executeTakeFirst();
  if (!row) throw notFound('活动');
  const { invitedMemberId, attendanceId, attendanceStatus, attendanceMethod, attendanceCheckedInAt, ...activity } = row;
  const mine =
    invitedMemberId === null
      ? null
      : {
          id: attendanceId,
          status: attendanceStatus,
          method: attendanceMethod,
          checked_in_at: attendanceCheckedInAt,
        };
  if (!mine) throw E.notInvited();
  if (mine.status === 'present' || mine.status === 'late') {
    return { attendance: attendanceOf({ ...mine, status: mine.status }), created: false, pointsAwarded: 0 };
  }
  if (mine.status === 'leave') throw E.leaveApproved();

  if (activity.status === 'cancelled') throw E.cancelled();
  if (activity.status === 'closed') throw E.closed();
  if (now < activity.checkin_opens_at) throw E.notOpen(activity.checkin_opens_at);
  if (now > activity.checkin_closes_at) throw E.windowClosed(activity.checkin_closes_at);

  if (await guesses.blocked()) throw E.tooManyAttempts();
  const verdict = verifyCheckIn(activity.secret, body, now);
  if (verdict !== 'valid') {
    if (verdict === 'expired') throw E.codeExpired();
    await guesses.record();
    throw E.codeInvalid();
  }
  checkGeofence(activity, body);

  const status = now > activity.late_after ? 'late' : 'present';
  const method = body.token !== undefined ? 'qr' : 'code';
  return unit.run(async (trx) => {
    if (mine.id !== null) {
      // Marked absent by the secretary before the member arrived: the check-in corrects it.
      const updated = await trx
        .updateTable('attendance')
        .set({ status, method, checked_in_at: now, note: null, marked_by: null })
        .where('id', '=', mine.id)
        .where('status', '=', 'absent')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return firstRecord(trx, activityId, actor.memberId);
      const points = await payAttendance(trx, activity, actor.memberId, { now, actorId: null });
      return { attendance: { status, method, checkedInAt: toIso(now) }, created: true, pointsAwarded: points };
    }
    const inserted = await trx
      .insertInto('attendance')
      .values({
        activity_id: activityId,
        member_id: actor.memberId,
        status,
        method,
        checked_in_at: now,
        note: null,
        marked_by: null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['activity_id', 'member_id']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length === 0) return firstRecord(trx, activityId, actor.memberId);
    const points = await payAttendance(trx, activity, actor.memberId, { now, actorId: null, firstTime: true });
    return { attendance: { status, method, checkedInAt: toIso(now) }, created: true, pointsAwarded: points };
  });
}

async function firstRecord(db: Pick<Db, 'selectFrom'>, activityId: number, memberId: number): Promise<CheckInResult> {
  const row = await db
    .selectFrom('attendance')
    .select(['status', 'method', 'checked_in_at'])
    .where('activity_id', '=', activityId)
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return { attendance: attendanceOf(row), created: false, pointsAwarded: 0 };
}

function checkGeofence(activity: ActivityRow, body: CheckInBody) {
  if (activity.lat === null || activity.lng === null || activity.radius_m === null) return;
  if (body.lat === undefined || body.lng === undefined) throw E.locationRequired();
  const distance = distanceM({ lat: activity.lat, lng: activity.lng }, { lat: body.lat, lng: body.lng });
  if (distance > activity.radius_m) throw E.outsideGeofence(Math.round(distance / 10) * 10);
}
