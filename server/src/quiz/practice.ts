// Practice with instant feedback: the daily practice (每日一练, a few questions a day, points
// capped by the rules) and practice from the wrong-answer book (no points).
import type { Kysely, Transaction } from 'kysely';
import type { Database, QuestionRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type {
  DailyPracticeStatus,
  PracticeAnswerBody,
  PracticeItem,
  PracticeKind,
  PracticeSession,
  WrongBook,
  WrongBookQuestion,
} from '../contract/quiz.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { cst, toIso } from '../lib/time.js';
import { award, pointsTransaction } from '../points/service.js';
import { gradeQuestion, optionOrder, shuffle, toOriginal, toShown } from './grading.js';
import { recordOutcomes } from './wrong-book.js';
import { GRACE_MS as ATTEMPT_GRACE_MS } from './attempts.js';
import { ensureVersions, usableBy } from './bank.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const DAILY_COUNT = 5;
export const WRONG_BOOK_COUNT = 5;

const dayOf = (ms: number) => cst(ms).format('YYYY-MM-DD');

function requireMember(actor: Actor) {
  if (actor.branchId === null) throw forbidden('练习仅供支部党员使用', 'NOT_A_MEMBER');
}

async function presentSession(db: Executor, sessionId: number): Promise<PracticeSession> {
  const session = await db
    .selectFrom('practice_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('practice_items')
    // The version drawn, not the question's current text: an edit never changes a practice.
    .innerJoin('question_versions', 'question_versions.id', 'practice_items.version_id')
    .select([
      'practice_items.position',
      'practice_items.question_id',
      'practice_items.option_order',
      'practice_items.chosen',
      'practice_items.correct',
      'question_versions.kind',
      'question_versions.stem',
      'question_versions.options',
      'question_versions.answer',
      'question_versions.explanation',
    ])
    .where('practice_items.session_id', '=', sessionId)
    .orderBy('practice_items.position')
    .execute();
  const points = await db
    .selectFrom('points_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('earned'))
    .where('member_id', '=', session.member_id)
    .where('source_type', '=', 'daily_practice')
    .where('source_id', '=', String(session.id))
    .executeTakeFirstOrThrow();
  return {
    id: session.id,
    kind: session.kind as PracticeKind,
    day: session.day,
    completed: session.completed_at !== null,
    correctCount: items.filter((i) => i.correct === 1).length,
    pointsEarned: Number(points.earned),
    items: items.map((i): PracticeItem => {
      const order = JSON.parse(i.option_order) as number[];
      const options = JSON.parse(i.options) as string[];
      return {
        position: i.position,
        questionId: i.question_id,
        kind: i.kind as PracticeItem['kind'],
        stem: i.stem,
        options: order.map((o) => options[o] as string),
        // The answer and the explanation only once this question is answered.
        feedback:
          i.chosen === null
            ? null
            : {
                chosen: toShown(order, JSON.parse(i.chosen) as number[]),
                answer: toShown(order, JSON.parse(i.answer) as number[]),
                correct: i.correct === 1,
                explanation: i.explanation,
              },
      };
    }),
  };
}

async function createSession(
  trx: Transaction<Database>,
  memberId: number,
  kind: PracticeKind,
  day: string | null,
  questions: QuestionRow[],
  now: number,
) {
  const versions = await ensureVersions(trx, questions, now);
  const session = await trx
    .insertInto('practice_sessions')
    .values({ member_id: memberId, kind, day, created_at: now, completed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('practice_items')
    .values(
      questions.map((q, position) => ({
        session_id: session.id,
        position,
        question_id: q.id,
        version_id: versions.get(q.id)!,
        option_order: JSON.stringify(optionOrder(q.kind, (JSON.parse(q.options) as string[]).length)),
        chosen: null,
        correct: null,
        answered_at: null,
      })),
    )
    .execute();
  return session.id;
}

/** Today's daily practice, drawn on the first visit of the day and the same all day. */
export async function dailyPractice(db: Kysely<Database>, actor: Actor, now = Date.now()): Promise<PracticeSession> {
  requireMember(actor);
  const day = dayOf(now);
  const find = (ex: Executor) =>
    ex
      .selectFrom('practice_sessions')
      .select('id')
      .where('member_id', '=', actor.memberId)
      .where('kind', '=', 'daily')
      .where('day', '=', day)
      .executeTakeFirst();
  const existing = await find(db);
  if (existing) return presentSession(db, existing.id);
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      // Questions seen in the last week's daily practice come last, so days differ.
      const recent = await trx
        .selectFrom('practice_items')
        .innerJoin('practice_sessions', 'practice_sessions.id', 'practice_items.session_id')
        .select('practice_items.question_id')
        .where('practice_sessions.member_id', '=', actor.memberId)
        .where('practice_sessions.created_at', '>=', now - 7 * 86_400_000)
        .execute();
      const seen = new Set(recent.map((r) => r.question_id));
      const bank = await trx
        .selectFrom('questions')
        .selectAll()
        .where(usableBy({ org_id: actor.orgId, branch_id: actor.branchId }))
        .execute();
      if (bank.length === 0) throw conflict('BANK_EMPTY', '题库暂无题目，请联系支部书记');
      const fresh = shuffle(bank.filter((q) => !seen.has(q.id)));
      const again = shuffle(bank.filter((q) => seen.has(q.id)));
      return createSession(trx, actor.memberId, 'daily', day, [...fresh, ...again].slice(0, DAILY_COUNT), now);
    });
  } catch (error) {
    // Two first visits at once: the other one drew today's questions.
    const raced = await find(db);
    if (!raced) throw error;
    id = raced.id;
  }
  return presentSession(db, id);
}

/** Whether today's daily practice was drawn and finished; draws nothing. */
export async function dailyPracticeStatus(
  db: Kysely<Database>,
  actor: Actor,
  now = Date.now(),
): Promise<DailyPracticeStatus> {
  const day = dayOf(now);
  const session = await db
    .selectFrom('practice_sessions')
    .select(['id', 'completed_at'])
    .where('member_id', '=', actor.memberId)
    .where('kind', '=', 'daily')
    .where('day', '=', day)
    .executeTakeFirst();
  if (!session) return { day, started: false, completed: false, answered: 0, total: 0, correctCount: 0 };
  const items = await db
    .selectFrom('practice_items')
    .select(['chosen', 'correct'])
    .where('session_id', '=', session.id)
    .execute();
  return {
    day,
    started: true,
    completed: session.completed_at !== null,
    answered: items.filter((i) => i.chosen !== null).length,
    total: items.length,
    correctCount: items.filter((i) => Number(i.correct) === 1).length,
  };
}

/** A new practice from the wrong-answer book: the most missed questions first. */
export async function wrongBookPractice(
  db: Kysely<Database>,
  actor: Actor,
  now = Date.now(),
): Promise<PracticeSession> {
  requireMember(actor);
  const id = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('wrong_book')
      .innerJoin('questions', 'questions.id', 'wrong_book.question_id')
      .selectAll('questions')
      .where('wrong_book.member_id', '=', actor.memberId)
      .where('wrong_book.cleared_at', 'is', null)
      .where('questions.archived_at', 'is', null)
      .orderBy('wrong_book.misses', 'desc')
      .orderBy('wrong_book.last_missed_at', 'desc')
      .limit(WRONG_BOOK_COUNT * 4)
      .execute();
    if (rows.length === 0) throw conflict('WRONG_BOOK_EMPTY', '错题本里没有题目了，继续保持');
    return createSession(trx, actor.memberId, 'wrong_book', null, shuffle(rows).slice(0, WRONG_BOOK_COUNT), now);
  });
  return presentSession(db, id);
}

