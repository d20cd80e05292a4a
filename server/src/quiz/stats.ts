// Quiz statistics for secretaries and org admins: participation and pass rates per quiz and
// per branch, and accuracy per question and per tag, weakest first.
import type { Kysely } from 'kysely';
import type { Database, QuizRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { managesBranch } from '../auth/actor.js';
import type { BranchRate, QuizStats, RateRow, StatsOverview, TagAccuracy } from '../contract/quiz.js';
import { forbidden, notFound } from '../errors.js';
import { summarize } from './quizzes.js';

type Db = Kysely<Database>;
interface BranchInfo {
  id: number;
  name: string;
  members: number[];
}
interface AttemptFact {
  quiz_id: number;
  member_id: number;
  score: number | null;
  passed: number | null;
  submitted_at: number | null;
}

const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 1000);

function rateRow(audience: number, attempts: AttemptFact[]): RateRow {
  const members = new Set(attempts.map((a) => a.member_id));
  const passed = new Set(attempts.filter((a) => a.passed === 1).map((a) => a.member_id));
  const scores = attempts.filter((a) => a.submitted_at !== null).map((a) => a.score ?? 0);
  return {
    audience,
    participants: members.size,
    passed: passed.size,
    participationRate: rate(members.size, audience),
    passRate: rate(passed.size, members.size),
    averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
  };
}

/** The branches a manager reports on, with their current members. */
async function scopeBranches(db: Db, actor: Actor, branchIds: number[] | null): Promise<BranchInfo[]> {
  let query = db.selectFrom('branches').select(['id', 'name']).where('org_id', '=', actor.orgId).orderBy('id');
  if (branchIds) query = query.where('id', 'in', branchIds.length ? branchIds : [-1]);
  const branches = await query.execute();
  const members = branches.length
    ? await db
        .selectFrom('members')
        .select(['id', 'branch_id'])
        .where(
          'branch_id',
          'in',
          branches.map((b) => b.id),
        )
        .where('active', '=', 1)
        .execute()
    : [];
  return branches.map((b) => ({ ...b, members: members.filter((m) => m.branch_id === b.id).map((m) => m.id) }));
}

const ownedBranchIds = (actor: Actor) => (actor.isOrgAdmin ? null : actor.managerOf);

async function attemptsOf(db: Db, quizIds: number[], memberIds: number[]): Promise<AttemptFact[]> {
  if (!quizIds.length || !memberIds.length) return [];
  return db
    .selectFrom('quiz_attempts')
    .select(['quiz_id', 'member_id', 'score', 'passed', 'submitted_at'])
    .where('quiz_id', 'in', quizIds)
    .where('member_id', 'in', memberIds)
    .execute();
}

async function accuracy(db: Db, quizIds: number[], memberIds: number[]) {
  if (!quizIds.length || !memberIds.length) return { questions: [], tags: [] };
  const rows = await db
    .selectFrom('quiz_answers')
    .innerJoin('quiz_attempts', 'quiz_attempts.id', 'quiz_answers.attempt_id')
    .innerJoin('questions', 'questions.id', 'quiz_answers.question_id')
    .select((eb) => [
      'questions.id',
      'questions.stem',
      'questions.tags',
      eb.fn.countAll<number>().as('answers'),
      eb.fn.sum<number>('quiz_answers.credit').as('credit'),
    ])
    .where('quiz_attempts.quiz_id', 'in', quizIds)
    .where('quiz_attempts.member_id', 'in', memberIds)
    .groupBy(['questions.id', 'questions.stem', 'questions.tags'])
    .execute();
  const questions = rows
    .map((r) => ({
      questionId: r.id,
      stem: r.stem,
      tags: JSON.parse(r.tags) as string[],
      answers: Number(r.answers),
      accuracy: Math.round((Number(r.credit) / Number(r.answers)) * 1000) / 1000,
    }))
    .sort((a, b) => a.accuracy - b.accuracy || b.answers - a.answers || a.questionId - b.questionId);
  const byTag = new Map<string, { answers: number; credit: number }>();
  for (const r of rows) {
    for (const tag of JSON.parse(r.tags) as string[]) {
      const t = byTag.get(tag) ?? { answers: 0, credit: 0 };
      t.answers += Number(r.answers);
      t.credit += Number(r.credit);
      byTag.set(tag, t);
    }
  }
  const tags: TagAccuracy[] = [...byTag]
    .map(([tag, t]) => ({ tag, answers: t.answers, accuracy: Math.round((t.credit / t.answers) * 1000) / 1000 }))
    .sort((a, b) => a.accuracy - b.accuracy || b.answers - a.answers || a.tag.localeCompare(b.tag));
  return { questions, tags };
}

