// Activities (主题党日, 三会一课, ...) and check-in: what members and secretaries see and send.
import { Type, type Static } from 'typebox';
import { BranchRef } from './org.js';
import { Id, Instant, Year } from './common.js';
import { VolunteerStatus } from './volunteer.js';

export const ActivityType = Type.Union(
  [
    Type.Literal('theme_day'),
    Type.Literal('general_meeting'),
    Type.Literal('committee_meeting'),
    Type.Literal('group_meeting'),
    Type.Literal('party_lecture'),
    Type.Literal('volunteer'),
    Type.Literal('other'),
  ],
  { description: '主题党日 / 支部党员大会 / 支委会 / 党小组会 / 党课 / 志愿服务活动 / 其他' },
);
export type ActivityType = Static<typeof ActivityType>;

export const ActivityStatus = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('closed'),
  Type.Literal('cancelled'),
]);
export type ActivityStatus = Static<typeof ActivityStatus>;

export const AttendanceStatus = Type.Union([
  Type.Literal('present'),
  Type.Literal('late'),
  Type.Literal('leave'),
  Type.Literal('absent'),
]);
export type AttendanceStatus = Static<typeof AttendanceStatus>;

/** A member's standing for one activity: `pending` is 未签到 (nothing recorded yet). */
export const MyStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('present'),
  Type.Literal('late'),
  Type.Literal('leave'),
  Type.Literal('absent'),
]);
export type MyStatus = Static<typeof MyStatus>;

export const CheckInMethod = Type.Union([Type.Literal('qr'), Type.Literal('code'), Type.Literal('roster')]);
export type CheckInMethod = Static<typeof CheckInMethod>;

export const LeaveStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
export type LeaveStatus = Static<typeof LeaveStatus>;

export const Geofence = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    radiusM: Type.Integer({ minimum: 50, maximum: 5000, description: '半径（米）' }),
  },
  { additionalProperties: false },
);
export type Geofence = Static<typeof Geofence>;

export const AttendanceCounts = Type.Object({
  invited: Type.Integer({ minimum: 0 }),
  present: Type.Integer({ minimum: 0 }),
  late: Type.Integer({ minimum: 0 }),
  leave: Type.Integer({ minimum: 0 }),
  absent: Type.Integer({ minimum: 0 }),
  /** Invited with nothing recorded yet (未签到). */
  pending: Type.Integer({ minimum: 0 }),
});
export type AttendanceCounts = Static<typeof AttendanceCounts>;

export const ActivitySummary = Type.Object({
  id: Id,
  type: ActivityType,
  title: Type.String(),
  place: Type.String(),
  startsAt: Instant,
  endsAt: Instant,
  status: ActivityStatus,
  /** The branch it is for; null when it is for the whole organisation. */
  branch: Type.Union([BranchRef, Type.Null()]),
  /** The reader's own standing; null when the reader is not invited (a secretary's overview). */
  myStatus: Type.Union([MyStatus, Type.Null()]),
  myLeave: Type.Union([LeaveStatus, Type.Null()]),
  /** The check-in window, so a list can say whether check-in is open yet. */
  checkinOpensAt: Instant,
  checkinClosesAt: Instant,
});
export type ActivitySummary = Static<typeof ActivitySummary>;

export const MyAttendance = Type.Object({
  status: AttendanceStatus,
  method: Type.Union([CheckInMethod, Type.Null()]),
  checkedInAt: Type.Union([Instant, Type.Null()]),
});
export type MyAttendance = Static<typeof MyAttendance>;

export const LeaveRequest = Type.Object({
  id: Id,
  activityId: Id,
  member: Type.Object({ id: Id, name: Type.String() }),
  reason: Type.String(),
  status: LeaveStatus,
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  decidedAt: Type.Union([Instant, Type.Null()]),
});
export type LeaveRequest = Static<typeof LeaveRequest>;

