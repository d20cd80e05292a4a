import type { QuizSummary } from '@contract';
import { fetchManagedQuizzes } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** Quizzes a secretary or org admin looks after. */
export function useManagedQuizzes(): AsyncState<QuizSummary[]> {
  return useAsync(() => fetchManagedQuizzes({ silent: true }));
}
