import { Type, type Static } from 'typebox';
import { DateString, Id, Instant, Year } from './common.js';

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
  /**
   * When a cap cut the delta: which cap, in words, and that it is used up
   * (e.g. 志愿服务年度上限 8 分已用满). Null otherwise.
   */
  capNote: Type.Union([Type.String(), Type.Null()]),
  reversesEntryId: Type.Union([Id, Type.Null()]),
  reversedByEntryId: Type.Union([Id, Type.Null()]),
  /** The entry this one corrects (a reversal, or an adjustment settling an objection). */
  correctsEntryId: Type.Union([Id, Type.Null()]),
  actorId: Type.Union([Id, Type.Null()]),
  /** The date the entry counts on (its year and period caps); a reversal shows when it was booked. */
  occurredAt: Instant,
  /**
   * When it really happened for the member: the check-in, the approval of the record, the
   * submission of the quiz, the secretary's award. Lists are ordered by it, newest first.
   */
  recordedAt: Instant,
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
  /** The day (China time) this version took effect; set on rules read through the API. */
  effectiveFrom: Type.Optional(DateString),
});
export type PointsRules = Static<typeof PointsRules>;

// The org admin's rule editor. Numbers are plain numbers here (not integers) so that every
// problem, a fraction included, comes back at once from the domain's check with its field.
const Num = Type.Number();
const OptionalCap = Type.Optional(Type.Union([Num, Type.Null()]));

/** What the org admin may change; labels, cap groups and activity types stay as they are. */
export const PointsRulesDraft = Type.Object({
  baseScore: Num,
  starThresholds: Type.Array(Type.Object({ stars: Num, min: Num }), { maxItems: 10 }),
  rules: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 40 }),
      points: Num,
      min: Type.Optional(Num),
      max: Type.Optional(Num),
    }),
    { maxItems: 40 },
  ),
  caps: Type.Record(
    Type.String({ maxLength: 40 }),
    Type.Object({ day: OptionalCap, month: OptionalCap, year: OptionalCap }),
  ),
  volunteerLogDays: Type.Optional(Num),
});
export type PointsRulesDraft = Static<typeof PointsRulesDraft>;

export const RulesPreviewBody = Type.Object(
  {
    rules: PointsRulesDraft,
    /** Default today. A base score changes the totals of the year the new rules take effect in. */
    effectiveFrom: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type RulesPreviewBody = Static<typeof RulesPreviewBody>;

export const RulesPublishBody = Type.Object(
  { rules: PointsRulesDraft, effectiveFrom: DateString },
  { additionalProperties: false },
);
export type RulesPublishBody = Static<typeof RulesPublishBody>;

const Range = Type.Object({ min: Type.Integer(), max: Type.Integer() });
/** The bounds the editor offers; the server checks the same ones. */
export const RulesLimits = Type.Object({
  baseScore: Range,
  points: Range,
  cap: Range,
  awardMax: Range,
  deductionMin: Range,
  absence: Range,
  threshold: Range,
});
export type RulesLimits = Static<typeof RulesLimits>;

export const RuleVersionStatus = Type.Union([
  Type.Literal('in_effect'),
  Type.Literal('scheduled'),
  Type.Literal('past'),
  Type.Literal('superseded'),
]);
export type RuleVersionStatus = Static<typeof RuleVersionStatus>;

export const RuleVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  effectiveFrom: DateString,
  publishedAt: Instant,
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  /** past: replaced by a later version in effect; superseded: replaced before its date came. */
  status: RuleVersionStatus,
});
export type RuleVersion = Static<typeof RuleVersion>;

export const RulesAdmin = Type.Object({
  /** The version in effect today. */
  current: PointsRules,
  /** A version published to take effect on a later date, if any. */
  scheduled: Type.Union([PointsRules, Type.Null()]),
  versions: Type.Array(RuleVersion),
  limits: RulesLimits,
  /** Today in China time: the earliest date a new version may take effect. */
  today: DateString,
});
export type RulesAdmin = Static<typeof RulesAdmin>;

export const RulesPreviewMember = Type.Object({
  memberId: Id,
  name: Type.String(),
  branchName: Type.String(),
  oldTotal: Type.Integer(),
  newTotal: Type.Integer(),
  oldLevel: StarLevel,
  newLevel: StarLevel,
});

export const RulesPreview = Type.Object({
  /** The year whose current totals the preview is computed from. */
  year: Year,
  /** Members counted (active members of the organisation's branches). */
  members: Type.Integer({ minimum: 0 }),
  /** Members whose star level would change. */
  levelChanged: Type.Integer({ minimum: 0 }),
  /** Every member whose level or total would change, level changes first. */
  items: Type.Array(RulesPreviewMember),
  /** What the draft changes, in plain words (e.g. “基础分：60 → 65”). */
  changes: Type.Array(Type.String()),
});
export type RulesPreview = Static<typeof RulesPreview>;

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
