// The activity as the contract shows it: detail for one reader, the secretary's roster and
// the live check-in display.
import type { Actor } from '../auth/actor.js';
import type {
  ActivityDetail,
  ActivityRoster,
  ActivityRosterRow,
  CheckInDisplay,
  CheckInMethod,
  AttendanceStatus,
  ManagedActivity,
} from '../contract/activities.js';
import type { Db } from '../db/index.js';
import { toIso } from '../lib/time.js';
import { attendanceRuleFor } from '../points/rules.js';
import { loadRules } from '../points/service.js';
import {
  attendanceOf,
  branchNames,
  countsFor,
  leaveOf,
  managesActivity,
  myStatusOf,
  summaryOf,
  type ActivityRow,
} from './repo.js';
import { currentToken, qrPayload } from './token.js';
import { checkOutClosesAt, checkOutOf } from './checkout.js';

async function myCheckOut(db: Db, activity: ActivityRow, memberId: number) {
  const done = await checkOutOf(db, activity, memberId);
  return done ? { checkedOutAt: done.checkedOutAt, hours: done.hours } : null;
}

export async function detailOf(db: Db, actor: Actor, activity: ActivityRow): Promise<ActivityDetail> {
  const manages = managesActivity(actor, activity);
  const [invitee, attendance, leave, names, counts, rules] = await Promise.all([
    db
      .selectFrom('activity_invitees')
      .select('member_id')
      .where('activity_id', '=', activity.id)
      .where('member_id', '=', actor.memberId)
      .executeTakeFirst(),
    db
      .selectFrom('attendance')
      .select(['status', 'method', 'checked_in_at'])
      .where('activity_id', '=', activity.id)
      .where('member_id', '=', actor.memberId)
      .executeTakeFirst(),
    db
      .selectFrom('leave_requests')
      .selectAll()
      .where('activity_id', '=', activity.id)
      .where('member_id', '=', actor.memberId)
      .executeTakeFirst(),
    branchNames(db, [activity]),
    countsFor(db, [activity.id]),
    loadRules(db, activity.org_id, activity.starts_at),
  ]);
  // Who may read it (an invitee or a manager) was decided by the guard.
  const invited = invitee !== undefined;
  const rule = attendanceRuleFor(rules, activity.type);
  return {
    ...summaryOf(activity, names, {
      invited,
      attendanceStatus: attendance?.status ?? null,
      leaveStatus: leave?.status ?? null,
    }),
    topic: activity.topic,
    lateAfter: toIso(activity.late_after),
    geofence:
      activity.lat !== null && activity.lng !== null && activity.radius_m !== null
        ? { lat: activity.lat, lng: activity.lng, radiusM: activity.radius_m }
        : null,
    points: rule && rule.points > 0 ? { amount: rule.points, label: rule.label } : null,
    record: activity.record,
    cancelReason: activity.cancel_reason,
    myAttendance: invited && attendance ? attendanceOf(attendance) : null,
    myLeaveRequest: invited && leave ? leaveOf(leave, actor.name) : null,
    ...(activity.type === 'volunteer'
      ? {
          checkOutClosesAt: toIso(checkOutClosesAt(activity)),
          myCheckOut: await myCheckOut(db, activity, actor.memberId),
        }
      : {}),
    canManage: manages,
    counts: counts.get(activity.id)!,
  };
}

export async function managedList(db: Db, rows: ActivityRow[]): Promise<ManagedActivity[]> {
  const ids = rows.map((r) => r.id);
  const [names, counts, pending] = await Promise.all([
    branchNames(db, rows),
    countsFor(db, ids),
    ids.length
      ? db
          .selectFrom('leave_requests')
          .select((eb) => ['activity_id', eb.fn.countAll<number>().as('n')])
          .where('activity_id', 'in', ids)
          .where('status', '=', 'pending')
          .groupBy('activity_id')
          .execute()
      : Promise.resolve([]),
  ]);
  const pendingOf = new Map(pending.map((p) => [p.activity_id, Number(p.n)]));
  return rows.map((row) => ({
    ...summaryOf(row, names, { invited: false, attendanceStatus: null, leaveStatus: null }),
    checkinOpensAt: toIso(row.checkin_opens_at),
    checkinClosesAt: toIso(row.checkin_closes_at),
    counts: counts.get(row.id)!,
    pendingLeave: pendingOf.get(row.id) ?? 0,
    hasRecord: row.record !== null && row.record !== '',
  }));
}

