// Quiz figures. Participation: a member with a submitted attempt at a quiz open to them;
// a member passes a quiz when any of their attempts passed. Headline rates count exams
// (考试) only; practice quizzes appear in the ledger but are nobody's obligation.
import type { QuizRates } from '../contract/dashboard.js';
import type { Db } from '../db/index.js';
import { rate } from './period.js';
import { branchOf, type Scope } from './scope.js';

export interface ScopedQuiz {
  id: number;
  title: string;
  kind: string;
  branchId: number | null;
  passMark: number;
  opensAt: number;
  closesAt: number;
}

/** Quizzes open to the scope that opened in [fromMs, min(toMs, now)], oldest first. */
export async function quizzesInScope(
  db: Db,
  scope: Scope,
  fromMs: number,
  toMs: number,
  now: number,
  kinds: string[] = ['exam'],
): Promise<ScopedQuiz[]> {
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('quizzes')
    .select(['id', 'title', 'kind', 'branch_id', 'pass_mark', 'opens_at', 'closes_at'])
    .where('org_id', '=', scope.orgId)
    .where('kind', 'in', kinds)
    .where('opens_at', '>=', fromMs)
    .where('opens_at', '<', Math.min(toMs, now + 1))
    .$if(branchId !== null, (q) =>
      q.where((eb) => eb.or([eb('branch_id', 'is', null), eb('branch_id', '=', branchId as number)])),
    )
    .orderBy('opens_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    branchId: r.branch_id,
    passMark: r.pass_mark,
    opensAt: Number(r.opens_at),
    closesAt: Number(r.closes_at),
  }));
}

export interface QuizTakers {
  quizId: number;
  branchId: number;
  participated: number;
  passed: number;
}

/** Per quiz and branch: active members in scope who submitted an attempt, and who passed. */
export async function quizTakers(db: Db, scope: Scope, quizIds: number[]): Promise<QuizTakers[]> {
  if (quizIds.length === 0) return [];
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('quiz_attempts as qa')
    .innerJoin('members as m', 'm.id', 'qa.member_id')
    .select((eb) => [
      'qa.quiz_id',
      'm.branch_id',
      eb.fn.count<number>('qa.member_id').distinct().as('participated'),
      eb.fn
        .count<number>(eb.case().when('qa.passed', '=', 1).then(eb.ref('qa.member_id')).end())
        .distinct()
        .as('passed'),
    ])
    .where('qa.quiz_id', 'in', quizIds)
    .where('qa.submitted_at', 'is not', null)
    .where('m.active', '=', 1)
    .where('m.org_id', '=', scope.orgId)
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number))
    .$if(branchId === null, (q) => q.where('m.branch_id', 'is not', null))
    .groupBy(['qa.quiz_id', 'm.branch_id'])
    .execute();
  return rows.map((r) => ({
    quizId: r.quiz_id,
    branchId: r.branch_id as number,
    participated: Number(r.participated),
    passed: Number(r.passed ?? 0),
  }));
}

/** Members who could take each quiz: its branch's, or every branch's for an org-wide quiz. */
export function expectedTakers(quiz: ScopedQuiz, membersByBranch: Map<number, number>): number {
  if (quiz.branchId !== null) return membersByBranch.get(quiz.branchId) ?? 0;
  let total = 0;
  for (const n of membersByBranch.values()) total += n;
  return total;
}

export function quizSummary(
  quizzes: ScopedQuiz[],
  takers: QuizTakers[],
  membersByBranch: Map<number, number>,
): QuizRates {
  const expected = quizzes.reduce((sum, q) => sum + expectedTakers(q, membersByBranch), 0);
  const participated = takers.reduce((sum, t) => sum + t.participated, 0);
  const passed = takers.reduce((sum, t) => sum + t.passed, 0);
  return {
    quizzes: quizzes.length,
    expected,
    participated,
    passed,
    participationRate: rate(participated, expected),
    passRate: rate(passed, participated),
  };
}

/** Each member's best score per quiz (the ledger's 答题情况). */
export async function bestScores(
  db: Db,
  scope: Scope,
  quizIds: number[],
): Promise<Array<{ quizId: number; memberId: number; best: number | null; passed: boolean }>> {
  if (quizIds.length === 0) return [];
  const branchId = branchOf(scope);
  const rows = await db
    .selectFrom('quiz_attempts as qa')
    .innerJoin('members as m', 'm.id', 'qa.member_id')
    .select((eb) => [
      'qa.quiz_id',
      'qa.member_id',
      eb.fn.max('qa.score').as('best'),
      eb.fn.max('qa.passed').as('passed'),
    ])
    .where('qa.quiz_id', 'in', quizIds)
    .where('qa.submitted_at', 'is not', null)
    .where('m.org_id', '=', scope.orgId)
    .$if(branchId !== null, (q) => q.where('m.branch_id', '=', branchId as number))
    .groupBy(['qa.quiz_id', 'qa.member_id'])
    .execute();
  return rows.map((r) => ({
    quizId: r.quiz_id,
    memberId: r.member_id,
    best: r.best === null ? null : Number(r.best),
    passed: Number(r.passed ?? 0) === 1,
  }));
}
