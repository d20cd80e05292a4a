// Quizzes: who may see and take them, their summaries, and creation.
import type { Kysely, Transaction } from 'kysely';
import type { Database, QuizRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { DrawRule, ManagedQuiz, MyQuiz, QuizBody, QuizNotTaken, QuizSummary } from '../contract/quiz.js';
import { audit } from '../lib/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { toIso } from '../lib/time.js';
import { drawPool } from './grading.js';
import { usableBy } from './bank.js';
import { mayManageQuiz, type Owned } from './ownership.js';

type Executor = Kysely<Database> | Transaction<Database>;

export function quizStatus(quiz: Pick<QuizRow, 'opens_at' | 'closes_at'>, now: number) {
  if (now < quiz.opens_at) return 'upcoming' as const;
  return now < quiz.closes_at ? ('open' as const) : ('closed' as const);
}

export function drawRuleOf(quiz: Pick<QuizRow, 'draw_rule'>): DrawRule | null {
  return quiz.draw_rule ? (JSON.parse(quiz.draw_rule) as DrawRule) : null;
}

export function questionCountOf(quiz: Pick<QuizRow, 'draw_rule' | 'question_ids'>): number {
  return drawRuleOf(quiz)?.count ?? (JSON.parse(quiz.question_ids) as number[]).length;
}

export async function summarize(
  db: Executor,
  quizzes: QuizRow[],
  now: number,
  withPaper: boolean,
): Promise<QuizSummary[]> {
  const branchIds = [...new Set(quizzes.map((q) => q.branch_id).filter((b): b is number => b !== null))];
  const branches = branchIds.length
    ? await db.selectFrom('branches').select(['id', 'name']).where('id', 'in', branchIds).execute()
    : [];
  const names = new Map(branches.map((b) => [b.id, b.name]));
  return quizzes.map((q) => ({
    id: q.id,
    title: q.title,
    kind: q.kind as QuizSummary['kind'],
    branch: q.branch_id === null ? null : { id: q.branch_id, name: names.get(q.branch_id) ?? '' },
    questionCount: questionCountOf(q),
    questionIds: withPaper && !q.draw_rule ? (JSON.parse(q.question_ids) as number[]) : null,
    draw: withPaper ? drawRuleOf(q) : null,
    timeLimitMinutes: q.time_limit_minutes,
    passMark: q.pass_mark,
    maxAttempts: q.max_attempts,
    opensAt: toIso(q.opens_at),
    closesAt: toIso(q.closes_at),
    status: quizStatus(q, now),
  }));
}

export const inAudience = (actor: Actor, quiz: Pick<QuizRow, 'org_id' | 'branch_id'>) =>
  actor.orgId === quiz.org_id &&
  actor.branchId !== null &&
  (quiz.branch_id === null || quiz.branch_id === actor.branchId);

/** Active questions a quiz of this owner may draw (org-wide ones and its branch's own), in the shape the draw needs. */
export async function drawBank(db: Executor, owner: Owned) {
  const rows = await db
    .selectFrom('questions')
    .select(['id', 'kind', 'tags', 'difficulty'])
    .where(usableBy(owner))
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, tags: JSON.parse(r.tags) as string[], difficulty: r.difficulty }));
}

