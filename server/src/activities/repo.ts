// Reading activities: one row, who may see or run it, attendance counts and the shapes
// the contract sends.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { ResourceRows } from '../auth/resources.js';
import { managesBranch } from '../auth/actor.js';
import type {
  ActivityStatus,
  ActivitySummary,
  ActivityType,
  AttendanceCounts,
  AttendanceStatus,
  CheckInMethod,
  LeaveRequest,
  LeaveStatus,
  MyActivities,
  MyActivitiesQuery,
  MyAttendance,
  MyStatus,
} from '../contract/activities.js';
import type { ActivityTable, Database, LeaveRequestTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import { periodBounds, toIso, yearOf } from '../lib/time.js';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ActivityRow = Selectable<ActivityTable>;
/** An activity as the guard loads it: the row and the caller's own standing. */
export type GuardedActivity = ResourceRows['activity'];
export type LeaveRow = Selectable<LeaveRequestTable>;

export async function findActivity(db: Executor, id: number): Promise<ActivityRow> {
  const row = await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('活动');
  return row;
}

/** Its branch's secretary, or the admin of its org (the only one for an org-wide activity). */
export function managesActivity(actor: Actor, activity: Pick<ActivityRow, 'org_id' | 'branch_id'>): boolean {
  if (activity.branch_id === null) return actor.isOrgAdmin && actor.orgId === activity.org_id;
  return managesBranch(actor, { id: activity.branch_id, org_id: activity.org_id });
}

export async function isInvited(db: Executor, activityId: number, memberId: number): Promise<boolean> {
  const row = await db
    .selectFrom('activity_invitees')
    .select('member_id')
    .where('activity_id', '=', activityId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

const emptyCounts = (): AttendanceCounts => ({ invited: 0, present: 0, late: 0, leave: 0, absent: 0, pending: 0 });

export async function countsFor(db: Executor, activityIds: number[]): Promise<Map<number, AttendanceCounts>> {
  const result = new Map<number, AttendanceCounts>();
  if (activityIds.length === 0) return result;
  for (const id of activityIds) result.set(id, emptyCounts());
  const [invited, statuses] = await Promise.all([
    db
      .selectFrom('activity_invitees')
      .select((eb) => ['activity_id', eb.fn.countAll<number>().as('n')])
      .where('activity_id', 'in', activityIds)
      .groupBy('activity_id')
      .execute(),
    db
      .selectFrom('attendance')
      .select((eb) => ['activity_id', 'status', eb.fn.countAll<number>().as('n')])
      .where('activity_id', 'in', activityIds)
      .groupBy(['activity_id', 'status'])
      .execute(),
  ]);
  for (const row of invited) result.get(row.activity_id)!.invited = Number(row.n);
  for (const row of statuses) {
    const counts = result.get(row.activity_id)!;
    counts[row.status as AttendanceStatus] = Number(row.n);
  }
  for (const counts of result.values()) {
    counts.pending = Math.max(0, counts.invited - counts.present - counts.late - counts.leave - counts.absent);
  }
  return result;
}

export async function branchNames(db: Executor, rows: Array<{ branch_id: number | null }>) {
  const ids = [...new Set(rows.map((r) => r.branch_id).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map<number, string>();
  const branches = await db.selectFrom('branches').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(branches.map((b) => [b.id, b.name]));
}

/** What a member's standing is, from the attendance row (if any) and the activity's state. */
export function myStatusOf(activity: Pick<ActivityRow, 'status'>, attendanceStatus: string | null): MyStatus {
  if (attendanceStatus) return attendanceStatus as MyStatus;
  return activity.status === 'closed' ? 'absent' : 'pending';
}

export function summaryOf(
  row: ActivityRow,
  names: Map<number, string>,
  mine: { invited: boolean; attendanceStatus: string | null; leaveStatus: string | null },
): ActivitySummary {
  return {
    id: row.id,
    type: row.type as ActivityType,
    title: row.title,
    place: row.place,
    startsAt: toIso(row.starts_at),
    endsAt: toIso(row.ends_at),
    status: row.status as ActivityStatus,
    branch: row.branch_id !== null ? { id: row.branch_id, name: names.get(row.branch_id) ?? '' } : null,
    myStatus: mine.invited ? myStatusOf(row, mine.attendanceStatus) : null,
    myLeave: mine.invited ? ((mine.leaveStatus as LeaveStatus | null) ?? null) : null,
    checkinOpensAt: toIso(row.checkin_opens_at),
    checkinClosesAt: toIso(row.checkin_closes_at),
  };
}

export function attendanceOf(row: {
  status: string;
  method: string | null;
  checked_in_at: number | null;
}): MyAttendance {
  return {
    status: row.status as AttendanceStatus,
    method: row.method as CheckInMethod | null,
    checkedInAt: row.checked_in_at !== null ? toIso(row.checked_in_at) : null,
  };
}

export function leaveOf(row: LeaveRow, memberName: string): LeaveRequest {
  return {
    id: row.id,
    activityId: row.activity_id,
    member: { id: row.member_id, name: memberName },
    reason: row.reason,
    status: row.status as LeaveStatus,
    decisionNote: row.decision_note,
    createdAt: toIso(row.created_at),
    decidedAt: row.decided_at !== null ? toIso(row.decided_at) : null,
  };
}

/** A member's activities: upcoming (soonest first) or a year's past ones, with my standing and a tally. */
export async function myActivities(
  db: Executor,
  memberId: number,
  filter: MyActivitiesQuery,
  now: number,
): Promise<MyActivities> {
  let query = db
    .selectFrom('activity_invitees as i')
    .innerJoin('activities as act', 'act.id', 'i.activity_id')
    .leftJoin('attendance as a', (join) =>
      join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
    )
    .leftJoin('leave_requests as l', (join) =>
      join.onRef('l.activity_id', '=', 'i.activity_id').onRef('l.member_id', '=', 'i.member_id'),
    )
    .selectAll('act')
    .select(['a.status as attendanceStatus', 'l.status as leaveStatus'])
    .where('i.member_id', '=', memberId);
  if (filter.when === 'upcoming') {
    query = query
      .where('act.status', '!=', 'closed')
      .where('act.ends_at', '>=', now)
      .orderBy('act.starts_at', 'asc')
      .limit(50);
  } else {
    const [from, to] = periodBounds(Date.UTC(filter.year ?? yearOf(now), 5, 1), 'year');
    query = query
      .where((eb) => eb.or([eb('act.status', '=', 'closed'), eb('act.ends_at', '<', now)]))
      .where('act.starts_at', '>=', from)
      .where('act.starts_at', '<', to)
      .orderBy('act.starts_at', 'desc');
  }
  const rows = await query.execute();
  const names = await branchNames(db, rows);
  const items = rows.map((row) =>
    summaryOf(row, names, { invited: true, attendanceStatus: row.attendanceStatus, leaveStatus: row.leaveStatus }),
  );
  const tally = { present: 0, late: 0, leave: 0, absent: 0 };
  for (const item of items) {
    if (item.status !== 'cancelled' && item.myStatus && item.myStatus !== 'pending') tally[item.myStatus]++;
  }
  return { items, tally };
}
