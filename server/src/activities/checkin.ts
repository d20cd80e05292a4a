// A member checks in with the QR token or the 6-digit code. Identity comes from the session;
// one attendance per (activity, member) is enforced by the database's unique key, so a
// repeated or concurrent check-in gets the first record back and pays no second time.
import type { Actor } from '../auth/actor.js';
import type { CheckInBody, CheckInResult } from '../contract/activities.js';
import type { Db } from '../db/index.js';
import { activityErrors as E } from './errors.js';
import { distanceM } from './geo.js';
import { payAttendance } from './points.js';
import { attendanceOf, type ActivityRow, type GuardedActivity } from './repo.js';
import { verifyCheckIn } from './token.js';
import { toIso, yearOf } from '../lib/time.js';
import { isYearClosed } from '../points/service.js';
import type { UnitOfWork } from '../lib/group-commit.js';
import type { FailureGate } from '../plugins/limits.js';

/** `activity` comes from the guard, read with the member's invitation and attendance. */
export async function checkIn(
  unit: UnitOfWork,
  actor: Actor,
  loaded: GuardedActivity,
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
  const { mine: standing, ...activity } = loaded;
  const activityId = activity.id;
  if (!standing.invited) throw E.notInvited();
  const mine = standing.attendance ?? { id: null, status: null, method: null, checked_in_at: null };
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
      const points = await payAttendance(trx, activity, actor.memberId, { now, actorId: null, checkedInAt: now });
      return {
        attendance: { status, method, checkedInAt: toIso(now) },
        created: true,
        pointsAwarded: points,
        ...(await closedYearNote(trx, activity, points)),
      };
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
    const points = await payAttendance(trx, activity, actor.memberId, {
      now,
      actorId: null,
      firstTime: true,
      checkedInAt: now,
    });
    return {
      attendance: { status, method, checkedInAt: toIso(now) },
      created: true,
      pointsAwarded: points,
      ...(await closedYearNote(trx, activity, points)),
    };
  });
}

/** Attendance still counts after the year is closed; the member is told why it paid nothing. */
async function closedYearNote(db: Pick<Db, 'selectFrom'>, activity: ActivityRow, points: number) {
  if (points !== 0) return {};
  const year = yearOf(activity.starts_at);
  if (!(await isYearClosed(db as Db, activity.org_id, year))) return {};
  return { pointsNote: `${year}年积分已结算，本次签到已记录，但不再计入积分` };
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