export async function validateQuiz(db: Executor, actor: Actor, body: QuizBody) {
  const owner: Owned = { org_id: actor.orgId, branch_id: body.branchId };
  if (body.branchId === null) {
    if (!mayManageQuiz(actor, owner)) throw forbidden('面向全单位的答题只能由组织管理员创建', 'FORBIDDEN_SCOPE');
  } else {
    const branch = await db
      .selectFrom('branches')
      .select(['id', 'org_id'])
      .where('id', '=', body.branchId)
      .executeTakeFirst();
    if (!branch) throw notFound('支部');
    if (!mayManageQuiz(actor, { org_id: branch.org_id, branch_id: branch.id })) {
      throw forbidden('只能为本支部创建答题', 'FORBIDDEN_SCOPE');
    }
  }
  const opensAt = Date.parse(body.opensAt);
  const closesAt = Date.parse(body.closesAt);
  if (Number.isNaN(opensAt) || Number.isNaN(closesAt)) throw badRequest('INVALID_TIME', '开放时间格式不正确');
  if (closesAt <= opensAt) throw badRequest('INVALID_WINDOW', '截止时间须晚于开放时间');
  if ((body.questionIds === undefined) === (body.draw === undefined)) {
    throw badRequest('PAPER_REQUIRED', '请选择固定题目或设置随机抽题规则（二选一）');
  }
  if (body.questionIds) {
    const ids = [...new Set(body.questionIds)];
    if (ids.length !== body.questionIds.length) throw badRequest('DUPLICATE_QUESTION', '题目不能重复');
    // Org-wide questions and the quiz's own branch's: another branch's questions are not offered.
    const found = await db.selectFrom('questions').select('id').where(usableBy(owner)).where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw badRequest('QUESTION_NOT_FOUND', '部分题目不存在、已停用或属于其他支部');
  } else if (body.draw) {
    const pool = drawPool(await drawBank(db, owner), body.draw);
    if (pool.length < body.draw.count) {
      throw badRequest(
        'DRAW_POOL_TOO_SMALL',
        `符合抽题条件的题目只有 ${pool.length} 道，少于要抽取的 ${body.draw.count} 道`,
      );
    }
  }
  return { opensAt, closesAt };
}

/** Quizzes a member can take or recently could: open and upcoming ones, and those closed in the last 30 days. */
export async function listMyQuizzes(db: Kysely<Database>, actor: Actor, now = Date.now()): Promise<MyQuiz[]> {
  if (actor.branchId === null) return [];
  const branchId = actor.branchId;
  const quizzes = await db
    .selectFrom('quizzes')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where((eb) => eb.or([eb('branch_id', 'is', null), eb('branch_id', '=', branchId)]))
    .where('closes_at', '>', now - 30 * 86_400_000)
    .where('opens_at', '<=', now + 7 * 86_400_000)
    .orderBy('closes_at', 'asc')
    .execute();
  const ids = quizzes.map((q) => q.id);
  const attempts = ids.length
    ? await db
        .selectFrom('quiz_attempts')
        .select(['id', 'quiz_id', 'score', 'passed', 'started_at', 'submitted_at', 'deadline_at'])
        .where('member_id', '=', actor.memberId)
        .where('quiz_id', 'in', ids)
        .orderBy('attempt_no')
        .execute()
    : [];
  const summaries = await summarize(db, quizzes, now, false);
  const rank = { open: 0, upcoming: 1, closed: 2 };
  return summaries
    .map((s, i) => {
      const quiz = quizzes[i]!;
      const mine = attempts.filter((a) => a.quiz_id === s.id);
      const submitted = mine.filter((a) => a.submitted_at !== null);
      const running = mine.find(
        (a) =>
          a.submitted_at === null && now <= (a.deadline_at ?? a.started_at + quiz.time_limit_minutes * 60_000) + 30_000,
      );
      return {
        ...s,
        attemptsUsed: mine.length,
        bestScore: submitted.length ? Math.max(...submitted.map((a) => a.score ?? 0)) : null,
        passed: submitted.some((a) => a.passed === 1),
        inProgressAttemptId: running?.id ?? null,
        lastSubmittedAttemptId: submitted.at(-1)?.id ?? null,
      };
    })
    .sort((a, b) => rank[a.status] - rank[b.status]);
}

/** Quizzes a manager looks after: the org's own and those of the branches they manage. */
export async function listManagedQuizzes(db: Kysely<Database>, actor: Actor, now = Date.now()): Promise<ManagedQuiz[]> {
  let query = db.selectFrom('quizzes').selectAll().where('org_id', '=', actor.orgId);
  if (!actor.isOrgAdmin) {
    const own = actor.managerOf.length ? actor.managerOf : [-1];
    query = query.where((eb) => eb.or([eb('branch_id', 'is', null), eb('branch_id', 'in', own)]));
  }
  const quizzes = await query.orderBy('opens_at', 'desc').limit(100).execute();
  const counts = await attemptCounts(
    db,
    quizzes.map((q) => q.id),
  );
  return (await summarize(db, quizzes, now, true)).map((s) => ({ ...s, attempts: counts.get(s.id) ?? 0 }));
}

