// Volunteer activities (志愿服务活动) record hours the way 志愿汇 does: a member checks in at
// the start and checks out at the end with the same rotating code, and the time between,
// within the activity's own start and end, becomes a volunteer record for the secretary to
// review (volunteer/service.ts recordActivityHours), under the same caps and review rules as
// hours a member logs. A missed check-out is completed by a manager, with a note.
import type { Actor } from '../auth/actor.js';
import type { CheckOutResult, CompleteCheckOutBody, CheckOutBody, CheckOutRow } from '../contract/activities.js';
import type { Db } from '../db/index.js';
import { badRequest, conflict } from '../errors.js';
import { audit } from '../lib/audit.js';
import { cst, toIso } from '../lib/time.js';
import type { FailureGate } from '../plugins/limits.js';
import { recordActivityHours } from '../volunteer/service.js';
import { activityErrors as E } from './errors.js';
import type { ActivityRow, GuardedActivity } from './repo.js';
import { verifyCheckIn } from './token.js';

/** How long after the activity's end a member may still check out by code. */
export const CHECKOUT_GRACE_MS = 2 * 3_600_000;

export const checkOutClosesAt = (activity: Pick<ActivityRow, 'ends_at'>) => activity.ends_at + CHECKOUT_GRACE_MS;

const hm = (ms: number) => cst(ms).format('M月D日 HH:mm');

const errors = {
  notVolunteer: () => conflict('NOT_VOLUNTEER_ACTIVITY', '只有志愿服务活动需要签退'),
  notCheckedIn: () => conflict('NOT_CHECKED_IN', '请先签到，活动结束时再签退'),
  checkOutClosed: (at: number) => conflict('CHECKOUT_CLOSED', `签退时间已过（截至${hm(at)}），请联系支部书记补签退`),
  checkOutBeforeCheckIn: () => badRequest('CHECKOUT_BEFORE_CHECKIN', '签退时间须晚于签到时间'),
  checkOutInFuture: () => badRequest('CHECKOUT_IN_FUTURE', '签退时间不能晚于现在'),
  invalidTime: () => badRequest('INVALID_TIME', '签退时间格式不正确'),
};

/** The hours the activity itself vouches for: from check-in (not before the start) to check-out (not after the end). */
function servedWindow(activity: ActivityRow, checkedInAt: number, checkedOutAt: number) {
  return {
    checkInAt: Math.max(checkedInAt, activity.starts_at),
    checkOutAt: Math.min(checkedOutAt, activity.ends_at),
  };
}

async function book(
  db: Db,
  activity: ActivityRow,
  memberId: number,
  checkedInAt: number,
  checkedOutAt: number,
  by: { actorId: number; note: string } | null,
  now: number,
): Promise<CheckOutResult> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('attendance')
      .set({ checked_out_at: checkedOutAt, checkout_by: by?.actorId ?? null, checkout_note: by?.note ?? null })
      .where('activity_id', '=', activity.id)
      .where('member_id', '=', memberId)
      .where('checked_out_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return (await checkOutOf(trx as unknown as Db, activity, memberId))!;
    const window = servedWindow(activity, checkedInAt, checkedOutAt);
    const recordId = await recordActivityHours(
      trx,
      { activityId: activity.id, memberId, ...window, place: activity.place, title: activity.title },
      now,
    );
    if (by) {
      await audit(
        trx,
        {
          orgId: activity.org_id,
          actorId: by.actorId,
          action: 'activity.checkout.complete',
          targetType: 'activity',
          targetId: activity.id,
          detail: { memberId, checkedOutAt: toIso(checkedOutAt), note: by.note, recordId },
        },
        now,
      );
    }
    return (await checkOutOf(trx as unknown as Db, activity, memberId))!;
  });
}

/** A member's check-out and the hours it recorded, if any. */
export async function checkOutOf(db: Db, activity: ActivityRow, memberId: number): Promise<CheckOutResult | null> {
  const row = await db
    .selectFrom('attendance as a')
    .leftJoin('volunteer_records as v', (join) =>
      join.onRef('v.activity_id', '=', 'a.activity_id').onRef('v.member_id', '=', 'a.member_id'),
    )
    .select(['a.checked_in_at', 'a.checked_out_at', 'a.checkout_note', 'v.id as recordId', 'v.hours', 'v.status'])
    .where('a.activity_id', '=', activity.id)
    .where('a.member_id', '=', memberId)
    .executeTakeFirst();
  if (!row || row.checked_out_at === null || row.checked_in_at === null) return null;
  return {
    checkedInAt: toIso(row.checked_in_at),
    checkedOutAt: toIso(row.checked_out_at),
    hours: row.hours !== null ? Number(row.hours) : 0,
    recordId: row.recordId ?? null,
    recordStatus: (row.status as CheckOutResult['recordStatus']) ?? null,
    completedByManager: row.checkout_note !== null,
  };
}

