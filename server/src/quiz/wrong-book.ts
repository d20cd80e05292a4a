// The wrong-answer book (错题本): every miss goes in; two correct answers in a row take a
// question out; a later miss puts it back.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** Correct answers in a row that clear a question from the book. */
export const CLEAR_STREAK = 2;

export interface Outcome {
  questionId: number;
  /** Exact answers only; a partly right multiple choice counts as a miss. */
  correct: boolean;
}

export async function recordOutcomes(
  trx: Transaction<Database>,
  memberId: number,
  outcomes: readonly Outcome[],
  at: number,
): Promise<void> {
  const missed = [...new Set(outcomes.filter((o) => !o.correct).map((o) => o.questionId))];
  const right = [...new Set(outcomes.filter((o) => o.correct).map((o) => o.questionId))].filter(
    (id) => !missed.includes(id),
  );
  if (missed.length) {
    await trx
      .insertInto('wrong_book')
      .values(
        missed.map((questionId) => ({
          member_id: memberId,
          question_id: questionId,
          misses: 1,
          streak: 0,
          last_missed_at: at,
          cleared_at: null,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['member_id', 'question_id']).doUpdateSet((eb) => ({
          misses: eb('wrong_book.misses', '+', 1),
          streak: 0,
          last_missed_at: at,
          cleared_at: null,
          updated_at: at,
        })),
      )
      .execute();
  }
  if (right.length) {
    await trx
      .updateTable('wrong_book')
      .set((eb) => ({
        streak: eb('streak', '+', 1),
        cleared_at: eb
          .case()
          .when('streak', '>=', CLEAR_STREAK - 1)
          .then(at)
          .else(null)
          .end(),
        updated_at: at,
      }))
      .where('member_id', '=', memberId)
      .where('question_id', 'in', right)
      .where('cleared_at', 'is', null)
      .execute();
  }
}
