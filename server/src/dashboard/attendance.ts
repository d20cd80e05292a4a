// Attendance figures. Counted over invitations of members in scope to activities held
// (closed) in the range: an organisation-wide activity counts for each branch with that
// branch's own members. Closing an activity marks the unrecorded as absent, so every
// invitation of a held activity is present, late, leave or absent.
import type { ActivityAttendance, AttendanceSummary, MonthAttendance } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { toIso } from '../lib/time.js';
import { rate } from './period.js';
import { branchOf, type Scope } from './scope.js';

export interface ActivityCounts {
  id: number;
  title: string;
  type: string;
  startsAt: number;
  /** The branch that held it; null for an organisation-wide activity. */
  branch: { id: number; name: string } | null;
  invited: number;
  present: number;
  late: number;
  leave: number;
  absent: number;
}

interface HeldFilter {
  orgId: number;
  fromMs: number;
  toMs: number;
  /** A branch's own activities (its id), every branch's (`branches`), or the organisation's (`org`). */
  activities: number | 'branches' | 'org';
}

type Tally = { invited: number; present: number; late: number; leave: number };

/** Held activities matching the filter, with their tallies (kept by triggers, migration 0006). */
async function talliesPerActivity(db: Db, f: HeldFilter): Promise<Map<number, Tally>> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_tallies as t', 't.activity_id', 'a.id')
    .select(['a.id', 't.invited', 't.present_n', 't.late_n', 't.leave_n'])
    .where('a.org_id', '=', f.orgId)
    .where('a.status', '=', 'closed')
    .where('a.starts_at', '>=', f.fromMs)
    .where('a.starts_at', '<', f.toMs)
    .$if(f.activities === 'org', (q) => q.where('a.branch_id', 'is', null))
    .$if(f.activities === 'branches', (q) => q.where('a.branch_id', 'is not', null))
    .$if(typeof f.activities === 'number', (q) => q.where('a.branch_id', '=', f.activities as number))
    .execute();
  return new Map(
    rows.map((r) => [r.id, { invited: r.invited, present: r.present_n, late: r.late_n, leave: r.leave_n }]),
  );
}

/**
 * The organisation's activities as one branch saw them: only that branch's invitees,
 * counted from the rows (a handful of activities a year).
 */
async function orgActivitiesForBranch(db: Db, f: HeldFilter, branchId: number): Promise<Map<number, Tally>> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_invitees as i', 'i.activity_id', 'a.id')
    .innerJoin('members as m', 'm.id', 'i.member_id')
    .leftJoin('attendance as at', (join) =>
      join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
    )
    .select((eb) => [
      'a.id',
      eb.fn.countAll<number>().as('invited'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'present').then(1).else(0).end()).as('present'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'late').then(1).else(0).end()).as('late'),
      eb.fn.sum<number>(eb.case().when('at.status', '=', 'leave').then(1).else(0).end()).as('leave'),
    ])
    .where('a.org_id', '=', f.orgId)
    .where('a.status', '=', 'closed')
    .where('a.starts_at', '>=', f.fromMs)
    .where('a.starts_at', '<', f.toMs)
    .where('a.branch_id', 'is', null)
    .where('m.branch_id', '=', branchId)
    .groupBy('a.id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        invited: Number(r.invited),
        present: Number(r.present ?? 0),
        late: Number(r.late ?? 0),
        leave: Number(r.leave ?? 0),
      },
    ]),
  );
}

/**
 * Per held activity in [fromMs, toMs): invitations and their outcome, newest first. A
 * branch counts its own activities whole and the organisation's with its own members.
 */