/** A member checks out with the screen's current code (QR token or 6 digits). */
export async function checkOut(
  db: Db,
  loaded: GuardedActivity,
  actor: Actor,
  body: CheckOutBody,
  now: number,
  guesses: FailureGate,
): Promise<CheckOutResult> {
  if (body.token === undefined && body.code === undefined) throw E.codeRequired();
  const { mine, ...activity } = loaded;
  if (!mine.invited) throw E.notInvited();
  if (activity.type !== 'volunteer') throw errors.notVolunteer();
  const attendance = mine.attendance;
  if (!attendance || attendance.checked_in_at === null || !['present', 'late'].includes(attendance.status)) {
    throw errors.notCheckedIn();
  }
  const done = await checkOutOf(db, activity, actor.memberId);
  if (done) return done;
  if (activity.status === 'cancelled') throw E.cancelled();
  if (now > checkOutClosesAt(activity)) throw errors.checkOutClosed(checkOutClosesAt(activity));
  if (await guesses.blocked()) throw E.tooManyAttempts();
  const verdict = verifyCheckIn(activity.secret, body, now);
  if (verdict !== 'valid') {
    if (verdict === 'expired') throw E.codeExpired();
    await guesses.record();
    throw E.codeInvalid();
  }
  return book(db, activity, actor.memberId, attendance.checked_in_at, now, null, now);
}

/** A manager completes a member's missed check-out, with the time and a note (never for oneself: the guard). */
export async function completeCheckOut(
  db: Db,
  actor: Actor,
  activity: ActivityRow,
  memberId: number,
  body: CompleteCheckOutBody,
  now: number,
): Promise<CheckOutResult> {
  if (activity.type !== 'volunteer') throw errors.notVolunteer();
  const attendance = await db
    .selectFrom('attendance')
    .select(['status', 'checked_in_at'])
    .where('activity_id', '=', activity.id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!attendance || attendance.checked_in_at === null || !['present', 'late'].includes(attendance.status)) {
    throw conflict('NOT_CHECKED_IN', '该党员没有签到记录，不能补签退');
  }
  const done = await checkOutOf(db, activity, memberId);
  if (done) throw conflict('ALREADY_CHECKED_OUT', '该党员已经签退');
  const at = Date.parse(body.checkedOutAt);
  if (Number.isNaN(at)) throw errors.invalidTime();
  if (at <= attendance.checked_in_at) throw errors.checkOutBeforeCheckIn();
  if (at > now) throw errors.checkOutInFuture();
  return book(
    db,
    activity,
    memberId,
    attendance.checked_in_at,
    at,
    { actorId: actor.memberId, note: body.note.trim() },
    now,
  );
}

/** For a manager: who checked in to a volunteer activity, and who has checked out. */
export async function checkOutRoster(db: Db, activity: ActivityRow): Promise<CheckOutRow[]> {
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .leftJoin('volunteer_records as v', (join) =>
      join.onRef('v.activity_id', '=', 'a.activity_id').onRef('v.member_id', '=', 'a.member_id'),
    )
    .select([
      'm.id',
      'm.name',
      'a.checked_in_at',
      'a.checked_out_at',
      'a.checkout_note',
      'v.hours',
      'v.status as recordStatus',
    ])
    .where('a.activity_id', '=', activity.id)
    .where('a.status', 'in', ['present', 'late'])
    .where('a.checked_in_at', 'is not', null)
    .orderBy('a.checked_in_at')
    .execute();
  return rows.map((r) => ({
    member: { id: r.id, name: r.name },
    checkedInAt: toIso(r.checked_in_at!),
    checkedOutAt: r.checked_out_at !== null ? toIso(r.checked_out_at) : null,
    note: r.checkout_note,
    hours: r.hours !== null ? Number(r.hours) : null,
    recordStatus: (r.recordStatus as CheckOutRow['recordStatus']) ?? null,
  }));
}
