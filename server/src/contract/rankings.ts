import { Type, type Static } from 'typebox';
import { Id } from './common.js';

export const RankingVisibility = Type.Union([Type.Literal('off'), Type.Literal('self'), Type.Literal('opt_in')], {
  description: 'off 不显示排名 / self 只看自己的名次 / opt_in 榜单只列自愿参加的党员',
});
export type RankingVisibility = Static<typeof RankingVisibility>;

export const RankScope = Type.Union([Type.Literal('branch'), Type.Literal('org')]);
export const RankPeriod = Type.Union([Type.Literal('month'), Type.Literal('year')]);

export const RankingQuery = Type.Object(
  { scope: Type.Optional(RankScope), period: Type.Optional(RankPeriod) },
  { additionalProperties: false },
);
export type RankingQuery = Static<typeof RankingQuery>;

export const RankingRow = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  memberId: Id,
  name: Type.String(),
  branchName: Type.Union([Type.String(), Type.Null()]),
  points: Type.Integer(),
  isSelf: Type.Boolean(),
});
export type RankingRow = Static<typeof RankingRow>;

export const Ranking = Type.Object({
  visibility: RankingVisibility,
  scope: RankScope,
  period: RankPeriod,
  /** 本月 (2026年11月) / 本年度 (2026年). */
  periodLabel: Type.String(),
  scopeName: Type.String(),
  /** Null when the organisation turned rankings off. */
  own: Type.Union([
    Type.Object({
      points: Type.Integer(),
      rank: Type.Integer({ minimum: 1 }),
      total: Type.Integer({ minimum: 1 }),
      /** Within the top this share of the scope, 1-100. */
      topPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    }),
    Type.Null(),
  ]),
  optedIn: Type.Boolean(),
  /** Opted-in members only, the top 50 at most and never below the middle; empty unless opt_in. */
  list: Type.Array(RankingRow),
});
export type Ranking = Static<typeof Ranking>;

export const RankingPreference = Type.Object({ optIn: Type.Boolean() }, { additionalProperties: false });
export type RankingPreference = Static<typeof RankingPreference>;

export const OrgSettings = Type.Object({ rankingVisibility: RankingVisibility }, { additionalProperties: false });
export type OrgSettings = Static<typeof OrgSettings>;
