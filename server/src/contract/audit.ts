// The audit log as read by people: who did what, to whom, when, and why.
import { Type, type Static } from 'typebox';
import { Id, Instant } from './common.js';

/** Groups of actions a reader filters by; `other` holds actions this list does not name yet. */
export const AuditKind = Type.Union(
  [
    Type.Literal('points'),
    Type.Literal('attendance'),
    Type.Literal('activity'),
    Type.Literal('volunteer'),
    Type.Literal('study'),
    Type.Literal('account'),
    Type.Literal('other'),
  ],
  {
    description:
      'points 积分 / attendance 出勤与请假 / activity 活动 / volunteer 志愿服务 / study 题库与答题 / account 账号与设置 / other 其他',
  },
);
export type AuditKind = Static<typeof AuditKind>;

const PersonRef = Type.Object({ id: Id, name: Type.String() });

export const AuditEntry = Type.Object({
  id: Id,
  /** The stable action code, e.g. `points.award`, `attendance.mark`. */
  action: Type.String(),
  kind: AuditKind,
  /** The action in Chinese: 加分, 登记出勤, 批准请假, ... */
  label: Type.String(),
  /** Who did it; null for an action of the system. */
  actor: Type.Union([PersonRef, Type.Null()]),
  /** The member the action is about, when it is about one. */
  member: Type.Union([PersonRef, Type.Null()]),
  /** What changed, in Chinese: "+3 分", "「主题党日」未登记 → 出席". */
  summary: Type.Union([Type.String(), Type.Null()]),
  /** The reason or note given with the action. */
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Instant,
  /** `at` in China time for people: 11月30日 19:05 (with the year when not this year). */
  atText: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditKindOption = Type.Object({ value: AuditKind, label: Type.String() });
export type AuditKindOption = Static<typeof AuditKindOption>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer({ minimum: 0 }),
  /** The kinds a reader may filter by, with their Chinese labels. */
  kinds: Type.Array(AuditKindOption),
});
export type AuditPage = Static<typeof AuditPage>;

const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000, default: 0 })),
};

export const AuditQuery = Type.Object(
  {
    /** The member the entries are about. */
    memberId: Type.Optional(Id),
    /** The member who did it. */
    actorId: Type.Optional(Id),
    kind: Type.Optional(AuditKind),
    ...paging,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const MyAuditQuery = Type.Object(paging, { additionalProperties: false });
export type MyAuditQuery = Static<typeof MyAuditQuery>;