export async function createQuiz(db: Kysely<Database>, actor: Actor, body: QuizBody, now = Date.now()) {
  const { opensAt, closesAt } = await validateQuiz(db, actor, body);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('quizzes')
      .values({
        org_id: actor.orgId,
        branch_id: body.branchId,
        title: body.title.trim(),
        kind: body.kind,
        question_ids: JSON.stringify(body.questionIds ?? []),
        draw_rule: body.draw ? JSON.stringify(body.draw) : null,
        time_limit_minutes: body.timeLimitMinutes,
        pass_mark: body.passMark,
        max_attempts: body.maxAttempts,
        opens_at: opensAt,
        closes_at: closesAt,
        created_by: actor.memberId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'quiz.create',
        targetType: 'quiz',
        targetId: row.id,
        detail: { title: row.title, branchId: row.branch_id },
      },
      now,
    );
    const [summary] = await summarize(trx, [row], now, true);
    return { ...summary!, attempts: 0 };
  });
}

/** How many attempts each quiz has had: a quiz nobody has attempted can still be edited. */
export async function attemptCounts(db: Executor, quizIds: number[]): Promise<Map<number, number>> {
  if (quizIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('quiz_attempts')
    .select((eb) => ['quiz_id', eb.fn.countAll<number>().as('n')])
    .where('quiz_id', 'in', quizIds)
    .groupBy('quiz_id')
    .execute();
  return new Map(rows.map((r) => [r.quiz_id, Number(r.n)]));
}

async function manageAnswer(db: Executor, quizId: number, now: number): Promise<ManagedQuiz> {
  const row = await db.selectFrom('quizzes').selectAll().where('id', '=', quizId).executeTakeFirstOrThrow();
  const [summary] = await summarize(db, [row], now, true);
  return { ...summary!, attempts: (await attemptCounts(db, [quizId])).get(quizId) ?? 0 };
}

const quizAudit = (actor: Actor, action: string, quizId: number, detail: Record<string, unknown>) => ({
  orgId: actor.orgId,
  actorId: actor.memberId,
  action,
  targetType: 'quiz',
  targetId: quizId,
  detail,
});

/**
 * Edits a quiz nobody has attempted yet. Once someone has, the paper and the rules they were
 * held to are fixed; only the window can still change (extend, close).
 */
export async function editQuiz(db: Kysely<Database>, actor: Actor, quiz: QuizRow, body: QuizBody, now = Date.now()) {
  const { opensAt, closesAt } = await validateQuiz(db, actor, body);
  return db.transaction().execute(async (trx) => {
    // Read again inside the transaction: an attempt started a moment ago locks the quiz.
    const attempted = await trx
      .selectFrom('quiz_attempts')
      .select('id')
      .where('quiz_id', '=', quiz.id)
      .executeTakeFirst();
    if (attempted)
      throw conflict(
        'QUIZ_ATTEMPTED',
        '已有党员作答，不能再修改题目和规则；如需更改截止时间，请使用“延长”或“提前结束”',
      );
    await trx
      .updateTable('quizzes')
      .set({
        branch_id: body.branchId,
        title: body.title.trim(),
        kind: body.kind,
        question_ids: JSON.stringify(body.questionIds ?? []),
        draw_rule: body.draw ? JSON.stringify(body.draw) : null,
        time_limit_minutes: body.timeLimitMinutes,
        pass_mark: body.passMark,
        max_attempts: body.maxAttempts,
        opens_at: opensAt,
        closes_at: closesAt,
      })
      .where('id', '=', quiz.id)
      .execute();
    await audit(
      trx,
      quizAudit(actor, 'quiz.edit', quiz.id, { title: body.title.trim(), branchId: body.branchId }),
      now,
    );
    return manageAnswer(trx, quiz.id, now);
  });
}

/** Moves the quiz's deadline later; a quiz already closed opens again until then. */
export async function extendQuiz(
  db: Kysely<Database>,
  actor: Actor,
  quiz: QuizRow,
  closesAtIso: string,
  now = Date.now(),
) {
  const closesAt = Date.parse(closesAtIso);
  if (Number.isNaN(closesAt)) throw badRequest('INVALID_TIME', '截止时间格式不正确');
  if (closesAt <= quiz.closes_at) throw badRequest('NOT_LATER', '新的截止时间须晚于原截止时间');
  if (closesAt <= now) throw badRequest('INVALID_WINDOW', '新的截止时间须晚于现在');
  if (closesAt > now + 366 * 86_400_000) throw badRequest('INVALID_WINDOW', '截止时间不能超过一年以后');
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('quizzes').set({ closes_at: closesAt }).where('id', '=', quiz.id).execute();
    await audit(
      trx,
      quizAudit(actor, 'quiz.extend', quiz.id, { from: toIso(quiz.closes_at), to: toIso(closesAt) }),
      now,
    );
    return manageAnswer(trx, quiz.id, now);
  });
}

