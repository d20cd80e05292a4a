import { cst } from '../lib/time.js';

export type RankScope = 'org' | 'branch';
export type RankPeriod = 'month' | 'year';

/** Period keys as stored in rank_member_totals and rank_counts: 'y2026', 'm2026-11' (CST). */
export const yearKey = (ms: number) => `y${cst(ms).year()}`;
export const monthKey = (ms: number) => `m${cst(ms).format('YYYY-MM')}`;
export const periodKey = (period: RankPeriod, ms: number) => (period === 'year' ? yearKey(ms) : monthKey(ms));

export const scopeKey = (scope: RankScope, id: number) => `${scope === 'org' ? 'o' : 'b'}${id}`;

/** The scope keys a member's points count in. */
export const scopesOf = (orgId: number, branchId: number | null) =>
  branchId === null ? [scopeKey('org', orgId)] : [scopeKey('org', orgId), scopeKey('branch', branchId)];