/** A quiz's statistics in the reader's scope (the guard let in a manager who oversees it). */
export async function quizStats(db: Db, actor: Actor, quiz: QuizRow, now = Date.now()): Promise<QuizStats> {
  const branches = await scopeBranches(db, actor, quiz.branch_id !== null ? [quiz.branch_id] : ownedBranchIds(actor));
  const memberIds = branches.flatMap((b) => b.members);
  const attempts = await attemptsOf(db, [quiz.id], memberIds);
  const perBranch: BranchRate[] = branches.map((b) => ({
    branch: { id: b.id, name: b.name },
    ...rateRow(
      b.members.length,
      attempts.filter((a) => b.members.includes(a.member_id)),
    ),
  }));
  const { questions, tags } = await accuracy(db, [quiz.id], memberIds);
  const flaggedRows = memberIds.length
    ? await db
        .selectFrom('quiz_attempts')
        .innerJoin('members', 'members.id', 'quiz_attempts.member_id')
        .select([
          'quiz_attempts.id',
          'quiz_attempts.score',
          'quiz_attempts.started_at',
          'quiz_attempts.submitted_at',
          'quiz_attempts.flag_reason',
          'members.id as member_id',
          'members.name',
          'members.branch_id',
        ])
        .where('quiz_attempts.quiz_id', '=', quiz.id)
        .where('quiz_attempts.flagged', '=', 1)
        .where('quiz_attempts.member_id', 'in', memberIds)
        .orderBy('quiz_attempts.id')
        .execute()
    : [];
  const [summary] = await summarize(db, [quiz], now, true);
  return {
    quiz: summary!,
    overall: rateRow(memberIds.length, attempts),
    branches: perBranch,
    questions,
    tags,
    flagged: flaggedRows.map((r) => {
      const branch = branches.find((b) => b.id === r.branch_id);
      return {
        attemptId: r.id,
        member: { id: r.member_id, name: r.name },
        branch: branch ? { id: branch.id, name: branch.name } : null,
        score: r.score ?? 0,
        seconds: Math.max(0, Math.round(((r.submitted_at ?? r.started_at) - r.started_at) / 1000)),
        reason: r.flag_reason ?? '',
      };
    }),
  };
}

export async function statsOverview(
  db: Db,
  actor: Actor,
  branchId: number | undefined,
  now = Date.now(),
): Promise<StatsOverview> {
  let scope: number[] | null = ownedBranchIds(actor);
  let only: { id: number; name: string } | null = null;
  if (branchId !== undefined) {
    const branch = await db
      .selectFrom('branches')
      .select(['id', 'org_id', 'name'])
      .where('id', '=', branchId)
      .executeTakeFirst();
    if (!branch) throw notFound('支部');
    if (!managesBranch(actor, branch)) throw forbidden('只能查看本支部的统计', 'FORBIDDEN_SCOPE');
    scope = [branch.id];
    only = { id: branch.id, name: branch.name };
  }
  const branches = await scopeBranches(db, actor, scope);
  const branchIds = branches.map((b) => b.id);
  let quizQuery = db
    .selectFrom('quizzes')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('opens_at', '<=', now)
    .orderBy('opens_at', 'desc')
    .limit(50);
  quizQuery = quizQuery.where((eb) =>
    eb.or([eb('branch_id', 'is', null), eb('branch_id', 'in', branchIds.length ? branchIds : [-1])]),
  );
  const quizzes: QuizRow[] = await quizQuery.execute();
  const quizIds = quizzes.map((q) => q.id);
  const memberIds = branches.flatMap((b) => b.members);
  const attempts = await attemptsOf(db, quizIds, memberIds);
  const summaries = await summarize(db, quizzes, now, false);
  const audienceOf = (quiz: QuizRow, b: BranchInfo) =>
    quiz.branch_id === null || quiz.branch_id === b.id ? b.members : [];

  const quizRows = quizzes.map((quiz, i) => {
    const audience = branches.flatMap((b) => audienceOf(quiz, b));
    return {
      quiz: summaries[i]!,
      ...rateRow(
        audience.length,
        attempts.filter((a) => a.quiz_id === quiz.id && audience.includes(a.member_id)),
      ),
    };
  });
  // Per branch over every quiz it was invited to: member-quiz pairs, so one quiz is not a race.
  const branchRows: BranchRate[] = branches.map((b) => {
    let audience = 0;
    let participants = 0;
    let passed = 0;
    const scores: number[] = [];
    for (const quiz of quizzes) {
      const members = audienceOf(quiz, b);
      if (!members.length) continue;
      const row = rateRow(
        members.length,
        attempts.filter((a) => a.quiz_id === quiz.id && members.includes(a.member_id)),
      );
      audience += row.audience;
      participants += row.participants;
      passed += row.passed;
      for (const a of attempts)
        if (a.quiz_id === quiz.id && members.includes(a.member_id) && a.submitted_at !== null)
          scores.push(a.score ?? 0);
    }
    return {
      branch: { id: b.id, name: b.name },
      audience,
      participants,
      passed,
      participationRate: rate(participants, audience),
      passRate: rate(passed, participants),
      averageScore: scores.length ? Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 10) / 10 : null,
    };
  });
  const { tags } = await accuracy(db, quizIds, memberIds);
  return { branch: only, quizzes: quizRows, branches: branchRows, tags };
}
