// The dashboard, branch comparison, pending work and ledger (台账) wire shapes.
// Rates are fractions in [0, 1] (null when there is nothing to divide by); the app formats them.
import { AttendanceStatus } from './activities.js';
import { Type, type Static } from 'typebox';
import { DateString, Id, Instant, Year } from './common.js';

export const PeriodKind = Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')], {
  description: 'month 本月 / quarter 本季度 / year 本年度',
});
export type PeriodKind = Static<typeof PeriodKind>;

export const PeriodQuery = Type.Object(
  {
    period: Type.Optional(PeriodKind),
    /** Any day inside the wanted period (default: today, China Standard Time). */
    date: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type PeriodQuery = Static<typeof PeriodQuery>;

export const Period = Type.Object({
  kind: PeriodKind,
  /** 2026年 / 2026年第4季度 / 2026年11月 */
  label: Type.String(),
  /** First and last day, both inclusive. */
  from: DateString,
  to: DateString,
  year: Year,
});
export type Period = Static<typeof Period>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

export const DashboardScope = Type.Object({
  kind: Type.Union([Type.Literal('branch'), Type.Literal('org')]),
  id: Id,
  name: Type.String(),
});
export type DashboardScope = Static<typeof DashboardScope>;

const attendanceCountFields = {
  invited: Type.Integer({ minimum: 0 }),
  present: Type.Integer({ minimum: 0 }),
  late: Type.Integer({ minimum: 0 }),
  leave: Type.Integer({ minimum: 0 }),
  absent: Type.Integer({ minimum: 0 }),
  /** (present + late) / invited. */
  rate: Rate,
};
export const AttendanceTally = Type.Object(attendanceCountFields);
export type AttendanceTally = Static<typeof AttendanceTally>;

export const AttendanceSummary = Type.Object({
  held: Type.Integer({ minimum: 0, description: '已举行（已结束）的活动数' }),
  ...attendanceCountFields,
});
export type AttendanceSummary = Static<typeof AttendanceSummary>;

export const ActivityAttendance = Type.Object({
  id: Id,
  title: Type.String(),
  type: Type.String(),
  startsAt: Instant,
  /** The branch that held it; null for an organisation-wide activity. */
  branch: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  ...attendanceCountFields,
});
export type ActivityAttendance = Static<typeof ActivityAttendance>;

export const MonthAttendance = Type.Object({
  /** YYYY-MM */
  month: Type.String(),
  held: Type.Integer({ minimum: 0 }),
  invited: Type.Integer({ minimum: 0 }),
  attended: Type.Integer({ minimum: 0 }),
  rate: Rate,
});
export type MonthAttendance = Static<typeof MonthAttendance>;

export const QuizRates = Type.Object({
  /** Exam quizzes opened in the period for this audience. */
  quizzes: Type.Integer({ minimum: 0 }),
  /** Quizzes × members who could take them. */
  expected: Type.Integer({ minimum: 0 }),
  /** Member-quiz pairs with a submitted attempt. */
  participated: Type.Integer({ minimum: 0 }),
  passed: Type.Integer({ minimum: 0 }),
  participationRate: Rate,
  /** passed / participated. */
  passRate: Rate,
});
export type QuizRates = Static<typeof QuizRates>;

export const VolunteerSummary = Type.Object({
  /** Approved records served in the period. */
  records: Type.Integer({ minimum: 0 }),
  hours: Type.Number({ minimum: 0 }),
  volunteers: Type.Integer({ minimum: 0 }),
  hoursPerMember: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
});
export type VolunteerSummary = Static<typeof VolunteerSummary>;

export const StarBucket = Type.Object({
  stars: Type.Integer({ minimum: 0, maximum: 5 }),
  label: Type.String(),
  /** Members at this level by this year's total so far. */
  current: Type.Integer({ minimum: 0 }),
  /** Members at this level if they keep the pace of the year so far until 31 December. */
  projected: Type.Integer({ minimum: 0 }),
});
export type StarBucket = Static<typeof StarBucket>;

export const PointsDistribution = Type.Object({
  year: Year,
  members: Type.Integer({ minimum: 0 }),
  average: Type.Union([Type.Number(), Type.Null()]),
  /** From 不合格 (0) to ★★★★★ (5). */
  stars: Type.Array(StarBucket),
});
export type PointsDistribution = Static<typeof PointsDistribution>;

export const PendingItem = Type.Object({
  id: Id,
  memberId: Id,
  memberName: Type.String(),
  /** What is waiting: the activity title, the volunteer service, the disputed entry. */
  title: Type.String(),
  detail: Type.String(),
  submittedAt: Instant,
  /** A leave request's activity: its roster is where the secretary decides. */
  activityId: Type.Optional(Id),
});
export type PendingItem = Static<typeof PendingItem>;

export const PendingList = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  /** The oldest first, at most 20. */
  items: Type.Array(PendingItem),
});
export type PendingList = Static<typeof PendingList>;

