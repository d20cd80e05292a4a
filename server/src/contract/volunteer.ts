import { Type, type Static } from 'typebox';
import { DateString, Id, Instant, Year } from './common.js';

export const VolunteerCategory = Type.Union(
  [
    Type.Literal('社区服务'),
    Type.Literal('文明创建'),
    Type.Literal('乡村振兴'),
    Type.Literal('应急救灾'),
    Type.Literal('助老助残'),
    Type.Literal('其他'),
  ],
  { description: '服务类别' },
);
export type VolunteerCategory = Static<typeof VolunteerCategory>;

export const VolunteerStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('reversed')],
  { description: 'pending 待审核 / approved 已通过 / rejected 已退回 / reversed 已撤销' },
);
export type VolunteerStatus = Static<typeof VolunteerStatus>;

export const VolunteerPhoto = Type.Object({
  id: Id,
  /** Needs the bearer token: fetch with Taro.downloadFile and a header, not an <Image src>. */
  url: Type.String(),
});
export type VolunteerPhoto = Static<typeof VolunteerPhoto>;

export const VolunteerRecord = Type.Object({
  id: Id,
  member: Type.Object({ id: Id, name: Type.String() }),
  branchId: Type.Union([Id, Type.Null()]),
  servedOn: DateString,
  hours: Type.Number(),
  category: VolunteerCategory,
  place: Type.String(),
  description: Type.String(),
  photos: Type.Array(VolunteerPhoto),
  status: VolunteerStatus,
  /** 'self' (logged by the member) or 'activity' (from a volunteer activity's check-in and check-out). */
  source: Type.Union([Type.Literal('self'), Type.Literal('activity')]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  reversalReason: Type.Union([Type.String(), Type.Null()]),
  reviewer: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  /** Points the approval paid (after caps); null until approved. */
  points: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * Why an approved record paid less than its hours, in words (a cap used up, under an hour,
   * a closed year); null when it paid in full or is not approved.
   */
  pointsNote: Type.Union([Type.String(), Type.Null()]),
  submissions: Type.Integer({ minimum: 1 }),
  createdAt: Instant,
});
export type VolunteerRecord = Static<typeof VolunteerRecord>;

const Text = (min: number, max: number, description: string) =>
  Type.String({ minLength: min, maxLength: max, description });

export const VolunteerRecordBody = Type.Object(
  {
    servedOn: DateString,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 12, multipleOf: 0.5, description: '小时，0.5 的倍数' }),
    category: VolunteerCategory,
    place: Text(2, 100, '服务地点'),
    description: Text(2, 500, '服务内容'),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 3, uniqueItems: true, description: '最多 3 张，可不传' })),
  },
  { additionalProperties: false },
);
export type VolunteerRecordBody = Static<typeof VolunteerRecordBody>;

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: '理由' }) },
  { additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBody>;

export const MyVolunteer = Type.Object({
  year: Year,
  approvedHours: Type.Number(),
  pendingHours: Type.Number(),
  records: Type.Array(VolunteerRecord),
});
export type MyVolunteer = Static<typeof MyVolunteer>;

export const VolunteerRecordList = Type.Object({ items: Type.Array(VolunteerRecord), total: Type.Integer() });
export type VolunteerRecordList = Static<typeof VolunteerRecordList>;

export const VolunteerListQuery = Type.Object(
  {
    status: Type.Optional(VolunteerStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);

export const UploadedPhoto = Type.Object({ id: Id, url: Type.String(), size: Type.Integer(), mime: Type.String() });
export type UploadedPhoto = Static<typeof UploadedPhoto>;