export const ActivityDetail = Type.Object({
  ...ActivitySummary.properties,
  topic: Type.String(),
  lateAfter: Instant,
  geofence: Type.Union([Geofence, Type.Null()]),
  /** Points the organisation's rules pay for attending, and the rule's name; null when none. */
  points: Type.Union([Type.Object({ amount: Type.Integer(), label: Type.String() }), Type.Null()]),
  record: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  myAttendance: Type.Union([MyAttendance, Type.Null()]),
  /** Volunteer activities: check-out by code is possible until this time (2 hours after the end). */
  checkOutClosesAt: Type.Optional(Instant),
  /** Volunteer activities: the caller's check-out and the hours it recorded. */
  myCheckOut: Type.Optional(Type.Union([Type.Object({ checkedOutAt: Instant, hours: Type.Number() }), Type.Null()])),
  myLeaveRequest: Type.Union([LeaveRequest, Type.Null()]),
  /** True when the reader may run this activity (its secretary, the org admin). */
  canManage: Type.Boolean(),
  counts: AttendanceCounts,
});
export type ActivityDetail = Static<typeof ActivityDetail>;

export const MyActivitiesQuery = Type.Object(
  {
    when: Type.Union([Type.Literal('upcoming'), Type.Literal('past')], { description: '即将开始 / 已结束' }),
    year: Type.Optional(Year),
  },
  { additionalProperties: false },
);
export type MyActivitiesQuery = Static<typeof MyActivitiesQuery>;

export const MyActivities = Type.Object({
  items: Type.Array(ActivitySummary),
  /** For `past`: how the member took part in the year (the items listed). */
  tally: Type.Object({
    present: Type.Integer({ minimum: 0 }),
    late: Type.Integer({ minimum: 0 }),
    leave: Type.Integer({ minimum: 0 }),
    absent: Type.Integer({ minimum: 0 }),
  }),
});
export type MyActivities = Static<typeof MyActivities>;

export const CheckInBody = Type.Object(
  {
    /** From the QR code (scanned on the mini-program). */
    token: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
    /** The 6-digit code typed by hand. */
    code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '6 位签到码' })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBody>;

export const CheckInResult = Type.Object({
  attendance: MyAttendance,
  /** False when the member had already checked in: the first record is returned. */
  created: Type.Boolean(),
  /** Points this check-in added (0 when a cap was reached, the rule pays none, or it was a repeat). */
  pointsAwarded: Type.Integer(),
  /** Why a recorded check-in paid nothing, when the member should know (the year is closed). */
  pointsNote: Type.Optional(Type.String()),
});
export type CheckInResult = Static<typeof CheckInResult>;

export const LeaveBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: '请假事由' }) },
  { additionalProperties: false },
);
export type LeaveBody = Static<typeof LeaveBody>;

export const ActivityInput = Type.Object(
  {
    type: ActivityType,
    title: Type.String({ minLength: 2, maxLength: 60 }),
    topic: Type.String({ maxLength: 2000, description: '主题 / 学习内容' }),
    place: Type.String({ minLength: 1, maxLength: 100 }),
    geofence: Type.Optional(Type.Union([Geofence, Type.Null()])),
    startsAt: Instant,
    endsAt: Instant,
    /** Default: 30 minutes before the start. */
    checkinOpensAt: Type.Optional(Instant),
    /** Default: the end. */
    checkinClosesAt: Type.Optional(Instant),
    /** Minutes after the start from which a check-in counts as late; default 10. */
    lateAfterMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
  },
  { additionalProperties: false },
);
export type ActivityInput = Static<typeof ActivityInput>;