export const PendingWork = Type.Object({
  leave: PendingList,
  volunteer: PendingList,
  objections: PendingList,
});
export type PendingWork = Static<typeof PendingWork>;

export const Dashboard = Type.Object({
  scope: DashboardScope,
  period: Period,
  /** Active members in scope now. */
  members: Type.Integer({ minimum: 0 }),
  attendance: AttendanceSummary,
  /** Every month of the period's year, January first; months still to come have held 0. */
  trend: Type.Array(MonthAttendance),
  /** Activities held in the period, newest first, at most 100 (the ledger export lists every one). */
  activities: Type.Array(ActivityAttendance),
  quiz: QuizRates,
  volunteer: VolunteerSummary,
  points: PointsDistribution,
  pending: Type.Object({
    leave: Type.Integer({ minimum: 0 }),
    volunteer: Type.Integer({ minimum: 0 }),
    objections: Type.Integer({ minimum: 0 }),
  }),
});
export type Dashboard = Static<typeof Dashboard>;

export const MemberParticipation = Type.Object({
  memberId: Id,
  name: Type.String(),
  /** Activities attended (present or late) / invited in the period. */
  attended: Type.Integer({ minimum: 0 }),
  invited: Type.Integer({ minimum: 0 }),
  quizzesPassed: Type.Integer({ minimum: 0 }),
  volunteerHours: Type.Number({ minimum: 0 }),
  /** This year's total (base + earned). */
  points: Type.Integer(),
  lastParticipation: Type.Union([DateString, Type.Null()]),
});
export type MemberParticipation = Static<typeof MemberParticipation>;

export const MemberTable = Type.Object({ period: Period, members: Type.Array(MemberParticipation) });
export type MemberTable = Static<typeof MemberTable>;

export const AttentionMember = Type.Object({
  memberId: Id,
  name: Type.String(),
  /** null: no participation on record at all. */
  lastParticipation: Type.Union([DateString, Type.Null()]),
  lastKind: Type.Union([Type.Literal('activity'), Type.Literal('quiz'), Type.Literal('volunteer'), Type.Null()]),
});
export type AttentionMember = Static<typeof AttentionMember>;

export const AttentionList = Type.Object({
  days: Type.Integer({ minimum: 1 }),
  /** Members whose last participation is before this day (or who have none). */
  since: DateString,
  members: Type.Array(AttentionMember),
});
export type AttentionList = Static<typeof AttentionList>;

export const BranchRates = Type.Object({
  id: Id,
  name: Type.String(),
  members: Type.Integer({ minimum: 0 }),
  attendanceRate: Rate,
  quizParticipationRate: Rate,
  quizPassRate: Rate,
  volunteerHoursPerMember: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  averagePoints: Type.Union([Type.Number(), Type.Null()]),
});
export type BranchRates = Static<typeof BranchRates>;

/** Branches side by side in a fixed order (by id): rates and averages, not a race. */
export const BranchComparison = Type.Object({ period: Period, branches: Type.Array(BranchRates) });
export type BranchComparison = Static<typeof BranchComparison>;

export const SignInSheet = Type.Object({
  activity: Type.Object({
    id: Id,
    title: Type.String(),
    type: Type.String(),
    topic: Type.String(),
    place: Type.String(),
    startsAt: Instant,
    endsAt: Instant,
    status: Type.String(),
    /** null: an activity of the whole organisation. */
    branchName: Type.Union([Type.String(), Type.Null()]),
    orgName: Type.String(),
  }),
  rows: Type.Array(
    Type.Object({
      memberId: Id,
      name: Type.String(),
      branchName: Type.Union([Type.String(), Type.Null()]),
      status: Type.Union([AttendanceStatus, Type.Null()]),
      checkedInAt: Type.Union([Instant, Type.Null()]),
    }),
  ),
});
export type SignInSheet = Static<typeof SignInSheet>;