/** One of the member's practice sessions (the guard has checked it is theirs). */
export async function practiceSession(db: Kysely<Database>, sessionId: number): Promise<PracticeSession> {
  return presentSession(db, sessionId);
}

/** Grades one practice answer at once. Answering the same question again returns the first feedback. */
export async function answerPractice(
  db: Kysely<Database>,
  actor: Actor,
  sessionId: number,
  body: PracticeAnswerBody,
  now = Date.now(),
): Promise<PracticeSession> {
  await pointsTransaction(db, async (trx) => {
    const session = await trx
      .selectFrom('practice_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw notFound('练习');
    const item = await trx
      .selectFrom('practice_items')
      .innerJoin('question_versions', 'question_versions.id', 'practice_items.version_id')
      .select([
        'practice_items.option_order',
        'practice_items.chosen',
        'practice_items.question_id as id',
        'question_versions.kind',
        'question_versions.answer',
      ])
      .where('practice_items.session_id', '=', sessionId)
      .where('practice_items.position', '=', body.position)
      .executeTakeFirst();
    if (!item) throw badRequest('INVALID_ANSWER', `第 ${body.position + 1} 题不在这次练习中`);
    if (item.chosen !== null) return;
    const order = JSON.parse(item.option_order) as number[];
    if (body.choices.some((c) => c >= order.length)) throw badRequest('INVALID_ANSWER', '所选选项不存在');
    if (item.kind !== 'multiple' && new Set(body.choices).size > 1)
      throw badRequest('INVALID_ANSWER', '这道题只能选一项');
    const chosen = toOriginal(order, body.choices);
    const correct = gradeQuestion(item.kind, JSON.parse(item.answer) as number[], chosen) === 1;
    const updated = await trx
      .updateTable('practice_items')
      .set({ chosen: JSON.stringify(chosen), correct: correct ? 1 : 0, answered_at: now })
      .where('session_id', '=', sessionId)
      .where('position', '=', body.position)
      .where('chosen', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await recordOutcomes(trx, actor.memberId, [{ questionId: item.id, correct }], now);
    const open = await trx
      .selectFrom('practice_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .where('chosen', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0 || session.completed_at !== null) return;
    await trx.updateTable('practice_sessions').set({ completed_at: now }).where('id', '=', sessionId).execute();
    // Completing today's daily practice pays the rule, clamped by its cap (1 a month by default).
    if (session.kind === 'daily' && session.day === dayOf(now)) {
      await award(trx, {
        memberId: actor.memberId,
        ruleCode: 'daily_practice',
        sourceType: 'daily_practice',
        sourceId: sessionId,
        occurredAt: now,
        now,
      });
    }
  });
  return presentSession(db, sessionId);
}

export async function wrongBook(db: Kysely<Database>, actor: Actor, limit = 100): Promise<WrongBook> {
  const base = db
    .selectFrom('wrong_book')
    .innerJoin('questions', 'questions.id', 'wrong_book.question_id')
    .where('wrong_book.member_id', '=', actor.memberId)
    .where('wrong_book.cleared_at', 'is', null)
    .where('questions.archived_at', 'is', null);
  const [rows, count] = await Promise.all([
    base
      .select([
        'questions.id',
        'questions.kind',
        'questions.stem',
        'questions.tags',
        'wrong_book.misses',
        'wrong_book.streak',
        'wrong_book.last_missed_at',
      ])
      .orderBy('wrong_book.last_missed_at', 'desc')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      questionId: r.id,
      kind: r.kind as WrongBook['items'][number]['kind'],
      stem: r.stem,
      tags: JSON.parse(r.tags) as string[],
      misses: r.misses,
      streak: r.streak,
      lastMissedAt: toIso(r.last_missed_at),
    })),
  };
}

/**
 * One question of the member's own wrong-answer book, with its answer and explanation. Refused
 * while one of the member's attempts holding the question is running, so the book is never a
 * way to look up an answer during an exam.
 */
export async function wrongBookQuestion(
  db: Kysely<Database>,
  actor: Actor,
  questionId: number,
  now = Date.now(),
): Promise<WrongBookQuestion> {
  const row = await db
    .selectFrom('wrong_book')
    .innerJoin('questions', 'questions.id', 'wrong_book.question_id')
    .select([
      'questions.id',
      'questions.kind',
      'questions.stem',
      'questions.options',
      'questions.answer',
      'questions.explanation',
    ])
    .where('wrong_book.member_id', '=', actor.memberId)
    .where('wrong_book.question_id', '=', questionId)
    .where('wrong_book.cleared_at', 'is', null)
    .where('questions.archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('错题');
  const running = await db
    .selectFrom('quiz_attempts')
    .innerJoin('quizzes', 'quizzes.id', 'quiz_attempts.quiz_id')
    .select([
      'quiz_attempts.paper',
      'quiz_attempts.deadline_at',
      'quiz_attempts.started_at',
      'quizzes.time_limit_minutes',
    ])
    .where('quiz_attempts.member_id', '=', actor.memberId)
    .where('quiz_attempts.submitted_at', 'is', null)
    .execute();
  const holds = running.some((a) => {
    const deadline = a.deadline_at ?? a.started_at + a.time_limit_minutes * 60_000;
    if (now > deadline + ATTEMPT_GRACE_MS) return false;
    const paper = a.paper ? (JSON.parse(a.paper) as Array<[number, ...unknown[]]>) : [];
    return paper.some(([id]) => id === questionId);
  });
  if (holds) throw conflict('ANSWER_HIDDEN_DURING_EXAM', '这道题在您正在作答的考试中，交卷后再看答案和解析');
  return {
    questionId: row.id,
    kind: row.kind as WrongBookQuestion['kind'],
    stem: row.stem,
    options: JSON.parse(row.options) as string[],
    answer: (JSON.parse(row.answer) as number[]).slice().sort((a, b) => a - b),
    explanation: row.explanation,
  };
}