/**
 * Closes a quiz now. No new attempt can start; an attempt already running keeps its own
 * deadline (set when it started) and may still be submitted until then.
 */
export async function closeQuizEarly(db: Kysely<Database>, actor: Actor, quiz: QuizRow, now = Date.now()) {
  if (quiz.closes_at <= now) throw conflict('QUIZ_CLOSED', '这场答题已经截止');
  return db.transaction().execute(async (trx) => {
    // An upcoming quiz closed before it opens never opens: its window collapses to now.
    await trx
      .updateTable('quizzes')
      .set({ closes_at: now, opens_at: Math.min(quiz.opens_at, now) })
      .where('id', '=', quiz.id)
      .execute();
    await audit(trx, quizAudit(actor, 'quiz.close', quiz.id, { plannedCloseAt: toIso(quiz.closes_at) }), now);
    return manageAnswer(trx, quiz.id, now);
  });
}

/**
 * Members of the quiz's audience who have not submitted an attempt, limited to the branches
 * the actor looks after (an org admin sees everyone).
 */
export async function notTaken(
  db: Kysely<Database>,
  actor: Actor,
  quiz: QuizRow,
  now = Date.now(),
): Promise<QuizNotTaken> {
  let members = db
    .selectFrom('members as m')
    .innerJoin('branches as b', 'b.id', 'm.branch_id')
    .select(['m.id', 'm.name', 'b.id as branchId', 'b.name as branchName'])
    .where('m.org_id', '=', quiz.org_id)
    .where('m.active', '=', 1);
  if (quiz.branch_id !== null) members = members.where('m.branch_id', '=', quiz.branch_id);
  if (!actor.isOrgAdmin) members = members.where('m.branch_id', 'in', actor.managerOf.length ? actor.managerOf : [-1]);
  const audience = await members.orderBy('b.id').orderBy('m.id').execute();
  const attempts = await db
    .selectFrom('quiz_attempts')
    .select(['member_id', 'submitted_at', 'started_at', 'deadline_at'])
    .where('quiz_id', '=', quiz.id)
    .execute();
  const submitted = new Set(attempts.filter((a) => a.submitted_at !== null).map((a) => a.member_id));
  const running = new Set(
    attempts
      .filter(
        (a) => a.submitted_at === null && now <= (a.deadline_at ?? a.started_at + quiz.time_limit_minutes * 60_000),
      )
      .map((a) => a.member_id),
  );
  const missing = audience.filter((m) => !submitted.has(m.id));
  return {
    audience: audience.length,
    taken: audience.length - missing.length,
    members: missing.map((m) => ({
      id: m.id,
      name: m.name,
      branch: { id: m.branchId, name: m.branchName },
      inProgress: running.has(m.id),
    })),
  };
}