export async function rosterOfActivity(db: Db, actor: Actor, activity: ActivityRow): Promise<ActivityRoster> {
  const [detail, rows, leaves] = await Promise.all([
    detailOf(db, actor, activity),
    db
      .selectFrom('activity_invitees as i')
      .innerJoin('members as m', 'm.id', 'i.member_id')
      .leftJoin('attendance as a', (join) =>
        join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
      )
      .select(['m.id', 'm.name', 'a.status', 'a.method', 'a.checked_in_at', 'a.note'])
      .where('i.activity_id', '=', activity.id)
      .orderBy('m.id')
      .execute(),
    db.selectFrom('leave_requests').selectAll().where('activity_id', '=', activity.id).execute(),
  ]);
  const leaveOfMember = new Map(leaves.map((l) => [l.member_id, l]));
  return {
    activity: detail,
    rows: rows.map((row): ActivityRosterRow => {
      const leave = leaveOfMember.get(row.id);
      return {
        member: { id: row.id, name: row.name },
        status: myStatusOf(activity, row.status),
        method: row.method as CheckInMethod | null,
        checkedInAt: row.checked_in_at !== null ? toIso(row.checked_in_at) : null,
        note: row.note,
        leave: leave ? leaveOf(leave, row.name) : null,
      };
    }),
  };
}

/** Names shown on the projector: enough for a room, never the whole of a 15,000-member org. */
const DISPLAY_NAMES = 300;

/** `origin`: the API's public origin, under which the QR's check-in link lives. */
export async function displayOf(
  db: Db,
  actor: Actor,
  activity: ActivityRow,
  now: number,
  origin: string,
): Promise<CheckInDisplay> {
  const token = currentToken(activity.secret, now);
  const [counts, checkedIn, notYet, viewer] = await Promise.all([
    countsFor(db, [activity.id]),
    db
      .selectFrom('attendance as a')
      .innerJoin('members as m', 'm.id', 'a.member_id')
      .select(['m.id', 'm.name', 'a.status', 'a.checked_in_at'])
      .where('a.activity_id', '=', activity.id)
      .where('a.status', 'in', ['present', 'late'])
      .orderBy('a.checked_in_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(DISPLAY_NAMES)
      .execute(),
    db
      .selectFrom('activity_invitees as i')
      .innerJoin('members as m', 'm.id', 'i.member_id')
      .leftJoin('attendance as a', (join) =>
        join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
      )
      .select(['m.id', 'm.name'])
      .where('i.activity_id', '=', activity.id)
      .where('a.id', 'is', null)
      .orderBy('m.id')
      .limit(DISPLAY_NAMES)
      .execute(),
    db
      .selectFrom('activity_invitees as i')
      .leftJoin('attendance as a', (join) =>
        join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
      )
      .select('a.status')
      .where('i.activity_id', '=', activity.id)
      .where('i.member_id', '=', actor.memberId)
      .executeTakeFirst(),
  ]);
  return {
    activityId: activity.id,
    title: activity.title,
    status: activity.status as CheckInDisplay['status'],
    payload: qrPayload(origin, activity.id, token.token),
    code: token.code,
    refreshAt: toIso(token.refreshAt),
    serverTime: toIso(now),
    windowOpen:
      activity.status === 'scheduled' && now >= activity.checkin_opens_at && now <= activity.checkin_closes_at,
    startsAt: toIso(activity.starts_at),
    endsAt: toIso(activity.ends_at),
    checkinOpensAt: toIso(activity.checkin_opens_at),
    checkinClosesAt: toIso(activity.checkin_closes_at),
    viewerStatus: viewer ? myStatusOf(activity, viewer.status ?? null) : null,
    counts: counts.get(activity.id)!,
    checkedIn: checkedIn.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status as AttendanceStatus,
      checkedInAt: r.checked_in_at !== null ? toIso(r.checked_in_at) : null,
    })),
    notYet: notYet.map((r) => ({ id: r.id, name: r.name })),
  };
}
