// The member's side of points beyond the summary: the full history, objections (异议),
// closed and published years (公示).
import { Type, type Static } from 'typebox';
import { Id, Instant, Year } from './common.js';
import { LedgerEntry, PointsSummary, SourceType } from './points.js';

export const LedgerQuery = Type.Object(
  {
    year: Type.Optional(Year),
    sourceType: Type.Optional(SourceType),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);

export const LedgerPage = Type.Object({ items: Type.Array(LedgerEntry), total: Type.Integer({ minimum: 0 }) });
export type LedgerPage = Static<typeof LedgerPage>;

export const MemberPoints = Type.Object({
  member: Type.Object({ id: Id, name: Type.String() }),
  summary: PointsSummary,
  entries: Type.Array(LedgerEntry),
});
export type MemberPoints = Static<typeof MemberPoints>;

export const ObjectionStatus = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('reversed'),
    Type.Literal('adjusted'),
    Type.Literal('rejected'),
    Type.Literal('withdrawn'),
  ],
  { description: 'pending 待处理 / reversed 已冲正 / adjusted 已调整 / rejected 未采纳 / withdrawn 本人已撤回' },
);
export type ObjectionStatus = Static<typeof ObjectionStatus>;

export const Objection = Type.Object({
  id: Id,
  member: Type.Object({ id: Id, name: Type.String() }),
  entry: LedgerEntry,
  reason: Type.String(),
  status: ObjectionStatus,
  resolutionNote: Type.Union([Type.String(), Type.Null()]),
  /** The reversing or adjusting entry that settled it. */
  resolutionEntry: Type.Union([LedgerEntry, Type.Null()]),
  resolvedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export type Objection = Static<typeof Objection>;

export const ObjectionList = Type.Object({ items: Type.Array(Objection) });
export type ObjectionList = Static<typeof ObjectionList>;

/** What a manager needs beside an objection to settle it fairly. */
export const ObjectionContext = Type.Object({
  /** The member's use of the disputed entry's cap group in the entry's year. */
  capUse: Type.Object({
    label: Type.String(),
    year: Year,
    used: Type.Integer(),
    /** The yearly cap; null when the group has none. */
    yearCap: Type.Union([Type.Integer(), Type.Null()]),
  }),
  /** The member's other objections, newest first. */
  earlier: Type.Array(
    Type.Object({
      id: Id,
      entryLabel: Type.String(),
      entryDelta: Type.Integer(),
      reason: Type.String(),
      status: ObjectionStatus,
      resolutionNote: Type.Union([Type.String(), Type.Null()]),
      createdAt: Instant,
    }),
  ),
});
export type ObjectionContext = Static<typeof ObjectionContext>;

export const ObjectionBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 300, description: '异议理由' }) },
  { additionalProperties: false },
);
export type ObjectionBody = Static<typeof ObjectionBody>;

export const ResolveObjectionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('reverse'), Type.Literal('adjust'), Type.Literal('reject')], {
      description: 'reverse 冲正原记录 / adjust 加减分调整 / reject 不予采纳',
    }),
    /** For `adjust` only: the correcting amount, within the award / deduction limits. */
    delta: Type.Optional(Type.Integer({ minimum: -100, maximum: 100 })),
    note: Type.String({ minLength: 2, maxLength: 200, description: '处理说明' }),
  },
  { additionalProperties: false },
);
export type ResolveObjectionBody = Static<typeof ResolveObjectionBody>;

export const ObjectionListQuery = Type.Object(
  { status: Type.Optional(ObjectionStatus) },
  { additionalProperties: false },
);

export const StarCount = Type.Object({
  stars: Type.Integer({ minimum: 0, maximum: 5 }),
  label: Type.String(),
  count: Type.Integer(),
});

export const PointsYear = Type.Object({
  year: Year,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('published')]),
  /** False for the current year (China time): closing it needs `early` and `confirmYear`. */
  ended: Type.Boolean(),
  closedAt: Type.Union([Instant, Type.Null()]),
  publishedAt: Type.Union([Instant, Type.Null()]),
  members: Type.Integer({ minimum: 0 }),
  distribution: Type.Array(StarCount),
  /** Whether anyone of the organisation has points booked in the year: an empty past year needs no close. */
  hasEntries: Type.Boolean(),
});
export type PointsYear = Static<typeof PointsYear>;

export const PointsYearList = Type.Object({ years: Type.Array(PointsYear) });
export type PointsYearList = Static<typeof PointsYearList>;

export const YearParams = Type.Object({ orgId: Id, year: Year }, { additionalProperties: false });

/** Closing the current year before it ends needs both fields: a deliberate, confirmed act. */
export const CloseYearBody = Type.Object(
  {
    early: Type.Optional(Type.Boolean({ description: '提前结算尚未结束的年度' })),
    confirmYear: Type.Optional(Year),
  },
  { additionalProperties: false },
);
export type CloseYearBody = Static<typeof CloseYearBody>;

/** A published year as a member sees it: the own frozen result and the branch's star levels. */
export const Publication = Type.Object({
  year: Year,
  publishedAt: Instant,
  summary: PointsSummary,
  branchName: Type.Union([Type.String(), Type.Null()]),
  branchDistribution: Type.Array(StarCount),
  /**
   * Corrections of this year's entries made after it was closed. They are booked in a later,
   * open year; the published result above stays what was published.
   */
  corrections: Type.Array(LedgerEntry),
});
export type Publication = Static<typeof Publication>;

export const PublicationList = Type.Object({ items: Type.Array(Publication) });
export type PublicationList = Static<typeof PublicationList>;
