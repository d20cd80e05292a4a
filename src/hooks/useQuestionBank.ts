import type { QuestionPage, QuestionQuery } from '@contract';
import { fetchQuestions } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** One page of the question bank for a filter; a new filter loads again. */
export function useQuestionBank(filter: QuestionQuery): AsyncState<QuestionPage> {
  return useAsync(() => fetchQuestions(filter, { silent: true }), { key: JSON.stringify(filter) });
}