export async function attendanceByActivity(
  db: Db,
  scope: Scope,
  fromMs: number,
  toMs: number,
): Promise<ActivityCounts[]> {
  const branchId = branchOf(scope);
  const window = { orgId: scope.orgId, fromMs, toMs };
  const [activities, own, orgWide] = await Promise.all([
    db
      .selectFrom('activities as act')
      .leftJoin('branches as b', 'b.id', 'act.branch_id')
      .select(['act.id', 'act.title', 'act.type', 'act.starts_at', 'act.branch_id', 'b.name as branch_name'])
      .where('act.org_id', '=', scope.orgId)
      .where('act.status', '=', 'closed')
      .where('act.starts_at', '>=', fromMs)
      .where('act.starts_at', '<', toMs)
      .$if(branchId !== null, (q) =>
        q.where((eb) => eb.or([eb('act.branch_id', '=', branchId as number), eb('act.branch_id', 'is', null)])),
      )
      .orderBy('act.starts_at', 'desc')
      .orderBy('act.id', 'desc')
      .execute(),
    // A branch: its own activities whole, the organisation's with its own members; the
    // organisation: every activity whole.
    talliesPerActivity(db, { ...window, activities: branchId ?? 'branches' }),
    branchId === null
      ? talliesPerActivity(db, { ...window, activities: 'org' })
      : orgActivitiesForBranch(db, { ...window, activities: 'org' }, branchId),
  ]);
  return activities.flatMap((a) => {
    const c = own.get(a.id) ?? orgWide.get(a.id);
    if (!c) return [];
    return [
      {
        id: a.id,
        title: a.title,
        type: a.type,
        startsAt: Number(a.starts_at),
        branch: a.branch_id !== null ? { id: a.branch_id, name: a.branch_name ?? '' } : null,
        invited: c.invited,
        present: c.present,
        late: c.late,
        leave: c.leave,
        absent: c.invited - c.present - c.late - c.leave,
      },
    ];
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

/** The latest activities held in [fromMs, toMs) with their rates, newest first, at most `limit`. */
/** A year of an organisation's activities is a few hundred: the app filters and pages them. */
export function activityRates(
  rows: ActivityCounts[],
  fromMs: number,
  toMs: number,
  limit = 1000,
): ActivityAttendance[] {
  return inRange(rows, fromMs, toMs)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      startsAt: toIso(r.startsAt),
      branch: r.branch,
      invited: r.invited,
      present: r.present,
      late: r.late,
      leave: r.leave,
      absent: r.absent,
      rate: rate(r.present + r.late, r.invited),
    }));
}

const CST_MS = 8 * 60 * 60 * 1000;

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
    // China Standard Time has no daylight saving: the CST calendar month is a fixed shift away.
    const wall = new Date(r.startsAt + CST_MS);
    if (wall.getUTCFullYear() !== year) continue;
    const month = months[wall.getUTCMonth()]!;
    month.held += 1;
    month.invited += r.invited;
    month.attended += r.present + r.late;
  }
  for (const m of months) m.rate = rate(m.attended, m.invited);
  return months;
}

/**
 * Per branch of an organisation: invitations and attendances in [fromMs, toMs). Branch
 * activities count for their branch; the organisation's for each invitee's branch.
 */
export async function attendanceByBranch(
  db: Db,
  orgId: number,
  fromMs: number,
  toMs: number,
): Promise<Map<number, { invited: number; attended: number }>> {
  const held = db
    .selectFrom('activities')
    .select(['id', 'branch_id'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'closed')
    .where('starts_at', '>=', fromMs)
    .where('starts_at', '<', toMs);
  const [branchActivities, own, orgActivities] = await Promise.all([
    held.where('branch_id', 'is not', null).execute(),
    talliesPerActivity(db, { orgId, fromMs, toMs, activities: 'branches' }),
    held.where('branch_id', 'is', null).execute(),
  ]);
  // The organisation's own activities (a handful a year) split by each invitee's branch.
  const orgIds = orgActivities.map((a) => a.id);
  const [invitedByBranch, attendedByBranch] = orgIds.length
    ? await Promise.all([
        db
          .selectFrom('activity_invitees as i')
          .innerJoin('members as m', 'm.id', 'i.member_id')
          .select((eb) => ['m.branch_id', eb.fn.countAll<number>().as('n')])
          .where('i.activity_id', 'in', orgIds)
          .groupBy('m.branch_id')
          .execute(),
        db
          .selectFrom('attendance as at')
          .innerJoin('members as m', 'm.id', 'at.member_id')
          .select((eb) => ['m.branch_id', eb.fn.countAll<number>().as('n')])
          .where('at.activity_id', 'in', orgIds)
          .where('at.status', 'in', ['present', 'late'])
          .groupBy('m.branch_id')
          .execute(),
      ])
    : [[], []];
  const attendedOf = new Map(attendedByBranch.map((r) => [r.branch_id, Number(r.n)]));
  const orgWide = invitedByBranch.map((r) => ({
    branch_id: r.branch_id,
    invited: Number(r.n),
    attended: attendedOf.get(r.branch_id) ?? 0,
  }));
  const byBranch = new Map<number, { invited: number; attended: number }>();
  const add = (branchId: number, invited: number, attended: number) => {
    const known = byBranch.get(branchId) ?? { invited: 0, attended: 0 };
    byBranch.set(branchId, { invited: known.invited + invited, attended: known.attended + attended });
  };
  for (const a of branchActivities) {
    const c = own.get(a.id);
    if (c) add(a.branch_id as number, c.invited, c.present + c.late);
  }
  for (const r of orgWide) {
    if (r.branch_id !== null) add(r.branch_id, Number(r.invited), Number(r.attended ?? 0));
  }
  return byBranch;
}
