// Attendance figures. Counted over invitations of members in scope to activities held
// (closed) in the range: an organisation-wide activity counts for each branch with that
// branch's own members. Closing an activity marks the unrecorded as absent, so every
// invitation of a held activity is present, late, leave or absent.
import type { ActivityAttendance, AttendanceSummary, MonthAttendance } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { toIso } from '../lib/time.js';
import { monthOf, rate } from './period.js';
import { branchOf, type Scope } from './scope.js';

export interface ActivityCounts {
  id: number;
  title: string;
  type: string;
  startsAt: number;
  invited: number;
  present: number;
  late: number;
  leave: number;
  absent: number;
}

/** Per held activity in [fromMs, toMs): invitations and their outcome, newest first. */
export async function attendanceByActivity(
  db: Db,
  scope: Scope,
  fromMs: number,
  toMs: number,
): Promise<ActivityCounts[]> {
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_invitees as i', 'i.activity_id', 'a.id')
    .innerJoin('members as m', 'm.id', 'i.member_id')
    .leftJoin('attendance as at', (join) =>
      join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
    )
    .select((eb) => [
      'a.id',
      'a.title',
      'a.type',
      'a.starts_at',
      eb.fn.countAll<number>().as('invited'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'present').then(1).else(0).end()).as('present'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'late').then(1).else(0).end()).as('late'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'leave').then(1).else(0).end()).as('leave'),
    ])
    .where('a.org_id', '=', scope.orgId)
    .where('a.status', '=', 'closed')
    .where('a.starts_at', '>=', fromMs)
    .where('a.starts_at', '<', toMs)
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number))
    .groupBy(['a.id', 'a.title', 'a.type', 'a.starts_at'])
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((r) => {
    const invited = Number(r.invited);
    const present = Number(r.present ?? 0);
    const late = Number(r.late ?? 0);
    const leave = Number(r.leave ?? 0);
    return {
      id: r.id,
      title: r.title,
      type: r.type,
      startsAt: Number(r.starts_at),
      invited,
      present,
      late,
      leave,
      absent: invited - present - late - leave,
    };
  });
}

const inRange = (rows: ActivityCounts[], fromMs: number, toMs: number) =>
  rows.filter((r) => r.startsAt >= fromMs && r.startsAt < toMs);

/** Held activities and invitation outcomes in [fromMs, toMs), from the per-activity rows. */
export function attendanceSummary(rows: ActivityCounts[], fromMs: number, toMs: number): AttendanceSummary {
  const within = inRange(rows, fromMs, toMs);
  const sum = (pick: (r: ActivityCounts) => number) => within.reduce((total, r) => total + pick(r), 0);
  const invited = sum((r) => r.invited);
  const present = sum((r) => r.present);
  const late = sum((r) => r.late);
  return {
    held: within.length,
    invited,
    present,
    late,
    leave: sum((r) => r.leave),
    absent: sum((r) => r.absent),
    rate: rate(present + late, invited),
  };
}

/** Each activity held in [fromMs, toMs) with its rate, newest first. */
export function activityRates(rows: ActivityCounts[], fromMs: number, toMs: number): ActivityAttendance[] {
  return inRange(rows, fromMs, toMs).map((r) => ({
    id: r.id,
    title: r.title,
    type: r.type,
    startsAt: toIso(r.startsAt),
    invited: r.invited,
    present: r.present,
    late: r.late,
    leave: r.leave,
    absent: r.absent,
    rate: rate(r.present + r.late, r.invited),
  }));
}

/** The twelve months of `year`, each with its held activities and attendance rate. */
export function attendanceTrend(rows: ActivityCounts[], year: number): MonthAttendance[] {
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    held: 0,
    invited: 0,
    attended: 0,
    rate: null as number | null,
  }));
  for (const r of rows) {
    const month = months.find((m) => m.month === monthOf(r.startsAt));
    if (!month) continue;
    month.held += 1;
    month.invited += r.invited;
    month.attended += r.present + r.late;
  }
  for (const m of months) m.rate = rate(m.attended, m.invited);
  return months;
}

/** Per branch of an organisation: invitations and attendances in [fromMs, toMs). */
export async function attendanceByBranch(
  db: Db,
  orgId: number,
  fromMs: number,
  toMs: number,
): Promise<Map<number, { invited: number; attended: number }>> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_invitees as i', 'i.activity_id', 'a.id')
    .innerJoin('members as m', 'm.id', 'i.member_id')
    .leftJoin('attendance as at', (join) =>
      join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
    )
    .select((eb) => [
      'm.branch_id',
      eb.fn.countAll<number>().as('invited'),
      eb.fn.sum<number>(eb.case().when('at.status', 'in', ['present', 'late']).then(1).else(0).end()).as('attended'),
    ])
    .where('a.org_id', '=', orgId)
    .where('a.status', '=', 'closed')
    .where('a.starts_at', '>=', fromMs)
    .where('a.starts_at', '<', toMs)
    .groupBy('m.branch_id')
    .execute();
  const byBranch = new Map<number, { invited: number; attended: number }>();
  for (const r of rows) {
    if (r.branch_id === null) continue;
    byBranch.set(r.branch_id, { invited: Number(r.invited), attended: Number(r.attended ?? 0) });
  }
  return byBranch;
}
