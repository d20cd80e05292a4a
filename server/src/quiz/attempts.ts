// Attempts: the server draws and shuffles the paper, keeps the order, times and grades it.
// Nothing sent before the submission carries an answer or an explanation.
import type { Kysely, Transaction } from 'kysely';
import type { Database, QuestionVersionRow, QuizAttemptRow, QuizRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { AttemptPaper, AttemptResult, AttemptView, GradedQuestion, SubmitBody } from '../contract/quiz.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { toIso } from '../lib/time.js';
import { award } from '../points/service.js';
import {
  drawPool,
  gradeQuestion,
  optionOrder,
  plausibleSeconds,
  scoreOf,
  shuffle,
  toOriginal,
  toShown,
} from './grading.js';
import { drawBank, drawRuleOf, inAudience, quizStatus } from './quizzes.js';
import { ensureVersions } from './bank.js';
import { recordOutcomes } from './wrong-book.js';
import { unitOfWork } from '../lib/group-commit.js';
import type { Dialect } from '../db/index.js';

type Executor = Kysely<Database> | Transaction<Database>;
/**
 * [questionId, shown option -> original option index, versionId] in shown order. The version is
 * the immutable snapshot the member was shown: the paper and the grading read it, never the
 * question's current text. (Papers written before versions existed have no third element.)
 */
type Slot = [number, number[], number?];
type Paper = Slot[];

/** A submission this late after the deadline still counts: the network may be slow. */
export const GRACE_MS = 30_000;

const paperOf = (attempt: Pick<QuizAttemptRow, 'paper'>): Paper =>
  attempt.paper ? (JSON.parse(attempt.paper) as Paper) : [];
const deadlineOf = (attempt: QuizAttemptRow, quiz: Pick<QuizRow, 'time_limit_minutes'>) =>
  attempt.deadline_at ?? attempt.started_at + quiz.time_limit_minutes * 60_000;

type Version = Pick<QuestionVersionRow, 'kind' | 'stem' | 'options' | 'answer' | 'explanation'>;

/**
 * The version shown in each slot of the paper, by position: one query for the whole paper.
 * A slot without a version (a paper written before versions, or by hand) reads the question's current one.
 */
async function versionsOf(db: Executor, paper: Paper): Promise<Version[]> {
  if (paper.length === 0) return [];
  const ids = [...new Set(paper.flatMap(([, , v]) => (v === undefined || v === null ? [] : [v])))];
  const legacy = [...new Set(paper.flatMap(([q, , v]) => (v === undefined || v === null ? [q] : [])))];
  const select = ['question_versions.id', 'kind', 'stem', 'options', 'answer', 'explanation'] as const;
  const [rows, current] = await Promise.all([
    ids.length
      ? db.selectFrom('question_versions').select(select).where('question_versions.id', 'in', ids).execute()
      : [],
    legacy.length
      ? db
          .selectFrom('questions')
          .select(['id', 'kind', 'stem', 'options', 'answer', 'explanation'])
          .where('id', 'in', legacy)
          .execute()
      : [],
  ]);
  const byVersion = new Map(rows.map((r) => [r.id, r]));
  const byQuestion = new Map(current.map((r) => [r.id, r]));
  return paper.map(([q, , v]) => (v === undefined || v === null ? byQuestion.get(q) : byVersion.get(v))!);
}

function presentPaper(quiz: QuizRow, attempt: QuizAttemptRow, versions: Version[], now: number): AttemptPaper {
  const deadline = deadlineOf(attempt, quiz);
  return {
    attemptId: attempt.id,
    quizId: quiz.id,
    title: quiz.title,
    attemptNo: attempt.attempt_no,
    startedAt: toIso(attempt.started_at),
    deadlineAt: toIso(deadline),
    secondsLeft: Math.max(0, Math.floor((deadline - now) / 1000)),
    questions: paperOf(attempt).map(([questionId, order], position) => {
      const q = versions[position]!;
      const options = JSON.parse(q.options) as string[];
      return {
        position,
        questionId,
        kind: q.kind as AttemptPaper['questions'][number]['kind'],
        stem: q.stem,
        options: order.map((i) => options[i] as string),
      };
    }),
  };
}

async function loadQuiz(db: Executor, actor: Actor, quizId: number): Promise<QuizRow> {
  const quiz = await db.selectFrom('quizzes').selectAll().where('id', '=', quizId).executeTakeFirst();
  if (!quiz || quiz.org_id !== actor.orgId) throw notFound('答题');
  if (!inAudience(actor, quiz)) throw forbidden('这场答题不面向您所在的支部', 'QUIZ_NOT_FOR_YOU');
  return quiz;
}

/** Starts an attempt, or resumes the one still running (same paper, same deadline). */
export async function startAttempt(
  db: Kysely<Database>,
  actor: Actor,
  quizId: number,
  now = Date.now(),
): Promise<AttemptPaper> {
  const quiz = await loadQuiz(db, actor, quizId);
  const status = quizStatus(quiz, now);
  if (status === 'upcoming') throw conflict('QUIZ_NOT_OPEN', '答题尚未开始');
  const attempt = await db.transaction().execute(async (trx) => {
    const attempts = await trx
      .selectFrom('quiz_attempts')
      .selectAll()
      .where('quiz_id', '=', quiz.id)
      .where('member_id', '=', actor.memberId)
      .orderBy('attempt_no')
      .execute();
    const running = attempts.find((a) => a.submitted_at === null && now <= deadlineOf(a, quiz) + GRACE_MS);
    if (running) return running;
    if (status === 'closed') throw conflict('QUIZ_CLOSED', '答题已截止');
    if (attempts.length >= quiz.max_attempts) {
      throw conflict('ATTEMPTS_USED_UP', `每人最多作答 ${quiz.max_attempts} 次，您的作答次数已用完`);
    }
    const rule = drawRuleOf(quiz);
    let ids: number[];
    if (rule) {
      const pool = drawPool(await drawBank(trx, quiz), rule);
      if (pool.length < rule.count)
        throw new AppError(409, 'DRAW_POOL_TOO_SMALL', '题库中符合条件的题目不足，请联系支部书记');
      ids = shuffle(pool)
        .slice(0, rule.count)
        .map((q) => q.id);
    } else {
      ids = shuffle(JSON.parse(quiz.question_ids) as number[]);
    }
    const rows = await trx.selectFrom('questions').selectAll().where('id', 'in', ids).execute();
    const current = await ensureVersions(trx, rows, now);
    const questions = new Map(rows.map((r) => [r.id, r]));
    // The version read here is the one shown and graded, whatever edits come later.
    const paper: Paper = ids.map((id) => {
      const q = questions.get(id)!;
      return [id, optionOrder(q.kind, (JSON.parse(q.options) as string[]).length), current.get(id)!];
    });
    const deadline = Math.min(now + quiz.time_limit_minutes * 60_000, quiz.closes_at);
    try {
      return await trx
        .insertInto('quiz_attempts')
        .values({
          quiz_id: quiz.id,
          member_id: actor.memberId,
          attempt_no: attempts.length + 1,
          score: null,
          passed: null,
          started_at: now,
          submitted_at: null,
          deadline_at: deadline,
          paper: JSON.stringify(paper),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      // A second start racing this one took the attempt number: the member retries and resumes it.
      if (/unique|duplicate/i.test(String(error))) throw conflict('ATTEMPT_STARTING', '答卷正在生成，请稍后重试');
      throw error;
    }
  });
  return presentPaper(quiz, attempt, await versionsOf(db, paperOf(attempt)), now);
}

/** The attempt (read again, inside a submission's transaction) and its quiz; the guard has checked it is the actor's. */
async function ownAttempt(db: Executor, attemptId: number) {
  const attempt = await db.selectFrom('quiz_attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
  if (!attempt) throw notFound('答卷');
  const quiz = await db.selectFrom('quizzes').selectAll().where('id', '=', attempt.quiz_id).executeTakeFirstOrThrow();
  return { attempt, quiz };
}

export async function viewAttempt(
  db: Kysely<Database>,
  actor: Actor,
  attemptId: number,
  now = Date.now(),
): Promise<AttemptView> {
  const { attempt, quiz } = await ownAttempt(db, attemptId);
  if (attempt.submitted_at === null && now <= deadlineOf(attempt, quiz) + GRACE_MS) {
    return { state: 'in_progress', paper: presentPaper(quiz, attempt, await versionsOf(db, paperOf(attempt)), now) };
  }
  return { state: 'finished', result: await presentResult(db, quiz, attempt) };
}

async function presentResult(db: Executor, quiz: QuizRow, attempt: QuizAttemptRow): Promise<AttemptResult> {
  const paper = paperOf(attempt);
  const [versions, answers, points] = await Promise.all([
    versionsOf(db, paper),
    db
      .selectFrom('quiz_answers')
      .select(['position', 'chosen', 'credit'])
      .where('attempt_id', '=', attempt.id)
      .execute(),
    db
      .selectFrom('points_ledger')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('earned'))
      .where('member_id', '=', attempt.member_id)
      .where('source_type', '=', 'quiz_attempt')
      .where('source_id', '=', String(attempt.id))
      .executeTakeFirstOrThrow(),
  ]);
  const given = new Map(
    answers.map((a) => [a.position, { chosen: JSON.parse(a.chosen) as number[], credit: Number(a.credit) }]),
  );
  return resultOf(quiz, attempt, versions, given, Number(points.earned));
}

/** The result as the member reads it, from what is already loaded. */
function resultOf(
  quiz: QuizRow,
  attempt: QuizAttemptRow,
  versions: Version[],
  given: Map<number, { chosen: number[]; credit: number }>,
  pointsEarned: number,
): AttemptResult {
  const graded: GradedQuestion[] = paperOf(attempt).map(([questionId, order], position) => {
    const q = versions[position]!;
    const options = JSON.parse(q.options) as string[];
    const answer = given.get(position);
    return {
      position,
      questionId,
      kind: q.kind as GradedQuestion['kind'],
      stem: q.stem,
      options: order.map((i) => options[i] as string),
      chosen: answer ? toShown(order, answer.chosen) : [],
      answer: toShown(order, JSON.parse(q.answer) as number[]),
      credit: answer ? answer.credit : 0,
      explanation: q.explanation,
    };
  });
  const submitted = attempt.submitted_at !== null;
  return {
    attemptId: attempt.id,
    quizId: quiz.id,
    title: quiz.title,
    kind: quiz.kind as AttemptResult['kind'],
    attemptNo: attempt.attempt_no,
    state: submitted ? 'submitted' : 'expired',
    score: submitted ? (attempt.score ?? 0) : 0,
    passMark: quiz.pass_mark,
    passed: submitted && attempt.passed === 1,
    fullMarks: submitted && graded.length > 0 && graded.every((g) => g.credit === 1),
    correctCount: graded.filter((g) => g.credit === 1).length,
    startedAt: toIso(attempt.started_at),
    submittedAt: attempt.submitted_at === null ? null : toIso(attempt.submitted_at),
    pointsEarned,
    questions: graded,
  };
}

/** Grades and records a submission. A second submission returns the first result unchanged. */
export async function submitAttempt(
  db: Kysely<Database>,
  dialect: Dialect,
  actor: Actor,
  attemptId: number,
  body: SubmitBody,
  now = Date.now(),
): Promise<AttemptResult> {
  // Submissions come in bursts when a quiz closes: on SQLite they share commits (group commit).
  return unitOfWork(db, dialect).run(async (trx) => {
    const { attempt, quiz } = await ownAttempt(trx, attemptId);
    if (attempt.submitted_at !== null) return presentResult(trx, quiz, attempt);
    if (now > deadlineOf(attempt, quiz) + GRACE_MS) {
      throw conflict('ATTEMPT_TIME_UP', '已超过答题时限，本次作答未能提交');
    }
    const paper = paperOf(attempt);
    // Graded on the versions the member was shown, even if the bank changed since.
    const versions = await versionsOf(trx, paper);
    const chosenAt = new Map<number, number[]>();
    for (const a of body.answers) {
      const slot = paper[a.position];
      if (!slot) throw badRequest('INVALID_ANSWER', `第 ${a.position + 1} 题不在这份答卷中`);
      if (chosenAt.has(a.position)) throw badRequest('INVALID_ANSWER', `第 ${a.position + 1} 题重复作答`);
      const q = versions[a.position]!;
      if (a.choices.some((c) => c >= slot[1].length))
        throw badRequest('INVALID_ANSWER', `第 ${a.position + 1} 题的选项不存在`);
      if (q.kind !== 'multiple' && new Set(a.choices).size > 1) {
        throw badRequest('INVALID_ANSWER', `第 ${a.position + 1} 题只能选一项`);
      }
      chosenAt.set(a.position, toOriginal(slot[1], a.choices));
    }
    const rows = paper.map(([questionId, , versionId], position) => {
      const q = versions[position]!;
      const chosen = chosenAt.get(position) ?? [];
      const credit = gradeQuestion(q.kind, JSON.parse(q.answer) as number[], chosen);
      return { position, questionId, versionId: versionId ?? null, chosen, credit };
    });
    const credits = rows.map((r) => r.credit);
    const score = scoreOf(credits);
    const fullMarks = credits.length > 0 && credits.every((c) => c === 1);
    const passed = score >= quiz.pass_mark;
    const seconds = Math.max(0, Math.round((now - attempt.started_at) / 1000));
    const minimum = plausibleSeconds(
      versions.map((q) => ({ stem: q.stem, options: JSON.parse(q.options) as string[] })),
    );
    const flagged = fullMarks && seconds < minimum;
    const outcome = {
      submitted_at: now,
      score,
      passed: passed ? 1 : 0,
      correct_count: credits.filter((c) => c === 1).length,
      flagged: flagged ? 1 : 0,
      flag_reason: flagged ? `${seconds} 秒答完 ${paper.length} 题并得满分，低于合理阅读时间 ${minimum} 秒` : null,
    };
    const updated = await trx
      .updateTable('quiz_attempts')
      .set(outcome)
      .where('id', '=', attempt.id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      // Another submission got there first: its result stands.
      const first = await trx
        .selectFrom('quiz_attempts')
        .selectAll()
        .where('id', '=', attempt.id)
        .executeTakeFirstOrThrow();
      return presentResult(trx, quiz, first);
    }
    const graded = { ...attempt, ...outcome };

    if (rows.length) {
      await trx
        .insertInto('quiz_answers')
        .values(
          rows.map((r) => ({
            attempt_id: attempt.id,
            position: r.position,
            question_id: r.questionId,
            version_id: r.versionId,
            chosen: JSON.stringify(r.chosen),
            credit: r.credit,
          })),
        )
        .execute();
    }
    await recordOutcomes(
      trx,
      actor.memberId,
      rows.map((r) => ({ questionId: r.questionId, correct: r.credit === 1 })),
      now,
    );
    const pointsEarned = quiz.kind === 'exam' && passed ? await payQuizPoints(trx, quiz, graded, fullMarks, now) : 0;
    return resultOf(quiz, graded, versions, new Map(rows.map((r) => [r.position, r])), pointsEarned);
  });
}

/** A quiz pays its pass points once per member, and its full-marks bonus once: later attempts are practice. */
export async function payQuizPoints(
  trx: Transaction<Database>,
  quiz: Pick<QuizRow, 'id'>,
  attempt: Pick<QuizAttemptRow, 'id' | 'member_id'>,
  fullMarks: boolean,
  at: number,
): Promise<number> {
  const earlier = await trx
    .selectFrom('quiz_attempts')
    .select(['passed', 'score'])
    .where('quiz_id', '=', quiz.id)
    .where('member_id', '=', attempt.member_id)
    .where('id', '!=', attempt.id)
    .where('passed', '=', 1)
    .execute();
  const source = {
    memberId: attempt.member_id,
    sourceType: 'quiz_attempt' as const,
    sourceId: attempt.id,
    occurredAt: at,
    now: at,
  };
  let earned = 0;
  if (earlier.length === 0) earned += (await award(trx, { ...source, ruleCode: 'quiz_pass' })).entry?.delta ?? 0;
  if (fullMarks && !earlier.some((e) => e.score === 100)) {
    earned += (await award(trx, { ...source, ruleCode: 'quiz_full_marks' })).entry?.delta ?? 0;
  }
  return earned;
}
