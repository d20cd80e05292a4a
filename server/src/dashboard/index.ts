// The dashboard's entry points; each figure lives in its own function in this folder.
import type { BranchComparison, Dashboard, MemberTable } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { loadRules, yearBase } from '../points/service.js';
import {
  activityRates,
  attendanceByActivity,
  attendanceByBranch,
  attendanceSummary,
  attendanceTrend,
} from './attendance.js';
import { countMembers, memberParticipation, membersByBranch } from './members.js';
import { pendingWork } from './pending.js';
import { mean, rate, type PeriodRange } from './period.js';
import { memberTotals, pointsByBranch, pointsDistribution, yearElapsed } from './points.js';
import { expectedTakers, quizSummary, quizTakers, quizzesInScope } from './quiz.js';
import { orgScope, scopeRef, type Scope } from './scope.js';
import { volunteerByBranch, volunteerSummary } from './volunteer.js';

export { branchScope, orgScope, type Scope } from './scope.js';
export { periodOf } from './period.js';
export { needsAttention } from './members.js';
export { pendingWork } from './pending.js';

/** Headline figures, trend, activities, points distribution and pending counts for a branch or an org. */
export async function dashboard(db: Db, scope: Scope, period: PeriodRange, now = Date.now()): Promise<Dashboard> {
  const [rules, base] = await Promise.all([loadRules(db, scope.orgId), yearBase(db, scope.orgId, period.year)]);
  const [byActivity, byBranch, quizzes, volunteer, totals, pending] = await Promise.all([
    attendanceByActivity(db, scope, period.yearFromMs, period.yearToMs),
    membersByBranch(db, scope),
    quizzesInScope(db, scope, period.fromMs, period.toMs, now),
    volunteerByBranch(db, scope, period.from, period.to),
    memberTotals(db, scope, period.year, base),
    pendingWork(db, scope),
  ]);
  const takers = await quizTakers(
    db,
    scope,
    quizzes.map((q) => q.id),
  );
  const members = countMembers(byBranch);
  return {
    scope: scopeRef(scope),
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, year: period.year },
    members,
    attendance: attendanceSummary(byActivity, period.fromMs, period.toMs),
    trend: attendanceTrend(byActivity, period.year),
    activities: activityRates(byActivity, period.fromMs, period.toMs),
    quiz: quizSummary(quizzes, takers, byBranch),
    volunteer: volunteerSummary(volunteer, members),
    points: pointsDistribution(totals, period.year, rules, yearElapsed(period.yearFromMs, period.yearToMs, now)),
    pending: {
      leave: pending.leave.count,
      volunteer: pending.volunteer.count,
      objections: pending.objections.count,
    },
  };
}

/** The per-member participation table of a branch. */
export async function memberTable(
  db: Db,
  branch: { id: number; org_id: number },
  period: PeriodRange,
): Promise<MemberTable> {
  const base = await yearBase(db, branch.org_id, period.year);
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, year: period.year },
    members: await memberParticipation(db, branch.id, period, base),
  };
}

/** Every branch of an organisation side by side, by rates and averages, in a fixed order. */
export async function branchComparison(
  db: Db,
  org: { id: number; name: string },
  period: PeriodRange,
  now = Date.now(),
): Promise<BranchComparison> {
  const scope = orgScope(org);
  const base = await yearBase(db, org.id, period.year);
  const [branches, byBranch, attendance, quizzes, volunteer, totals] = await Promise.all([
    db.selectFrom('branches').select(['id', 'name']).where('org_id', '=', org.id).orderBy('id').execute(),
    membersByBranch(db, scope),
    attendanceByBranch(db, org.id, period.fromMs, period.toMs),
    quizzesInScope(db, scope, period.fromMs, period.toMs, now),
    volunteerByBranch(db, scope, period.from, period.to),
    pointsByBranch(db, org.id, period.year, base),
  ]);
  const takers = await quizTakers(
    db,
    scope,
    quizzes.map((q) => q.id),
  );
  const takersOf = new Map<number, { participated: number; passed: number }>();
  for (const t of takers) {
    const known = takersOf.get(t.branchId) ?? { participated: 0, passed: 0 };
    takersOf.set(t.branchId, { participated: known.participated + t.participated, passed: known.passed + t.passed });
  }
  const hoursOf = new Map(volunteer.map((v) => [v.branchId, v.hours]));
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, year: period.year },
    branches: branches.map((b) => {
      const members = byBranch.get(b.id) ?? 0;
      const own = new Map([[b.id, members]]);
      const expected = quizzes
        .filter((q) => q.branchId === null || q.branchId === b.id)
        .reduce((sum, q) => sum + expectedTakers(q, own), 0);
      const { participated, passed } = takersOf.get(b.id) ?? { participated: 0, passed: 0 };
      const hours = hoursOf.get(b.id) ?? 0;
      const points = totals.get(b.id);
      const seen = attendance.get(b.id);
      return {
        id: b.id,
        name: b.name,
        members,
        attendanceRate: seen ? rate(seen.attended, seen.invited) : null,
        quizParticipationRate: rate(participated, expected),
        quizPassRate: rate(passed, participated),
        volunteerHoursPerMember: mean(hours, members),
        averagePoints: points ? mean(points.sum, points.members) : null,
      };
    }),
  };
}