export const CreateActivityBody = Type.Object(
  {
    ...ActivityInput.properties,
    /** Invite only these members of the audience (e.g. the 支委 for a 支委会); default everyone. */
    memberIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 20000, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateActivityBody = Static<typeof CreateActivityBody>;

export const ManagedActivitiesQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

export const ManagedActivity = Type.Object({
  ...ActivitySummary.properties,
  checkinOpensAt: Instant,
  checkinClosesAt: Instant,
  counts: AttendanceCounts,
  pendingLeave: Type.Integer({ minimum: 0 }),
  hasRecord: Type.Boolean(),
});
export type ManagedActivity = Static<typeof ManagedActivity>;

export const ManagedActivities = Type.Object({ items: Type.Array(ManagedActivity) });
export type ManagedActivities = Static<typeof ManagedActivities>;

export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export type CancelBody = Static<typeof CancelBody>;

export const RosterPerson = Type.Object({ id: Id, name: Type.String() });

export const CheckInDisplay = Type.Object({
  activityId: Id,
  title: Type.String(),
  status: ActivityStatus,
  /** What the QR code encodes: the activity and the current token. */
  payload: Type.String(),
  code: Type.String({ description: '当前 6 位签到码' }),
  /** When this code gives way to the next one (the previous one still works 15 s more). */
  refreshAt: Instant,
  serverTime: Instant,
  windowOpen: Type.Boolean(),
  startsAt: Instant,
  endsAt: Instant,
  checkinOpensAt: Instant,
  checkinClosesAt: Instant,
  /**
   * The reader's own standing when invited (null otherwise): the secretary holding the screen
   * checks in like everyone else, or is marked by another manager.
   */
  viewerStatus: Type.Union([MyStatus, Type.Null()]),
  counts: AttendanceCounts,
  checkedIn: Type.Array(
    Type.Object({
      ...RosterPerson.properties,
      status: AttendanceStatus,
      checkedInAt: Type.Union([Instant, Type.Null()]),
    }),
  ),
  notYet: Type.Array(RosterPerson),
});
export type CheckInDisplay = Static<typeof CheckInDisplay>;

export const ActivityRosterRow = Type.Object({
  member: RosterPerson,
  status: MyStatus,
  method: Type.Union([CheckInMethod, Type.Null()]),
  checkedInAt: Type.Union([Instant, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  leave: Type.Union([LeaveRequest, Type.Null()]),
});
export type ActivityRosterRow = Static<typeof ActivityRosterRow>;

export const ActivityRoster = Type.Object({
  activity: ActivityDetail,
  rows: Type.Array(ActivityRosterRow),
});
export type ActivityRoster = Static<typeof ActivityRoster>;

export const MarkBody = Type.Object(
  {
    status: AttendanceStatus,
    note: Type.Optional(Type.String({ maxLength: 200, description: '备注（如：书记代为登记）' })),
  },
  { additionalProperties: false },
);
export type MarkBody = Static<typeof MarkBody>;

export const LeaveDecisionBody = Type.Object(
  { approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type LeaveDecisionBody = Static<typeof LeaveDecisionBody>;

export const RecordBody = Type.Object(
  { record: Type.String({ minLength: 2, maxLength: 10000, description: '会议记录' }) },
  { additionalProperties: false },
);
export type RecordBody = Static<typeof RecordBody>;

export const ActivityMemberParams = Type.Object({ id: Id, memberId: Id }, { additionalProperties: false });
export const LeaveDecisionParams = Type.Object({ id: Id, requestId: Id }, { additionalProperties: false });

export const CheckOutBody = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
    code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '6 位签到码（签退用同一个码）' })),
  },
  { additionalProperties: false },
);
export type CheckOutBody = Static<typeof CheckOutBody>;

export const CheckOutResult = Type.Object({
  checkedInAt: Instant,
  checkedOutAt: Instant,
  /** The hours recorded for review: check-in to check-out within the activity's start and end, in half hours. */
  hours: Type.Number({ minimum: 0 }),
  /** The volunteer record awaiting the secretary's review; null when the time was under half an hour. */
  recordId: Type.Union([Id, Type.Null()]),
  recordStatus: Type.Union([VolunteerStatus, Type.Null()]),
  completedByManager: Type.Boolean(),
});
export type CheckOutResult = Static<typeof CheckOutResult>;

export const CompleteCheckOutBody = Type.Object(
  {
    checkedOutAt: Instant,
    note: Type.String({ minLength: 2, maxLength: 200, description: '补签退说明' }),
  },
  { additionalProperties: false },
);
export type CompleteCheckOutBody = Static<typeof CompleteCheckOutBody>;

export const CheckOutRow = Type.Object({
  member: Type.Object({ id: Id, name: Type.String() }),
  checkedInAt: Instant,
  checkedOutAt: Type.Union([Instant, Type.Null()]),
  /** The manager's note when the check-out was completed for the member. */
  note: Type.Union([Type.String(), Type.Null()]),
  hours: Type.Union([Type.Number(), Type.Null()]),
  recordStatus: Type.Union([VolunteerStatus, Type.Null()]),
});
export type CheckOutRow = Static<typeof CheckOutRow>;

export const CheckOutRoster = Type.Object({ items: Type.Array(CheckOutRow) });
export type CheckOutRoster = Static<typeof CheckOutRoster>;
