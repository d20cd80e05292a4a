import { Type, type Static } from 'typebox';
import { Id, Instant, Year } from './common.js';

export const StarLevel = Type.Object({
  /** 0 means 不合格 (below the lowest threshold). */
  stars: Type.Integer({ minimum: 0, maximum: 5 }),
  label: Type.String({ description: '如 ★★★ 或 不合格' }),
  /** Points still needed for the next level, null at the top. */
  nextAt: Type.Union([Type.Integer(), Type.Null()]),
});
export type StarLevel = Static<typeof StarLevel>;

export const PointsSummary = Type.Object({
  year: Year,
  base: Type.Integer(),
  earned: Type.Integer(),
  total: Type.Integer(),
  starLevel: StarLevel,
  /** True once the org admin has closed the year; the total is then a frozen snapshot. */
  closed: Type.Boolean(),
});
export type PointsSummary = Static<typeof PointsSummary>;

export const SourceType = Type.Union(
  [
    Type.Literal('activity'),
    Type.Literal('quiz_attempt'),
    Type.Literal('daily_practice'),
    Type.Literal('volunteer_record'),
    Type.Literal('manual'),
    Type.Literal('reversal'),
  ],
  { description: '积分来源' },
);
export type SourceType = Static<typeof SourceType>;

export const LedgerEntry = Type.Object({
  id: Id,
  memberId: Id,
  year: Year,
  delta: Type.Integer(),
  ruleCode: Type.String(),
  ruleLabel: Type.String(),
  ruleVersion: Type.Integer({ minimum: 1 }),
  sourceType: SourceType,
  sourceId: Type.String(),
  /** A human title for the source (activity title, quiz title, ...), when known. */
  sourceTitle: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** Set when the delta was cut by a cap; holds what the rule would have paid. */
  cappedFrom: Type.Union([Type.Integer(), Type.Null()]),
  reversesEntryId: Type.Union([Id, Type.Null()]),
  reversedByEntryId: Type.Union([Id, Type.Null()]),
  /** The entry this one corrects (a reversal, or an adjustment settling an objection). */
  correctsEntryId: Type.Union([Id, Type.Null()]),
  actorId: Type.Union([Id, Type.Null()]),
  occurredAt: Instant,
});
export type LedgerEntry = Static<typeof LedgerEntry>;

export const CapSet = Type.Object({
  day: Type.Optional(Type.Integer({ minimum: 0 })),
  month: Type.Optional(Type.Integer({ minimum: 0 })),
  year: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const PointsRule = Type.Object({
  code: Type.String(),
  label: Type.String(),
  description: Type.String(),
  /** Points per occurrence (per full hour for volunteer service); for manual rules, the default. */
  points: Type.Integer(),
  /** Inclusive bounds a secretary may award or deduct in one manual entry. */
  min: Type.Optional(Type.Integer()),
  max: Type.Optional(Type.Integer()),
  /** Rules sharing a capGroup share one cap (e.g. a quiz pass and its full-marks bonus). */
  capGroup: Type.String(),
  /** For attendance rules: the activity types whose attendance this rule pays. */
  activityTypes: Type.Optional(Type.Array(Type.String())),
});
export type PointsRule = Static<typeof PointsRule>;

export const StarThreshold = Type.Object({ stars: Type.Integer({ minimum: 1, maximum: 5 }), min: Type.Integer() });

export const PointsRules = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  baseScore: Type.Integer(),
  starThresholds: Type.Array(StarThreshold),
  rules: Type.Array(PointsRule),
  caps: Type.Record(Type.String(), CapSet),
  /** How many days back a volunteer record may be dated. Default 90. */
  volunteerLogDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
});
export type PointsRules = Static<typeof PointsRules>;

export const MyPoints = Type.Object({
  summary: PointsSummary,
  recent: Type.Array(LedgerEntry),
});
export type MyPoints = Static<typeof MyPoints>;

export const ManualEntryBody = Type.Object(
  {
    delta: Type.Integer({ minimum: -100, maximum: 100, description: '正数为奖励，负数为扣减' }),
    reason: Type.String({ minLength: 2, maxLength: 200, description: '理由' }),
  },
  { additionalProperties: false },
);
export type ManualEntryBody = Static<typeof ManualEntryBody>;

export const ReverseEntryBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export type ReverseEntryBody = Static<typeof ReverseEntryBody>;
