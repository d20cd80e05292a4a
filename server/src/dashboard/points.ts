// Points figures: this year's totals (base + earned) of the active members in scope, the
// star levels they stand at, and where they would end if they kept this year's pace.
import type { PointsDistribution } from '../contract/dashboard.js';
import type { PointsRules } from '../contract/points.js';
import type { Db } from '../db/index.js';
import { starLevelOf } from '../points/rules.js';
import { mean } from './period.js';
import { branchOf, type Scope } from './scope.js';

export interface MemberTotal {
  memberId: number;
  branchId: number;
  base: number;
  earned: number;
}

/** Every active member in scope with this year's base and earned points (the base alone when none yet). */
export async function memberTotals(db: Db, scope: Scope, year: number, baseScore: number): Promise<MemberTotal[]> {
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('members as m')
    .leftJoin('points_totals as pt', (join) => join.onRef('pt.member_id', '=', 'm.id').on('pt.year', '=', year))
    .select(['m.id', 'm.branch_id', 'pt.base', 'pt.earned'])
    .where('m.org_id', '=', scope.orgId)
    .where('m.active', '=', 1)
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number))
    .$if(branchId === null, (q) => q.where('m.branch_id', 'is not', null))
    .execute();
  return rows.map((r) => ({
    memberId: r.id,
    branchId: r.branch_id as number,
    base: r.base ?? baseScore,
    earned: r.earned ?? 0,
  }));
}

/** Per branch of an organisation: active members and the sum of this year's totals. */
export async function pointsByBranch(
  db: Db,
  orgId: number,
  year: number,
  baseScore: number,
): Promise<Map<number, { members: number; sum: number }>> {
  const rows = await db
    .selectFrom('members as m')
    .leftJoin('points_totals as pt', (join) => join.onRef('pt.member_id', '=', 'm.id').on('pt.year', '=', year))
    .select((eb) => [
      'm.branch_id',
      eb.fn.countAll<number>().as('members'),
      eb.fn.count<number>('pt.member_id').as('with_totals'),
      eb.fn.sum<number>(eb(eb.ref('pt.base'), '+', eb.ref('pt.earned'))).as('sum'),
    ])
    .where('m.org_id', '=', orgId)
    .where('m.active', '=', 1)
    .where('m.branch_id', 'is not', null)
    .groupBy('m.branch_id')
    .execute();
  // Members without a total yet stand at the base score.
  return new Map(
    rows.map((r) => [
      r.branch_id as number,
      {
        members: Number(r.members),
        sum: Number(r.sum ?? 0) + (Number(r.members) - Number(r.with_totals)) * baseScore,
      },
    ]),
  );
}

/**
 * The share of `year` gone by at `now`, at least a quarter: extrapolating January's
 * points over the whole year would put everyone at ★★★★★.
 */
export function yearElapsed(yearFromMs: number, yearToMs: number, now: number): number {
  const gone = (Math.min(now, yearToMs) - yearFromMs) / (yearToMs - yearFromMs);
  return Math.min(1, Math.max(0.25, gone));
}

/** Year-end total if the member keeps the pace of the year so far. */
export const projectedTotal = (t: Pick<MemberTotal, 'base' | 'earned'>, elapsed: number) =>
  t.base + Math.round(t.earned / elapsed);

export function pointsDistribution(
  totals: MemberTotal[],
  year: number,
  rules: Pick<PointsRules, 'starThresholds'>,
  elapsed: number,
): PointsDistribution {
  const stars = [0, 1, 2, 3, 4, 5].map((n) => ({
    stars: n,
    label: n === 0 ? '不合格' : '★'.repeat(n),
    current: 0,
    projected: 0,
  }));
  let sum = 0;
  for (const t of totals) {
    const total = t.base + t.earned;
    sum += total;
    stars[starLevelOf(total, rules).stars]!.current += 1;
    stars[starLevelOf(projectedTotal(t, elapsed), rules).stars]!.projected += 1;
  }
  return { year, members: totals.length, average: mean(sum, totals.length), stars };
}
